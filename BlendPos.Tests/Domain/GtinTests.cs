using BlendPos.Domain.Catalogo;

namespace BlendPos.Tests.Domain;

// Expected check digits were computed independently (GS1 mod-10, weights 3/1 from the right) and by hand for 7790895000997.
public class GtinTests
{
    private const string SoloDigitos = "El código de barras solo admite dígitos.";
    private const string Longitud = "El código de barras debe tener entre 4 y 14 dígitos.";
    private const string DigitoVerificador = "El dígito verificador del código de barras no es válido.";

    [Theory]
    [InlineData("779089500099", 7)]
    [InlineData("779123456789", 8)]
    [InlineData("03600029145", 2)]
    [InlineData("9638507", 4)]
    [InlineData("1001234567890", 2)]
    [InlineData("400638133393", 1)]
    [InlineData("779007001205", 0)]
    public void Check_digit_is_mod10_with_weights_3_and_1_from_the_right(string body, int expected) =>
        Assert.Equal(expected, Gtin.ComputeCheckDigit(body));

    [Theory]
    [InlineData("7790895000997")] // EAN-13, Argentine prefix 779
    [InlineData("7791234567898")]
    [InlineData("4006381333931")]
    [InlineData("5901234123457")]
    [InlineData("7790070012050")] // check digit 0
    public void Ean13_with_right_check_digit_is_accepted(string code)
    {
        Assert.True(Gtin.HasValidCheckDigit(code));
        Assert.Null(Gtin.Validate(code));
        Assert.True(Gtin.IsValid(code));
    }

    [Theory]
    [InlineData("036000291452")] // UPC-A
    [InlineData("96385074")] // EAN-8
    [InlineData("73513537")] // EAN-8
    [InlineData("10012345678902")] // ITF-14
    public void Upc_ean8_and_itf14_with_right_check_digit_are_accepted(string code)
    {
        Assert.True(Gtin.HasValidCheckDigit(code));
        Assert.Null(Gtin.Validate(code));
    }

    [Theory]
    [InlineData("7790895000990")]
    [InlineData("7790895000998")]
    [InlineData("7791234567890")]
    public void Ean13_with_wrong_check_digit_is_refused(string code)
    {
        Assert.False(Gtin.HasValidCheckDigit(code));
        Assert.Equal(DigitoVerificador, Gtin.Validate(code));
        Assert.False(Gtin.IsValid(code));
    }

    [Theory]
    [InlineData("036000291450")] // UPC-A
    [InlineData("96385075")] // EAN-8
    [InlineData("10012345678900")] // ITF-14
    public void Upc_ean8_and_itf14_with_wrong_check_digit_are_refused(string code) =>
        Assert.Equal(DigitoVerificador, Gtin.Validate(code));

    [Fact]
    public void Every_single_digit_typo_in_an_ean13_is_caught()
    {
        const string good = "7790895000997";
        for (var position = 0; position < good.Length; position++)
        {
            for (var digit = '0'; digit <= '9'; digit++)
            {
                if (digit == good[position]) continue;
                var typo = good[..position] + digit + good[(position + 1)..];
                Assert.False(Gtin.HasValidCheckDigit(typo), typo);
            }
        }
    }

    [Theory]
    [InlineData("1234")]
    [InlineData("12345")]
    [InlineData("123456")]
    [InlineData("1234567")]
    [InlineData("123456789")]
    [InlineData("1234567890")]
    [InlineData("12345678901")]
    public void Internal_short_codes_of_non_gs1_lengths_need_no_check_digit(string code)
    {
        Assert.Null(Gtin.Validate(code));
        Assert.True(Gtin.IsValid(code));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("12345678901")]
    [InlineData("779089500099")] // the EAN-13 body alone is 12 long, but not a valid UPC-A
    public void Has_valid_check_digit_is_false_for_non_gs1_lengths_and_bad_codes(string code) =>
        Assert.False(Gtin.HasValidCheckDigit(code));

    [Theory]
    [InlineData("123")]
    [InlineData("1")]
    [InlineData("123456789012345")]
    [InlineData("779089500099700000")]
    public void Code_too_short_or_too_long_is_refused(string code)
    {
        Assert.Equal(Longitud, Gtin.Validate(code));
        Assert.False(Gtin.IsValid(code));
    }

    [Theory]
    [InlineData("77908950009a")]
    [InlineData("7790-895000997")]
    [InlineData(" 7790895000997")] // callers trim; the rule does not
    [InlineData("7790895000997 ")]
    [InlineData("１２３４５")] // full-width digits
    [InlineData("٧٧٩٠٨٩٥٠٠٠٩٩٧")] // Arabic-Indic digits
    [InlineData("12a")] // not digits is reported before the length
    public void Code_with_anything_but_ascii_digits_is_refused(string code)
    {
        Assert.Equal(SoloDigitos, Gtin.Validate(code));
        Assert.False(Gtin.IsValid(code));
        Assert.False(Gtin.HasValidCheckDigit(code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Missing_code_is_refused(string? code)
    {
        Assert.Equal("El código de barras es obligatorio.", Gtin.Validate(code));
        Assert.False(Gtin.IsValid(code));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12a4")]
    [InlineData("１２")]
    public void Check_digit_of_non_digits_throws(string body) =>
        Assert.Throws<ArgumentException>(() => Gtin.ComputeCheckDigit(body));
}
