using BlendPos.Tests.Infrastructure;
using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace BlendPos.Tests.Features.Security;

/// <summary>
/// Bodies a hostile or broken client sends, made from the endpoint's own request type: a plausible sample, then one
/// field at a time replaced by null, the wrong type, 100 KB of text, numbers past any column, unicode and SQL-looking
/// text; plus bodies that are not JSON at all and bodies with fields nobody asked for.
/// </summary>
public static class HostileValues
{
    public static readonly string Huge = new('A', 100 * 1024);

    public static readonly string[] Nasty =
    [
        "'; DROP TABLE ventas; --", "\" OR \"1\"=\"1", "Robert'); DELETE FROM productos;--", "\u0000nul\u0000",
        "👩‍👩‍👧‍👦 ñandú ÁÉÍÓÚ 漢字", "\u202Eevil\u202C", "<script>alert(1)</script>", "../../../../etc/passwd", "%00%27%22",
        "\uFEFF\u200B", "${jndi:ldap://x/a}", "{{7*7}}",
    ];

    private static readonly JsonNamingPolicy Naming = JsonNamingPolicy.SnakeCaseLower;

    /// <summary>Raw bodies that are not the request at all.</summary>
    public static IEnumerable<(string Label, HttpContent Body)> Malformed()
    {
        foreach (var raw in new[]
                 {
                     "", "{", "{\"a\":", "[]", "null", "\"texto\"", "123", "true", "{}{}", "{\"x\":1,}", "{'a':1}",
                     "{\"a\":NaN}", "{\"a\":1e400}", new string('[', 5000) + new string(']', 5000),
                     "{\"a\":" + new string('{', 100) + new string('}', 100) + "}",
                 })
            yield return ($"malformed «{(raw.Length > 20 ? raw[..20] + "…" : raw)}»", Http.Json(raw));
        var bytes = new ByteArrayContent([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0xC3, 0x22, 0x7D]);
        bytes.Headers.ContentType = new("application/json");
        yield return ("invalid UTF-8", bytes);
        yield return ("JSON sent as text/plain", new StringContent("{}", System.Text.Encoding.UTF8, "text/plain"));
    }

    /// <summary>The sample with one field mutated, for every field (nested ones too), and a few whole-body variants.</summary>
    public static IEnumerable<(string Label, JsonNode? Body)> Mutations(Type type, IReadOnlyDictionary<string, JsonNode> known)
    {
        var sample = (JsonObject)Sample(type, known, 0)!;
        var leaves = new List<(string Path, Type Type)>();
        Leaves(type, "", leaves, 0);

        var n = 0;
        foreach (var (path, leafType) in leaves)
        foreach (var (label, value) in ValuesFor(leafType, n++))
            yield return ($"{path} = {label}", With(sample, path, value));

        foreach (var nasty in Nasty)
            yield return ($"every text field = {nasty}", WithAll(sample, leaves, typeof(string), JsonValue.Create(nasty)));
        yield return ("every text field = 100 KB", WithAll(sample, leaves, typeof(string), JsonValue.Create(Huge)));
        yield return ("every field null", WithAll(sample, leaves, null, null));
        var extra = (JsonObject)sample.DeepClone();
        extra["campo_que_no_existe"] = "x";
        extra["__proto__"] = new JsonObject { ["admin"] = true };
        extra["rol"] = "admin";
        extra["usuario_id"] = Guid.NewGuid().ToString();
        extra["created_at"] = "1999-01-01T00:00:00Z";
        yield return ("extra fields", extra);
    }

    private static IEnumerable<(string, JsonNode?)> ValuesFor(Type t, int n)
    {
        var u = Nullable.GetUnderlyingType(t) ?? t;
        yield return ("null", null);
        if (u == typeof(string))
        {
            yield return ("a number", JsonValue.Create(12345));
            yield return ("100 KB", JsonValue.Create(Huge));
            yield return ("nasty", JsonValue.Create(Nasty[n % Nasty.Length]));
        }
        else if (u == typeof(int) || u == typeof(long) || u == typeof(short))
        {
            foreach (var raw in new[] { "-1", "2147483648", "1.5", "1e400" })
                yield return (raw, RawNumber(raw));
            yield return ("a string", JsonValue.Create("abc"));
        }
        else if (u == typeof(decimal) || u == typeof(double) || u == typeof(float))
        {
            foreach (var raw in new[] { "-0.001", "79228162514264337593543950336", "-79228162514264337593543950335", "1e400", "123456789012.345" })
                yield return (raw, RawNumber(raw));
            yield return ("a string", JsonValue.Create("1234,50"));
        }
        else if (u == typeof(bool))
        {
            yield return ("a string", JsonValue.Create("yes"));
            yield return ("a number", JsonValue.Create(1));
        }
        else if (u == typeof(Guid))
        {
            yield return ("not a guid", JsonValue.Create("not-a-guid"));
            yield return ("empty guid", JsonValue.Create(Guid.Empty.ToString()));
            yield return ("a number", JsonValue.Create(7));
        }
        else if (u.IsEnum)
        {
            yield return ("unknown value", JsonValue.Create("no_existe"));
            yield return ("an integer", JsonValue.Create(1));
            yield return ("nasty", JsonValue.Create(Nasty[n % Nasty.Length]));
        }
        else if (u == typeof(DateOnly) || u == typeof(DateTime) || u == typeof(DateTimeOffset))
        {
            yield return ("not a date", JsonValue.Create("2026-13-45"));
            yield return ("year 1", JsonValue.Create("0001-01-01T00:00:00Z"));
            yield return ("year 9999", JsonValue.Create("9999-12-31T23:59:59+14:00"));
        }
        else if (ElementType(u) is { } element)
        {
            yield return ("an object", new JsonObject());
            yield return ("a string", JsonValue.Create("x"));
            yield return ("[null]", new JsonArray((JsonNode?)null));
            yield return ("10 000 elements", new JsonArray(Enumerable.Range(0, 10_000).Select(_ => Sample(element, new Dictionary<string, JsonNode>(), 1)).ToArray()));
        }
        else
        {
            yield return ("a string", JsonValue.Create("x"));
            yield return ("an array", new JsonArray());
        }
    }

