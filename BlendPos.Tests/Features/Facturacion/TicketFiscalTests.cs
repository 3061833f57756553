using System.Net;
using BlendPos.Domain;
using BlendPos.Domain.Facturacion;
using BlendPos.Tests.Features.Caja;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Features.Facturacion.Documentos;
using BlendPos.Web.Infrastructure.Pdf;
using Microsoft.Extensions.DependencyInjection;
using static BlendPos.Tests.Features.Facturacion.FacturacionKit;

namespace BlendPos.Tests.Features.Facturacion;

/// <summary>
/// The thermal receipt of an invoiced sale: once AFIP answered it prints the invoice's name and number, its CAE, «Vto.
/// CAE» and the same RG 4892 QR as the PDF; before that it says the invoice is on its way and that the ticket is not
/// an invoice; a sale without invoice is an internal ticket.
/// </summary>
public sealed class TicketFiscalTests(FacturacionFixture fx) : IClassFixture<FacturacionFixture>
{
    private BlendPosApp App => fx.App;

    [Fact]
    public async Task The_receipt_of_an_emitted_invoice_shows_CAE_due_date_and_the_same_QR_as_the_PDF()
    {
        var pdv = fx.NuevoPuntoDeVenta();
        await ConfigurarAsync(App, fx.Afip, CondicionIvaEmisor.ResponsableInscripto, pdv);
        var cajero = await fx.CajeroAsync();
        var sesion = (await CajaKit.AbiertaAsync(cajero)).Id();
        var codigo = await ProductoAsync(App, 1500m, 21m);
        var venta = await VenderAsync(cajero, sesion, [(codigo, 2)], new { tipo = "factura_b" });
        var c = await App.EmitidoAsync(venta.ComprobanteId());
        var interna = await VenderAsync(cajero, sesion, [(codigo, 1)], null);

        using var pagina = await App.CookieClientAsync(cajero.Usuario, CajaKit.Password);
        var html = WebUtility.HtmlDecode(await pagina.GetStringAsync($"/ventas/{venta.Id()}/ticket"));
        Assert.Contains($"data-ticket-comprobante>Factura B {c.PuntoDeVenta:D5}-{c.Numero:D8}<", html);
        Assert.Contains($"data-ticket-cae>{c.Cae}<", html);
        Assert.Contains($"data-ticket-cae-vto>{c.CaeVencimiento:dd/MM/yyyy}<", html);
        Assert.DoesNotContain("Comprobante no válido como factura", html);

        // The QR image is the PNG of the URL the PDF encodes (whose pixels the PDF tests decode back to AFIP's JSON).
        await using var scope = App.Services.CreateAsyncScope();
        var documento = await scope.ServiceProvider.GetRequiredService<IFacturaDocumentos>().ArmarAsync(c.Id, default);
        var url = scope.ServiceProvider.GetRequiredService<FacturaPdf>().UrlQr(documento!);
        Assert.NotNull(url);
        Assert.Contains($"src=\"data:image/png;base64,{Convert.ToBase64String(FacturaPdf.QrPng(url!))}\"", html);

        var ticketInterno = WebUtility.HtmlDecode(await pagina.GetStringAsync($"/ventas/{interna.Id()}/ticket"));
        Assert.Contains("Comprobante no válido como factura", ticketInterno);
        Assert.DoesNotContain("data-ticket-fiscal", ticketInterno);
    }

    [Fact]
    public async Task While_AFIP_has_not_answered_the_receipt_says_the_invoice_is_on_its_way_and_is_no_invoice()
    {
        var pdv = fx.NuevoPuntoDeVenta();
        await ConfigurarAsync(App, fx.Afip, CondicionIvaEmisor.Monotributo, pdv);
        var cajero = await fx.CajeroAsync();
        var sesion = (await CajaKit.AbiertaAsync(cajero)).Id();
        var codigo = await ProductoAsync(App, 800m, 21m);
        fx.Afip.Caido(true);
        try
        {
            var venta = await VenderAsync(cajero, sesion, [(codigo, 1)], new { tipo = "factura_c" });
            var c = await App.EsperarAsync(venta.ComprobanteId(), x => x.Intentos > 0);
            Assert.Equal(EstadoComprobante.Pendiente, c.Estado);

            using var pagina = await App.CookieClientAsync(cajero.Usuario, CajaKit.Password);
            var html = WebUtility.HtmlDecode(await pagina.GetStringAsync($"/ventas/{venta.Id()}/ticket"));
            Assert.Contains("data-ticket-fiscal-pendiente>Factura C: en trámite ante AFIP", html);
            Assert.Contains("Comprobante no válido como factura", html);
            Assert.DoesNotContain("data-ticket-cae", html);
        }
        finally
        {
            fx.Afip.Caido(false);
        }
    }
}
