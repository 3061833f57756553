using System.Globalization;
using BlendPos.Domain;

namespace BlendPos.Tests.Domain;

public class MoneyTests
{
    [Theory]
    [InlineData("1234", "1234")]
    [InlineData("0", "0")]
    [InlineData("1234,5", "1234.5")]
    [InlineData("1234,50", "1234.50")]
    [InlineData("0,50", "0.50")]
    [InlineData("1234.50", "1234.50")]
    [InlineData("1234.5", "1234.5")]
    [InlineData("12.34", "12.34")]
    [InlineData("1.234,50", "1234.50")]
    [InlineData("1.234.567,89", "1234567.89")]
    [InlineData("1,234.50", "1234.50")]
    [InlineData("1,234,567.89", "1234567.89")]
    [InlineData("007", "7")]
    public void Amount_in_es_ar_or_invariant_notation_is_read(string text, string expected) =>
        AssertParses(text, expected);

    [Theory]
    [InlineData("1.234", "1234")]
    [InlineData("12.345", "12345")]
    [InlineData("1.500", "1500")]
    [InlineData("1.234.567", "1234567")]
    public void Dots_followed_by_groups_of_three_are_es_ar_thousands(string text, string expected) =>
        AssertParses(text, expected);

    [Theory]
    [InlineData("$ 1.234,50", "1234.50")]
    [InlineData("$1234,50", "1234.50")]
    [InlineData("  1234,50  ", "1234.50")]
    [InlineData("$   15", "15")]
    [InlineData("$\u00A01.234,50", "1234.50")] // what .NET's own es-AR currency format writes
    public void Dollar_sign_and_surrounding_spaces_are_tolerated(string text, string expected) =>
        AssertParses(text, expected);

    [Theory]
    [InlineData("1,234")] // 1.234 in es-AR, 1234 in en-US: refuse rather than be off by a thousand
    [InlineData("12,345")]
    [InlineData("1,234,567")]
    public void Lone_comma_followed_by_three_digits_is_refused_as_ambiguous(string text) =>
        AssertRefused(text);

    [Theory]
    [InlineData("1234,567")]
    [InlineData("1.234,567")]
    [InlineData("1,234.567")]
    [InlineData("1234.567")]
    [InlineData("0.500")]
    [InlineData("1.2345")]
    public void More_than_two_decimals_is_refused(string text) => AssertRefused(text);

    [Theory]
    [InlineData("12.34,50")]
    [InlineData("1234.567,89")]
    [InlineData("1..234")]
    [InlineData("1.234.56")]
    [InlineData("1.234,5.6")]
    [InlineData("1,2,3")]
    [InlineData("1 234,50")]
    public void Badly_placed_separators_are_refused(string text) => AssertRefused(text);

