using System.Globalization;

namespace BlendPos.Domain;

/// <summary>
/// Money is <see cref="decimal"/>, 2 decimals, rounded half away from zero (as AFIP does), written the es-AR way:
/// <c>$ 1.234,50</c>. Nothing here reads the machine's culture.
/// </summary>
public static class Money
{
    private static readonly NumberFormatInfo EsAr = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        NumberGroupSizes = [3],
        NegativeSign = "-",
    };

    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>True when <paramref name="value"/> has no non-zero digit past the second decimal (1.500 counts as 1.50).</summary>
    public static bool HasAtMostTwoDecimals(decimal value) => decimal.Round(value, 2) == value;

    /// <summary><c>$ 1.234,50</c>, or <c>-$ 1.234,50</c>; rounded to 2 decimals first.</summary>
    public static string Format(decimal value) => Format(value, "$ ");

    /// <summary><c>1.234,50</c>, or <c>-1.234,50</c>; rounded to 2 decimals first.</summary>
    public static string FormatPlain(decimal value) => Format(value, "");

    private static string Format(decimal value, string symbol)
    {
        var rounded = Round(value);
        // Compare rather than read the sign bit: -0.004 rounds to a "negative zero" that must print as 0,00.
        var sign = rounded < 0 ? "-" : "";
        return sign + symbol + Math.Abs(rounded).ToString("N2", EsAr);
    }

    /// <summary>
    /// Reads an amount typed by a person or found in a supplier's CSV, in es-AR or invariant notation.
    /// <list type="bullet">
    /// <item>Tolerated: surrounding spaces, a leading <c>$</c>, spaces after it, a leading <c>-</c> (before or after
    /// the <c>$</c>) when <paramref name="allowNegative"/>.</item>
    /// <item>A separator that occurs once and is followed by 1 or 2 digits at the end is the decimal separator,
    /// whether <c>,</c> or <c>.</c>: <c>1234,5</c>, <c>1234,50</c>, <c>1234.50</c>.</item>
    /// <item>With both separators, the last one is the decimal separator and the other groups thousands:
    /// <c>1.234,50</c> (es-AR) and <c>1,234.50</c> (en-US) both read 1234.50.</item>
    /// <item>Dots alone followed by groups of 3 digits are thousands (es-AR): <c>1.234</c> and <c>1.234.567</c>
    /// are integers.</item>
    /// <item>Refused: a lone comma followed by 3 digits (<c>1,234</c> is 1.234 in es-AR and 1234 in en-US: guessing
    /// would be off by a thousand), more than 2 decimals, badly placed thousands separators (<c>12.34,50</c>,
    /// <c>0.500</c>), a missing integer or decimal part (<c>,50</c>, <c>12,</c>), letters, any other character,
    /// empty input, and a minus sign unless <paramref name="allowNegative"/>.</item>
    /// </list>
    /// </summary>
    public static bool TryParse(string? text, out decimal value, bool allowNegative = false)
    {
        value = 0m;
        if (text is null) return false;

        var s = text.AsSpan().Trim();
        var negative = false;
        if (s.StartsWith("-")) { negative = true; s = s[1..].TrimStart(); }
        if (s.StartsWith("$")) s = s[1..].TrimStart();
        if (!negative && s.StartsWith("-")) { negative = true; s = s[1..].TrimStart(); }
        if (negative && !allowNegative) return false;

        if (!TrySplit(s, out var integerDigits, out var fractionDigits)) return false;

        var invariant = fractionDigits.Length == 0 ? integerDigits : integerDigits + "." + fractionDigits;
        if (!decimal.TryParse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
            return false;

        value = negative && parsed != 0m ? -parsed : parsed;
        return true;
    }

    /// <summary>Splits a number made of ASCII digits, '.' and ',' into bare integer and fraction digits.</summary>
    private static bool TrySplit(ReadOnlySpan<char> s, out string integerDigits, out string fractionDigits)
    {
        integerDigits = fractionDigits = "";
        foreach (var c in s)
            if (!char.IsAsciiDigit(c) && c != '.' && c != ',') return false;

        var lastDot = s.LastIndexOf('.');
        var lastComma = s.LastIndexOf(',');
        ReadOnlySpan<char> integerPart = s;
        char? groupSeparator = null;

        if (lastDot >= 0 && lastComma >= 0)
        {
            var decimalAt = Math.Max(lastDot, lastComma);
            groupSeparator = lastDot > lastComma ? ',' : '.';
            integerPart = s[..decimalAt];
            fractionDigits = s[(decimalAt + 1)..].ToString();
            if (fractionDigits.Length is < 1 or > 2 || !IsDigits(fractionDigits)) return false;
        }
        else if (lastDot >= 0 || lastComma >= 0)
        {
            var separator = lastDot >= 0 ? '.' : ',';
            var at = Math.Max(lastDot, lastComma);
            var tail = s[(at + 1)..];
            if (s.Count(separator) == 1 && tail.Length is 1 or 2)
            {
                integerPart = s[..at];
                fractionDigits = tail.ToString();
            }
            else if (separator == '.')
            {
                groupSeparator = '.';
            }
            else
            {
                return false;
            }
        }

        return TryReadInteger(integerPart, groupSeparator, out integerDigits);
    }

    private static bool TryReadInteger(ReadOnlySpan<char> part, char? groupSeparator, out string digits)
    {
        digits = "";
        if (part.Length == 0) return false;
        if (groupSeparator is not { } separator || part.IndexOf(separator) < 0)
        {
            digits = part.ToString();
            return IsDigits(part);
        }

        var groups = part.ToString().Split(separator);
        var first = groups[0];
        if (first.Length is < 1 or > 3 || first[0] == '0' || !IsDigits(first)) return false;
        for (var i = 1; i < groups.Length; i++)
            if (groups[i].Length != 3 || !IsDigits(groups[i])) return false;

        digits = string.Concat(groups);
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (!char.IsAsciiDigit(c)) return false;
        return true;
    }
}
