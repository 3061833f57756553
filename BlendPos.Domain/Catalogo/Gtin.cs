namespace BlendPos.Domain.Catalogo;

/// <summary>
/// Barcode rules (seed 12.3): digits only, 4 to 14 long. The GS1 lengths (EAN-8, UPC-A, EAN-13, ITF-14)
/// must carry a correct mod-10 check digit; any other length is a shop's internal short code and has none.
/// Input is taken as given: callers trim.
/// </summary>
public static class Gtin
{
    public const int MinLength = 4;
    public const int MaxLength = 14;

    private const string Obligatorio = "El código de barras es obligatorio.";
    private const string SoloDigitos = "El código de barras solo admite dígitos.";
    private const string Longitud = "El código de barras debe tener entre 4 y 14 dígitos.";
    private const string DigitoVerificador = "El dígito verificador del código de barras no es válido.";

    /// <summary>True for the lengths that GS1 defines with a check digit: 8, 12, 13 and 14.</summary>
    public static bool IsGs1Length(int length) => length is 8 or 12 or 13 or 14;

    /// <summary>
    /// GS1 mod-10 check digit for <paramref name="digitsWithoutCheck"/>: weights 3 and 1 alternate starting with 3
    /// at the rightmost digit, so the same function serves every GS1 length.
    /// </summary>
    /// <exception cref="ArgumentException">The input is empty or holds anything but ASCII digits.</exception>
    public static int ComputeCheckDigit(string digitsWithoutCheck)
    {
        ArgumentNullException.ThrowIfNull(digitsWithoutCheck);
        if (digitsWithoutCheck.Length == 0 || !AllAsciiDigits(digitsWithoutCheck))
            throw new ArgumentException("Expected one or more ASCII digits.", nameof(digitsWithoutCheck));

        var sum = 0;
        var weight = 3;
        for (var i = digitsWithoutCheck.Length - 1; i >= 0; i--)
        {
            sum += (digitsWithoutCheck[i] - '0') * weight;
            weight = 4 - weight;
        }
        return (10 - sum % 10) % 10;
    }

    /// <summary>
    /// True when <paramref name="code"/> is an all-digit GS1 code (8, 12, 13 or 14 long) whose last digit is its
    /// check digit; false for any other length or content.
    /// </summary>
    public static bool HasValidCheckDigit(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!IsGs1Length(code.Length) || !AllAsciiDigits(code)) return false;
        return ComputeCheckDigit(code[..^1]) == code[^1] - '0';
    }

    /// <summary>Null when <paramref name="code"/> is an acceptable barcode, otherwise the reason in Spanish.</summary>
    public static string? Validate(string? code)
    {
        if (string.IsNullOrEmpty(code)) return Obligatorio;
        if (!AllAsciiDigits(code)) return SoloDigitos;
        if (code.Length is < MinLength or > MaxLength) return Longitud;
        if (IsGs1Length(code.Length) && !HasValidCheckDigit(code)) return DigitoVerificador;
        return null;
    }

    public static bool IsValid(string? code) => Validate(code) is null;

    // char.IsDigit would let Arabic-Indic or full-width digits through; a scanner only sends ASCII.
    private static bool AllAsciiDigits(string text)
    {
        foreach (var c in text)
            if (!char.IsAsciiDigit(c)) return false;
        return true;
    }
}
