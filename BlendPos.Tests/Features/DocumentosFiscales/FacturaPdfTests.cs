using System.Text;
using BlendPos.Domain.Facturacion;
using BlendPos.Web.Infrastructure.Pdf;
using static BlendPos.Tests.Features.DocumentosFiscales.DocumentosDePrueba;

namespace BlendPos.Tests.Features.DocumentosFiscales;

/// <summary>The invoice PDF rendered and read back (PdfPig), page 1 saved as PNG, and the QR decoded from its pixels.</summary>
public class FacturaPdfTests
{
    private readonly FacturaPdf _pdf = new(new DocumentosOptions());

    [Fact]
    public async Task Factura_b_to_consumidor_final_shows_what_afip_asks_and_the_ley_27743_block()
    {
        var documento = FacturaB();
        var pdf = _pdf.Render(documento);
        var texto = LecturaPdf.Texto(pdf);

        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        foreach (var esperado in new[]
                 {
                     "ORIGINAL", "B", "COD. 006", "FACTURA", "Punto de Venta: 00001", "Comp. Nro: 00000012",
                     "Fecha de Emisión: 07/12/2026", "Kiosco Don Pepe", "Razón Social: Pepe Distribuciones S.R.L.",
                     "Domicilio Comercial: Av. Corrientes 1234, CABA", "Condición frente al IVA: IVA Responsable Inscripto",
                     "CUIT: 20-12345678-6", "Ingresos Brutos: 901-123456-7", "Fecha de Inicio de Actividades: 01/03/2020",
                     "A CONSUMIDOR FINAL", "Condición frente al IVA: Consumidor Final",
                     "Yerba Mate Suave 500 g", "$ 1.210,00", "$ 2.420,00", "$ 552,50",
                     "Importe Total: $ 2.972,50",
                     "Régimen de Transparencia Fiscal al Consumidor (Ley 27.743)", "IVA Contenido: $ 472,50",
                     "CAE N°: 76123456789012", "Fecha de Vto. de CAE: 17/12/2026", "Página 1 de 1",
                 })
            Assert.Contains(esperado, texto);
        // The long description wraps instead of running over the amounts.
        Assert.Contains("Alfajor Triple Chocolate", texto);
        Assert.Contains("surtidas", texto);
        Assert.DoesNotContain("Importe Neto Gravado", texto); // VAT is itemised on an A only
        Assert.DoesNotContain(TextosFactura.NoValido, texto);

        await LecturaPdf.GuardarPngAsync(pdf, "factura-b");
        Assert.Equal(_pdf.UrlQr(documento), await LecturaPdf.QrAsync(pdf));
    }

