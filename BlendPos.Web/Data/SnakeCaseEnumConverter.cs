using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BlendPos.Web.Data;

/// <summary>Stores an enum as its snake_case name ("pendiente_cierre"), the same text the JSON API uses.</summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => ToText(value),
    text => FromText(text))
    where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().ToDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

    private static readonly Dictionary<string, TEnum> Values = Names.ToDictionary(kv => kv.Value, kv => kv.Key);

    public static string ToText(TEnum value) => Names[value];

    public static TEnum FromText(string text) =>
        Values.TryGetValue(text, out var value)
            ? value
            : throw new InvalidOperationException($"Unknown {typeof(TEnum).Name} value '{text}' in the database.");
}
