using System.Globalization;

namespace BlendPos.Domain.Facturacion;

/// <summary>
/// CUIT/CUIL (AFIP): 11 digits, a 2-digit type prefix, an 8-digit number and a mod-11 check digit.
/// Stored as 11 bare digits; shown as <c>20-12345678-6</c>.
/// </summary>
public static class Cuit
{
    public const int Length = 11;

    private static readonly int[] Weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    private const string Obligatorio = "El CUIT es obligatorio.";
    private const string CaracteresInvalidos = "El CUIT solo admite dígitos, guiones, puntos y espacios.";
    private const string Longitud = "El CUIT debe tener 11 dígitos.";
    private const string DigitoVerificador = "El dígito verificador del CUIT no es válido.";

    /// <summary>
    /// The 11 bare digits of <paramref name="text"/> once dashes, dots and spaces are removed; null when what is
    /// left is not exactly 11 ASCII digits. The check digit is not looked at.
    /// </summary>
    public static string? Normalize(string? text)
    {
        if (text is null) return null;
        Span<char> digits = stackalloc char[Length];
        var count = 0;
        foreach (var c in text)
        {
            if (IsSeparator(c)) continue;
            if (!char.IsAsciiDigit(c) || count == Length) return null;
            digits[count++] = c;
        }
        return count == Length ? new string(digits) : null;
    }

    /// <summary>
    /// The check digit for the first 10 digits (prefix + number): weights 5,4,3,2,7,6,5,4,3,2,
    /// <c>11 - sum % 11</c>, where 11 becomes 0. Null when the result is 10: no CUIT exists with that prefix and
    /// number (AFIP then issues it under another prefix, e.g. 23).
    /// </summary>
    /// <exception cref="ArgumentException">The input is not exactly 10 ASCII digits.</exception>
    public static int? ComputeCheckDigit(string firstTenDigits)
    {
        ArgumentNullException.ThrowIfNull(firstTenDigits);
        if (firstTenDigits.Length != Weights.Length || !firstTenDigits.All(char.IsAsciiDigit))
            throw new ArgumentException("Expected exactly 10 ASCII digits.", nameof(firstTenDigits));

        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
            sum += (firstTenDigits[i] - '0') * Weights[i];
        return (11 - sum % 11) switch
        {
            11 => 0,
            10 => null,
            var digit => digit,
        };
    }

    /// <summary>
    /// True when <paramref name="text"/> (bare or with dashes, dots, spaces) is 11 digits with a correct check digit.
    /// Any 2-digit prefix is accepted: AFIP's list (20, 23, 24, 27, 30, 33, 34, 50, 51, 55…) is not closed.
    /// </summary>
    public static bool IsValid(string? text) => Normalize(text) is { } cuit && CheckDigitMatches(cuit);

    /// <summary>Null when <paramref name="text"/> is a valid CUIT, otherwise the reason in Spanish.</summary>
    public static string? Validate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Obligatorio;
        if (Normalize(text) is { } cuit) return CheckDigitMatches(cuit) ? null : DigitoVerificador;
        foreach (var c in text)
            if (!IsSeparator(c) && !char.IsAsciiDigit(c)) return CaracteresInvalidos;
        return Longitud;
    }

    /// <summary>
    /// <c>20-12345678-6</c> for any input that normalizes to 11 digits. Presentation only: the check digit is not
    /// verified, so a stored value can always be shown.
    /// </summary>
    /// <exception cref="ArgumentException">The input does not normalize to 11 digits.</exception>
    public static string Format(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cuit = Normalize(text)
            ?? throw new ArgumentException("A CUIT must have 11 digits.", nameof(text));
        return $"{cuit[..2]}-{cuit[2..10]}-{cuit[10]}";
    }

    private static bool CheckDigitMatches(string elevenDigits) =>
        ComputeCheckDigit(elevenDigits[..10]) is { } expected && expected == elevenDigits[10] - '0';

    // Dash punctuation covers the en dash that word processors put in "20–12345678–6".
    private static bool IsSeparator(char c) =>
        c == '.' || char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == UnicodeCategory.DashPunctuation;
}