    /// <summary>The number as written (JsonNode keeps the text, so 1e400 reaches the server as 1e400).</summary>
    private static JsonNode RawNumber(string raw) => JsonNode.Parse(raw)!;

    /// <summary>A plausible value of the type; properties named in <paramref name="known"/> get real ids from the test's data.</summary>
    public static JsonNode? Sample(Type t, IReadOnlyDictionary<string, JsonNode> known, int depth)
    {
        var u = Nullable.GetUnderlyingType(t) ?? t;
        if (u == typeof(string)) return "Prueba";
        if (u == typeof(int) || u == typeof(long) || u == typeof(short)) return 1;
        if (u == typeof(decimal) || u == typeof(double) || u == typeof(float)) return 100.5m;
        if (u == typeof(bool)) return true;
        if (u == typeof(Guid)) return Guid.NewGuid().ToString();
        if (u.IsEnum) return Naming.ConvertName(Enum.GetNames(u)[0]);
        if (u == typeof(DateOnly)) return "2026-01-15";
        if (u == typeof(DateTime) || u == typeof(DateTimeOffset)) return "2026-01-15T12:00:00Z";
        if (u == typeof(JsonElement)) return new JsonObject();
        if (ElementType(u) is { } element) return depth > 3 ? new JsonArray() : new JsonArray(Sample(element, known, depth + 1));
        if (depth > 3) return new JsonObject();
        var o = new JsonObject();
        foreach (var (name, p) in Properties(u))
            o[name] = known.TryGetValue(name, out var value) ? value.DeepClone() : Sample(p.PropertyType, known, depth + 1);
        return o;
    }

    private static void Leaves(Type t, string prefix, List<(string, Type)> into, int depth)
    {
        var u = Nullable.GetUnderlyingType(t) ?? t;
        foreach (var (name, p) in Properties(u))
        {
            var path = prefix.Length == 0 ? name : prefix + "." + name;
            into.Add((path, p.PropertyType));
            var pt = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            if (depth >= 3 || EndpointInventory.IsSimple(pt) || pt == typeof(JsonElement)) continue;
            if (ElementType(pt) is { } element)
            {
                if (!EndpointInventory.IsSimple(element) && element != typeof(JsonElement)) Leaves(element, path + ".0", into, depth + 1);
            }
            else Leaves(pt, path, into, depth + 1);
        }
    }

    private static IEnumerable<(string Name, PropertyInfo Property)> Properties(Type t)
    {
        if (EndpointInventory.IsSimple(t) || ElementType(t) is not null) yield break;
        foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!p.CanRead || p.GetIndexParameters().Length > 0 || p.GetCustomAttribute<JsonIgnoreAttribute>() is not null) continue;
            yield return (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? Naming.ConvertName(p.Name), p);
        }
    }

    private static Type? ElementType(Type t)
    {
        if (t == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(t)) return null;
        if (t.IsArray) return t.GetElementType();
        return t.GetInterfaces().Append(t).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }

    private static JsonNode With(JsonObject sample, string path, JsonNode? value)
    {
        var root = sample.DeepClone();
        var parts = path.Split('.');
        JsonNode? node = root;
        foreach (var part in parts[..^1])
            node = node is JsonArray a ? a[int.Parse(part)] : node?[part];
        switch (node)
        {
            case JsonObject o: o[parts[^1]] = value?.DeepClone(); break;
            case JsonArray a: a[int.Parse(parts[^1])] = value?.DeepClone(); break;
        }
        return root;
    }

    /// <summary>Every leaf of that type (null type: every leaf) set to the value.</summary>
    private static JsonNode WithAll(JsonObject sample, List<(string Path, Type Type)> leaves, Type? only, JsonNode? value)
    {
        JsonNode current = sample;
        foreach (var (path, t) in leaves)
        {
            if (only is not null && (Nullable.GetUnderlyingType(t) ?? t) != only) continue;
            if (only is null && path.Contains('.')) continue; // top level only: nulling a parent drops its children
            current = With((JsonObject)current, path, value);
        }
        return current;
    }
}