    [Theory]
    [InlineData(",50")]
    [InlineData(".50")]
    [InlineData("12,")]
    [InlineData("12.")]
    public void Missing_integer_or_decimal_part_is_refused(string text) => AssertRefused(text);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("$")]
    [InlineData("-")]
    [InlineData("abc")]
    [InlineData("12a")]
    [InlineData("1e3")]
    [InlineData("+5")]
    [InlineData("$$5")]
    [InlineData("5$")]
    [InlineData("١٢٣")] // Arabic-Indic digits
    [InlineData("１２３")] // full-width digits
    [InlineData("99999999999999999999999999999999")] // beyond decimal
    public void Empty_or_non_numeric_text_is_refused(string? text) => AssertRefused(text);

    [Theory]
    [InlineData("-5")]
    [InlineData("-$ 1.234,50")]
    [InlineData("$ -1.234,50")]
    public void Negative_amount_is_refused_by_default(string text) => AssertRefused(text);

    [Theory]
    [InlineData("-5", "-5")]
    [InlineData("-1234,50", "-1234.50")]
    [InlineData("-$ 1.234,50", "-1234.50")]
    [InlineData("$ -1.234,50", "-1234.50")]
    [InlineData("$-0,5", "-0.5")]
    public void Negative_amount_is_read_when_allowed(string text, string expected)
    {
        Assert.True(Money.TryParse(text, out var value, allowNegative: true));
        Assert.Equal(Dec(expected), value);
    }

    [Fact]
    public void Negative_sign_given_twice_is_refused() =>
        Assert.False(Money.TryParse("-$-5", out _, allowNegative: true));

    public static TheoryData<decimal, string> Formatted => new()
    {
        { 1234.5m, "$ 1.234,50" },
        { 0m, "$ 0,00" },
        { 7m, "$ 7,00" },
        { 999.99m, "$ 999,99" },
        { 1234567.891m, "$ 1.234.567,89" },
        { -1234.5m, "-$ 1.234,50" },
        { 0.005m, "$ 0,01" },
        { -0.005m, "-$ 0,01" },
        { 2.345m, "$ 2,35" },
        { 999.995m, "$ 1.000,00" },
        { -0.004m, "$ 0,00" },
    };

    [Theory]
    [MemberData(nameof(Formatted))]
    public void Format_writes_es_ar_currency_with_two_decimals(decimal value, string expected) =>
        Assert.Equal(expected, Money.Format(value));

    public static TheoryData<decimal, string> FormattedPlain => new()
    {
        { 1234.5m, "1.234,50" },
        { 0.1m, "0,10" },
        { -1234.5m, "-1.234,50" },
        { 1000000m, "1.000.000,00" },
    };

    [Theory]
    [MemberData(nameof(FormattedPlain))]
    public void Format_plain_has_no_currency_sign(decimal value, string expected) =>
        Assert.Equal(expected, Money.FormatPlain(value));

    [Theory]
    [InlineData("en-US")]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    [InlineData("")]
    public void Machine_culture_changes_neither_format_nor_parse(string cultureName)
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(cultureName);
            Assert.Equal("$ 1.234.567,89", Money.Format(1234567.891m));
            Assert.True(Money.TryParse("1.234,50", out var esAr));
            Assert.Equal(1234.50m, esAr);
            Assert.True(Money.TryParse("1234.50", out var invariant));
            Assert.Equal(1234.50m, invariant);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    public static TheoryData<decimal> RoundTrip => new() { 0m, 0.01m, 1234.5m, 1234567.89m, -42.42m, 1000m };

    [Theory]
    [MemberData(nameof(RoundTrip))]
    public void What_format_writes_parse_reads_back(decimal value)
    {
        Assert.True(Money.TryParse(Money.Format(value), out var fromFormat, allowNegative: true));
        Assert.Equal(value, fromFormat);
        Assert.True(Money.TryParse(Money.FormatPlain(value), out var fromPlain, allowNegative: true));
        Assert.Equal(value, fromPlain);
    }

    public static TheoryData<decimal, decimal> Rounded => new()
    {
        { 2.345m, 2.35m }, // banker's rounding would give 2.34
        { 2.355m, 2.36m },
        { 1.005m, 1.01m },
        { 0.125m, 0.13m },
        { -2.345m, -2.35m },
        { 2.344m, 2.34m },
        { 2.3449m, 2.34m },
        { 10m, 10m },
    };

    [Theory]
    [MemberData(nameof(Rounded))]
    public void Round_keeps_two_decimals_half_away_from_zero(decimal value, decimal expected) =>
        Assert.Equal(expected, Money.Round(value));

    public static TheoryData<decimal, bool> Decimals => new()
    {
        { 1.23m, true },
        { 1.5m, true },
        { 1.500m, true }, // trailing zeros are not decimals
        { 100m, true },
        { 1.234m, false },
        { 0.001m, false },
        { -1.001m, false },
        { decimal.MaxValue, true },
        { decimal.MinValue, true },
    };

    [Theory]
    [MemberData(nameof(Decimals))]
    public void Has_at_most_two_decimals_looks_at_the_value_not_the_scale(decimal value, bool expected) =>
        Assert.Equal(expected, Money.HasAtMostTwoDecimals(value));

    private static void AssertParses(string text, string expected)
    {
        Assert.True(Money.TryParse(text, out var value), text);
        Assert.Equal(Dec(expected), value);
    }

    private static void AssertRefused(string? text)
    {
        Assert.False(Money.TryParse(text, out var value), text);
        Assert.Equal(0m, value);
    }

    private static decimal Dec(string invariant) => decimal.Parse(invariant, CultureInfo.InvariantCulture);
}
