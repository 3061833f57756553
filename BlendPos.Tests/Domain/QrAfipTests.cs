using System.Text;
using BlendPos.Domain.Facturacion;

namespace BlendPos.Tests.Domain;

// Expected strings written by hand from AFIP.md "QR on printed invoices" (field order ver, fecha, cuit, ptoVta, tipoCmp,
// nroCmp, importe, moneda, ctz, [tipoDocRec, nroDocRec], tipoCodAut, codAut), not produced by the code under test.
public class QrAfipTests
{
    private static readonly DatosQrAfip ConsumidorFinal = new(
        new DateOnly(2026, 12, 7), 20123456786, 1, 6, 12, 1234.5m, 99, 0, "76123456789012");

    [Fact]
    public void Unidentified_consumidor_final_has_no_receptor_fields()
    {
        Assert.Equal(
            """{"ver":1,"fecha":"2026-12-07","cuit":20123456786,"ptoVta":1,"tipoCmp":6,"nroCmp":12,"importe":1234.50,"moneda":"PES","ctz":1,"tipoCodAut":"E","codAut":76123456789012}""",
            QrAfip.Payload(ConsumidorFinal));
    }

    [Fact]
    public void Identified_receptor_goes_after_ctz()
    {
        var facturaA = ConsumidorFinal with { TipoComprobante = 1, Numero = 94, Importe = 12100m, DocTipo = 80, DocNro = 30712345671 };
        Assert.Equal(
            """{"ver":1,"fecha":"2026-12-07","cuit":20123456786,"ptoVta":1,"tipoCmp":1,"nroCmp":94,"importe":12100.00,"moneda":"PES","ctz":1,"tipoDocRec":80,"nroDocRec":30712345671,"tipoCodAut":"E","codAut":76123456789012}""",
            QrAfip.Payload(facturaA));
    }

    [Fact]
    public void Afip_example_with_foreign_currency()
    {
        var ejemplo = new DatosQrAfip(new DateOnly(2020, 10, 13), 30000000007, 10, 1, 94, 12100m, 80, 20000000001,
            "70417054367476", "DOL", 65m);
        Assert.Equal(
            """{"ver":1,"fecha":"2020-10-13","cuit":30000000007,"ptoVta":10,"tipoCmp":1,"nroCmp":94,"importe":12100.00,"moneda":"DOL","ctz":65,"tipoDocRec":80,"nroDocRec":20000000001,"tipoCodAut":"E","codAut":70417054367476}""",
            QrAfip.Payload(ejemplo));
    }

    [Fact]
    public void Importe_is_rounded_to_two_decimals_whatever_the_machine_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("es-AR");
        try
        {
            Assert.Contains("\"importe\":1000.01,", QrAfip.Payload(ConsumidorFinal with { Importe = 1000.005m }));
            Assert.Contains("\"importe\":0.10,", QrAfip.Payload(ConsumidorFinal with { Importe = 0.1m }));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Url_is_the_base_then_p_with_standard_base64_of_the_payload()
    {
        var url = QrAfip.Url(QrAfip.UrlPorDefecto, ConsumidorFinal);

        Assert.StartsWith("https://www.afip.gob.ar/fe/qr/?p=", url);
        var p = url["https://www.afip.gob.ar/fe/qr/?p=".Length..];
        Assert.Equal(QrAfip.Payload(ConsumidorFinal), Encoding.UTF8.GetString(Convert.FromBase64String(p)));
        Assert.Equal(0, p.Length % 4); // padded, standard alphabet (not base64url)
        Assert.DoesNotContain('-', p);
        Assert.DoesNotContain('_', p);
    }

    [Fact]
    public void Base_url_is_configurable()
    {
        Assert.StartsWith("https://www.arca.gob.ar/fe/qr/?p=", QrAfip.Url("https://www.arca.gob.ar/fe/qr/", ConsumidorFinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("7612345678901A")]
    [InlineData("1234567890123456789")]
    public void A_cae_that_is_not_a_number_is_refused(string cae) =>
        Assert.Throws<ArgumentException>(() => QrAfip.Payload(ConsumidorFinal with { Cae = cae }));
}
