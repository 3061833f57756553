using BlendPos.Domain.Facturacion;

namespace BlendPos.Tests.Domain;

// Check digits computed independently (weights 5,4,3,2,7,6,5,4,3,2; 11 - sum % 11; 11 -> 0; 10 -> none).
// By hand for 20-12345678-6: sum 148, 148 % 11 = 5, 11 - 5 = 6.
public class CuitTests
{
    private const string DigitoVerificador = "El dígito verificador del CUIT no es válido.";

    [Theory]
    [InlineData("2012345678", 6)]
    [InlineData("3071234567", 1)]
    [InlineData("3369345023", 9)] // AFIP's own CUIT
    [InlineData("3050001091", 2)] // Banco de la Nación Argentina
    [InlineData("2012345670", 0)] // 11 - sum % 11 = 11 becomes 0
    [InlineData("2342359806", 9)]
    public void Check_digit_is_mod11_with_afip_weights(string firstTen, int expected) =>
        Assert.Equal(expected, Cuit.ComputeCheckDigit(firstTen));

    [Theory]
    [InlineData("2042359806")]
    [InlineData("2099999999")]
    public void Prefix_and_number_whose_mod11_gives_10_have_no_check_digit(string firstTen)
    {
        Assert.Null(Cuit.ComputeCheckDigit(firstTen));
        for (var digit = 0; digit <= 9; digit++)
            Assert.False(Cuit.IsValid(firstTen + digit));
    }

    [Theory]
    [InlineData("20123456786")]
    [InlineData("30712345671")]
    [InlineData("33693450239")]
    [InlineData("30500010912")]
    [InlineData("20123456700")]
    [InlineData("23423598069")] // AFIP gives prefix 23 when 20 would need a check digit of 10
    [InlineData("27401234565")]
    [InlineData("34600043562")]
    public void Cuit_with_right_check_digit_is_accepted(string cuit)
    {
        Assert.True(Cuit.IsValid(cuit));
        Assert.Null(Cuit.Validate(cuit));
    }

    [Theory]
    [InlineData("20123456787")]
    [InlineData("30712345670")]
    [InlineData("33693450238")]
    [InlineData("20-12345678-0")]
    public void Cuit_with_wrong_check_digit_is_refused(string cuit)
    {
        Assert.False(Cuit.IsValid(cuit));
        Assert.Equal(DigitoVerificador, Cuit.Validate(cuit));
    }

    [Fact]
    public void Every_single_digit_typo_in_a_cuit_is_caught()
    {
        const string good = "30712345671";
        for (var position = 0; position < good.Length; position++)
        {
            for (var digit = '0'; digit <= '9'; digit++)
            {
                if (digit == good[position]) continue;
                var typo = good[..position] + digit + good[(position + 1)..];
                Assert.False(Cuit.IsValid(typo), typo);
            }
        }
    }

    [Theory]
    [InlineData("20-12345678-6")]
    [InlineData("20.12345678.6")]
    [InlineData("20 12345678 6")]
    [InlineData(" 20123456786 ")]
    [InlineData("20–12345678–6")] // en dash, as word processors write it
    [InlineData("20123456786")]
    public void Normalize_strips_dashes_dots_and_spaces(string text) =>
        Assert.Equal("20123456786", Cuit.Normalize(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2012345678")] // 10 digits
    [InlineData("201234567861")] // 12 digits
    [InlineData("20-1234567A-6")]
    [InlineData("20/12345678/6")]
    [InlineData("２0123456786")] // full-width digit
    public void Normalize_gives_null_when_not_eleven_digits(string? text) =>
        Assert.Null(Cuit.Normalize(text));

    [Fact]
    public void Formatted_cuit_is_valid_too() => Assert.True(Cuit.IsValid("30-71234567-1"));

    [Theory]
    [InlineData("20123456786", "20-12345678-6")]
    [InlineData("20-12345678-6", "20-12345678-6")]
    [InlineData("30 71234567 1", "30-71234567-1")]
    public void Format_writes_prefix_number_and_check_digit_with_dashes(string text, string expected) =>
        Assert.Equal(expected, Cuit.Format(text));

    [Fact]
    public void Format_does_not_judge_the_check_digit() =>
        Assert.Equal("20-12345678-0", Cuit.Format("20123456780"));

    [Theory]
    [InlineData("123")]
    [InlineData("20-1234567A-6")]
    public void Format_of_something_that_is_not_a_cuit_throws(string text) =>
        Assert.Throws<ArgumentException>(() => Cuit.Format(text));

    [Theory]
    [InlineData(null, "El CUIT es obligatorio.")]
    [InlineData("", "El CUIT es obligatorio.")]
    [InlineData("   ", "El CUIT es obligatorio.")]
    [InlineData("20-1234567A-6", "El CUIT solo admite dígitos, guiones, puntos y espacios.")]
    [InlineData("2012345678", "El CUIT debe tener 11 dígitos.")]
    [InlineData("20-123456789-6", "El CUIT debe tener 11 dígitos.")]
    [InlineData("20123456787", DigitoVerificador)]
    public void Validate_names_what_is_wrong_in_spanish(string? text, string expected) =>
        Assert.Equal(expected, Cuit.Validate(text));

    [Theory]
    [InlineData("")]
    [InlineData("201234567")]
    [InlineData("20123456786")]
    [InlineData("20-1234567-")]
    public void Check_digit_needs_exactly_ten_digits(string firstTen) =>
        Assert.Throws<ArgumentException>(() => Cuit.ComputeCheckDigit(firstTen));
}