    [Fact]
    public async Task The_qr_decodes_to_afips_url_with_the_rg_4892_json()
    {
        var pdf = _pdf.Render(FacturaB());

        var url = await LecturaPdf.QrAsync(pdf);

        Assert.NotNull(url);
        Assert.StartsWith("https://www.afip.gob.ar/fe/qr/?p=", url);
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(url["https://www.afip.gob.ar/fe/qr/?p=".Length..]));
        Assert.Equal(
            """{"ver":1,"fecha":"2026-12-07","cuit":20123456786,"ptoVta":1,"tipoCmp":6,"nroCmp":12,"importe":2972.50,"moneda":"PES","ctz":1,"tipoCodAut":"E","codAut":76123456789012}""",
            json);
    }

    [Fact]
    public async Task Factura_c_has_no_vat_and_names_the_identified_buyer()
    {
        var documento = FacturaC();
        var pdf = _pdf.Render(documento);
        var texto = LecturaPdf.Texto(pdf);

        foreach (var esperado in new[]
                 {
                     "C", "COD. 011", "Punto de Venta: 00003", "Comp. Nro: 00000007", "CUIT: 27-23456789-1",
                     "Ingresos Brutos: No contribuyente", "Condición frente al IVA: Responsable Monotributo",
                     "DNI: 28.765.432", "Apellido y Nombre / Razón Social: Pérez, Juan", "Importe Total: $ 1.234,50",
                     "CAE N°: 71234567890123", "Fecha de Vto. de CAE: 15/12/2026",
                 })
            Assert.Contains(esperado, texto);
        Assert.DoesNotContain("A CONSUMIDOR FINAL", texto);
        Assert.DoesNotContain("IVA Contenido", texto);
        Assert.DoesNotContain("Transparencia", texto);

        await LecturaPdf.GuardarPngAsync(pdf, "factura-c");
        var qr = await LecturaPdf.QrAsync(pdf);
        Assert.Equal(QrAfip.Url(QrAfip.UrlPorDefecto, new DatosQrAfip(
            new DateOnly(2026, 12, 5), 27234567891, 3, 11, 7, 1234.50m, 96, 28765432, "71234567890123")), qr);
    }

    [Fact]
    public async Task Factura_a_itemises_neto_and_vat_per_rate()
    {
        var documento = FacturaA();
        var pdf = _pdf.Render(documento);
        var texto = LecturaPdf.Texto(pdf);

        foreach (var esperado in new[]
                 {
                     "COD. 001", "Comp. Nro: 00000094", "CUIT: 30-71234567-1", "Distribuidora del Sur S.A.",
                     "Domicilio: Belgrano 800, Avellaneda", "IVA", "21%", "10,5%",
                     "Importe Neto Gravado: $ 1.400,00", "IVA 21%: $ 210,00", "IVA 10,5%: $ 42,00",
                     "Importe Total: $ 1.652,00", "CAE N°: 70417054367476",
                 })
            Assert.Contains(esperado, texto);
        Assert.DoesNotContain("A CONSUMIDOR FINAL", texto);
        Assert.DoesNotContain("IVA Contenido", texto);

        await LecturaPdf.GuardarPngAsync(pdf, "factura-a");
        Assert.Equal(QrAfip.Url(QrAfip.UrlPorDefecto, new DatosQrAfip(
            new DateOnly(2026, 12, 7), 20123456786, 1, 1, 94, 1652m, 80, 30712345671, "70417054367476")), await LecturaPdf.QrAsync(pdf));
    }

    [Fact]
    public async Task Nota_de_credito_names_the_invoice_it_cancels()
    {
        var pdf = _pdf.Render(NotaCreditoB());
        var texto = LecturaPdf.Texto(pdf);

        Assert.Contains("NOTA DE CRÉDITO", texto);
        Assert.Contains("COD. 008", texto);
        Assert.Contains("Comp. Nro: 00000003", texto);
        Assert.Contains("Comprobante asociado: Factura B 00001-00000012", texto);
        await LecturaPdf.GuardarPngAsync(pdf, "nota-credito-b");
    }

    [Fact]
    public async Task Without_cae_it_says_it_is_not_an_invoice_and_has_no_qr()
    {
        var documento = FacturaB(cae: null);
        var pdf = _pdf.Render(documento);
        var texto = LecturaPdf.Texto(pdf);

        Assert.Contains(TextosFactura.NoValido, texto);
        Assert.DoesNotContain("CAE N°", texto);
        Assert.Null(_pdf.UrlQr(documento));
        Assert.Null(await LecturaPdf.QrAsync(pdf));
        await LecturaPdf.GuardarPngAsync(pdf, "factura-b-sin-cae");
    }

    [Fact]
    public async Task Many_lines_continue_on_more_pages_with_totals_and_cae_on_the_last()
    {
        var pdf = _pdf.Render(FacturaLarga(90));
        var paginas = LecturaPdf.Paginas(pdf);

        Assert.True(paginas.Count >= 2, $"{paginas.Count} page(s)");
        Assert.Contains("Página 1 de " + paginas.Count, paginas[0]);
        Assert.Contains("(continuación)", paginas[^1]);
        Assert.Contains("Descripción", paginas[^1]); // the header row repeats
        foreach (var i in new[] { 1, 45, 90 })
            Assert.Single(paginas, p => p.Contains($"Artículo de prueba número {i} "));
        Assert.DoesNotContain("Importe Total", paginas[0]);
        Assert.Contains("Importe Total: $ 10.890,00", paginas[^1]);
        Assert.Contains("CAE N°: 76123456789012", paginas[^1]);
        await LecturaPdf.GuardarPngAsync(pdf, "factura-b-larga-p1");
        await LecturaPdf.GuardarPngAsync(pdf, "factura-b-larga-ultima", paginas.Count);
    }

    [Fact]
    public void The_qr_base_url_is_configurable()
    {
        var pdf = new FacturaPdf(new DocumentosOptions { QrUrl = "https://www.arca.gob.ar/fe/qr/" });
        Assert.StartsWith("https://www.arca.gob.ar/fe/qr/?p=", pdf.UrlQr(FacturaB()));
    }

    [Fact]
    public void The_fonts_come_from_the_debian_packages()
    {
        var fuentes = FuentesPdf.Instalar();
        Assert.Equal(4, fuentes.Archivos.Count);
        Assert.All(fuentes.Archivos, f => Assert.StartsWith("/usr/", f));
        Assert.Same(fuentes, FuentesPdf.Instalar());
    }
}
