using System.Net;
using System.Net.Http.Json;
using BlendPos.Domain;
using BlendPos.Domain.Facturacion;
using BlendPos.Tests.Features.Caja;
using BlendPos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BlendPos.Tests.Features.Facturacion.FacturacionKit;

namespace BlendPos.Tests.Features.Facturacion;

/// <summary>
/// Issue 11 against the fake AFIP: a sale's invoice goes from pendiente to emitido with a CAE (B, C, A), a void's
/// credit note carries CbtesAsoc, AFIP down then up, authorize-then-drop adopted by reconciliation, a rule violation is
/// a permanent error without a retry loop and its number is reused.
/// </summary>
public sealed class FacturacionEmisionTests(FacturacionFixture fx) : IClassFixture<FacturacionFixture>
{
    private BlendPosApp App => fx.App;

    private async Task<(Persona Vendedor, Guid Sesion, int Pdv)> PrepararAsync(CondicionIvaEmisor condicion, string rol = "supervisor")
    {
        var pdv = fx.NuevoPuntoDeVenta();
        await ConfigurarAsync(App, fx.Afip, condicion, pdv);
        var vendedor = await fx.PersonaAsync(rol);
        var sesion = (await CajaKit.AbiertaAsync(vendedor)).Id();
        return (vendedor, sesion, pdv);
    }

    [Fact]
    public async Task A_factura_B_to_a_consumidor_final_is_emitted_with_its_VAT_per_rate()
    {
        var (vendedor, sesion, pdv) = await PrepararAsync(CondicionIvaEmisor.ResponsableInscripto);
        var a21 = await ProductoAsync(App, 1210m, 21m);
        var a105 = await ProductoAsync(App, 552.5m, 10.5m);

        // A supervisor sells with a sale-level discount: it is spread over both rates.
        var venta = await VenderAsync(vendedor, sesion, [(a21, 2), (a105, 1)], new { tipo = "factura_b" }, descuento: 100m);
        Assert.Equal("pendiente", venta.GetProperty("comprobante").Str("estado"));
        var c = await App.EmitidoAsync(venta.ComprobanteId());

        Assert.Equal((TipoComprobante.FacturaB, 1L, pdv), (c.Tipo, c.Numero, c.PuntoDeVenta));
        Assert.Matches("^[0-9]{14}$", c.Cae);
        Assert.Equal(venta.Dec("total"), c.MontoTotal);
        Assert.Equal(c.MontoTotal, c.MontoNeto + c.MontoIva);
        var a = Assert.Single(fx.Afip.En(c));
        Assert.Equal((99, 0L, 6, c.Cae), (a.DocTipo, a.DocNro, a.CbteTipo, a.Cae));
        Assert.Equal(2872.5m, a.ImpTotal);
        Assert.Equal([4, 5], a.Iva.Select(i => i.Id).Order());
        Assert.Equal(a.ImpNeto, a.Iva.Sum(i => i.BaseImp));
        Assert.Equal(5, a.CondicionIvaReceptorId);
        Assert.Equal(c.CaeVencimiento, a.CaeVencimiento);
        Assert.Equal(((DateOnly?)a.Fecha, "homologacion", (long?)FacturacionFixture.CuitEmisor), (c.Fecha, c.Entorno, c.CuitEmisor));

        // The sale's own answer and the invoice's (API.md shapes).
        var f = await (await vendedor.Client.GetAsync($"/v1/facturas/{c.Id}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(["cae", "cae_vencimiento", "estado", "id", "monto_iva", "monto_neto", "monto_total", "numero", "pdf_url",
            "punto_de_venta", "receptor_cuit", "receptor_nombre", "tipo", "venta_id"], f.PropertyNames());
        Assert.Equal(("emitido", "factura_b", c.Cae), (f.Str("estado"), f.Str("tipo"), f.Str("cae")));
        Assert.Equal($"/v1/facturas/{c.Id}/pdf", f.Str("pdf_url"));
        var v = await (await vendedor.Client.GetAsync($"/v1/ventas/{venta.Id()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("emitido", v.GetProperty("comprobante").Str("estado"));
    }

    [Fact]
    public async Task A_monotributista_issues_factura_C_without_VAT_breakdown()
    {
        var (vendedor, sesion, _) = await PrepararAsync(CondicionIvaEmisor.Monotributo, rol: "cajero");
        var codigo = await ProductoAsync(App, 1500m, 21m);

        var venta = await VenderAsync(vendedor, sesion, [(codigo, 3)], new { tipo = "factura_c", receptor_cuit = "30.123.456", receptor_nombre = "Ana Gómez" });
        var c = await App.EmitidoAsync(venta.ComprobanteId());

        Assert.Equal((TipoComprobante.FacturaC, 4500m, 4500m, 0m), (c.Tipo, c.MontoTotal, c.MontoNeto, c.MontoIva));
        var a = Assert.Single(fx.Afip.En(c));
        Assert.Equal((11, 96, 30123456L, 4500m, 0m), (a.CbteTipo, a.DocTipo, a.DocNro, a.ImpNeto, a.ImpIva));
        Assert.Empty(a.Iva);
    }

    [Fact]
    public async Task A_responsable_inscripto_receptor_gets_a_factura_A_with_its_CUIT()
    {
        var (vendedor, sesion, _) = await PrepararAsync(CondicionIvaEmisor.ResponsableInscripto, rol: "cajero");
        var codigo = await ProductoAsync(App, 121m, 21m);

        var venta = await VenderAsync(vendedor, sesion, [(codigo, 10)],
            new { tipo = "factura_a", receptor_cuit = "30-71234567-1", receptor_nombre = "Distribuidora Norte SA", condicion_iva_receptor = "responsable_inscripto" });
        var c = await App.EmitidoAsync(venta.ComprobanteId());

        Assert.Equal((TipoComprobante.FacturaA, "30712345671", 1000m, 210m), (c.Tipo, c.ReceptorCuit, c.MontoNeto, c.MontoIva));
        var a = Assert.Single(fx.Afip.En(c));
        Assert.Equal((1, 80, 30712345671L, 1), (a.CbteTipo, a.DocTipo, a.DocNro, a.CondicionIvaReceptorId));
        Assert.Equal(new FakeAlicuotaEsperada(5, 1000m, 210m), new FakeAlicuotaEsperada(a.Iva[0].Id, a.Iva[0].BaseImp, a.Iva[0].Importe));
    }

    private sealed record FakeAlicuotaEsperada(int Id, decimal BaseImp, decimal Importe);

    [Fact]
    public async Task Voiding_an_invoiced_sale_emits_the_matching_credit_note_with_CbtesAsoc()
    {
        var (vendedor, sesion, pdv) = await PrepararAsync(CondicionIvaEmisor.ResponsableInscripto, rol: "cajero");
        var codigo = await ProductoAsync(App, 605m, 21m);
        var venta = await VenderAsync(vendedor, sesion, [(codigo, 2)], new { tipo = "factura_b", receptor_cuit = "20123456786", receptor_nombre = "Juan Pérez" });
        var factura = await App.EmitidoAsync(venta.ComprobanteId());

        var supervisor = await fx.SupervisorAsync();
        await (await supervisor.Client.PostAsJsonAsync($"/v1/ventas/{venta.Id()}/anular", new { motivo = "Devolución" })).ShouldBeAsync(HttpStatusCode.OK);
        var ncId = await App.WithDbAsync(db => db.Comprobantes.Where(x => x.ComprobanteAsociadoId == factura.Id).Select(x => x.Id).SingleAsync());
        var nc = await App.EmitidoAsync(ncId);

        Assert.Equal((TipoComprobante.NotaCreditoB, 1L, factura.MontoTotal, factura.MontoIva), (nc.Tipo, nc.Numero, nc.MontoTotal, nc.MontoIva));
        Assert.Equal((factura.ReceptorCuit, factura.DocTipo, factura.DocNro), (nc.ReceptorCuit, nc.DocTipo, nc.DocNro));
        var a = Assert.Single(fx.Afip.En(nc));
        Assert.Equal(8, a.CbteTipo);
        var asociado = Assert.Single(a.Asociados);
        Assert.Equal((6, pdv, 1L, (long?)FacturacionFixture.CuitEmisor, factura.Fecha), (asociado.Tipo, asociado.PuntoDeVenta, asociado.Numero, asociado.Cuit, asociado.Fecha));
    }

    [Fact]
    public async Task Voiding_before_the_invoice_reached_AFIP_drops_it_and_issues_no_credit_note()
    {
        var (vendedor, sesion, _) = await PrepararAsync(CondicionIvaEmisor.ResponsableInscripto, rol: "cajero");
        var codigo = await ProductoAsync(App, 100m, 21m);
        fx.Afip.Caido(true);
        try
        {
            var venta = await VenderAsync(vendedor, sesion, [(codigo, 1)], new { tipo = "factura_b" });
            var pendiente = await App.EsperarAsync(venta.ComprobanteId(), c => c.Intentos > 0);
            Assert.Null(pendiente.Numero);

            var supervisor = await fx.SupervisorAsync();
            await (await supervisor.Client.PostAsJsonAsync($"/v1/ventas/{venta.Id()}/anular", new { motivo = "Error" })).ShouldBeAsync(HttpStatusCode.OK);

            Assert.False(await App.WithDbAsync(db => db.Comprobantes.AnyAsync(c => c.VentaId == venta.Id())));
        }
        finally
        {
            fx.Afip.Caido(false);
        }
    }

    [Fact]
    public async Task With_AFIP_down_the_invoice_waits_pending_and_is_emitted_when_it_is_back()
    {
        var (vendedor, sesion, _) = await PrepararAsync(CondicionIvaEmisor.ResponsableInscripto, rol: "cajero");
        var codigo = await ProductoAsync(App, 250m, 21m, stock: 10);
        fx.Afip.Caido(true);
        Guid id;
        try
        {
            var venta = await VenderAsync(vendedor, sesion, [(codigo, 2)], new { tipo = "factura_b" });
            id = venta.ComprobanteId();
            var c = await App.EsperarAsync(id, x => x.Intentos > 0);
            Assert.Equal(EstadoComprobante.Pendiente, c.Estado);
            Assert.False(c.ErrorPermanente);
            Assert.StartsWith("AFIP no responde", c.Error);
            Assert.True(c.ProximoIntentoAt > DateTimeOffset.UtcNow.AddSeconds(30), "back-off of about a minute");
            // The sale is untouched: committed, stock down, its receipt ready.
            Assert.Equal("completada", (await (await vendedor.Client.GetAsync($"/v1/ventas/{venta.Id()}")).ShouldBeAsync(HttpStatusCode.OK)).Str("estado"));
            Assert.Equal(8, await App.WithDbAsync(db => db.Productos.Where(p => p.CodigoBarras == codigo).Select(p => p.StockActual).SingleAsync()));
        }
        finally
        {
            fx.Afip.Caido(false);
        }

        await App.BarrerAsync();
        var emitido = await App.FilaAsync(id);
        Assert.Equal((EstadoComprobante.Emitido, 1L, (string?)null), (emitido.Estado, emitido.Numero, emitido.Error));
        Assert.Single(fx.Afip.En(emitido));
    }

    [Fact]
    public async Task Authorized_then_dropped_is_adopted_by_reconciliation_with_exactly_one_CAE()
    {
        var (vendedor, sesion, pdv) = await PrepararAsync(CondicionIvaEmisor.ResponsableInscripto, rol: "cajero");
        var codigo = await ProductoAsync(App, 99.99m, 21m);
        fx.Afip.CortarTrasAutorizar(1);

        var venta = await VenderAsync(vendedor, sesion, [(codigo, 3)], new { tipo = "factura_b" });
        var enDuda = await App.EsperarAsync(venta.ComprobanteId(), x => x.Intentos > 0);
        Assert.Equal((EstadoComprobante.Pendiente, 1L), (enDuda.Estado, enDuda.Numero)); // the number stays: it may be AFIP's
        Assert.NotNull(enDuda.EnviadoAt);

        await App.BarrerAsync();

        var c = await App.FilaAsync(enDuda.Id);
        Assert.Equal(EstadoComprobante.Emitido, c.Estado);
        var autorizados = fx.Afip.Autorizados.Where(a => a.PuntoDeVenta == pdv).ToList();
        var unico = Assert.Single(autorizados);
        Assert.Equal((1L, c.Cae), (unico.Numero, (string?)unico.Cae));
        Assert.True(fx.Afip.Llamadas("FECompConsultar") >= 1);

        // The next invoice of the series follows without a gap.
        var otra = await VenderAsync(vendedor, sesion, [(codigo, 1)], new { tipo = "factura_b" });
        Assert.Equal(2L, (await App.EmitidoAsync(otra.ComprobanteId())).Numero);
    }

    [Fact]
    public async Task An_AFIP_rule_violation_is_a_permanent_error_without_retry_and_its_number_is_reused()
    {
        var (vendedor, sesion, pdv) = await PrepararAsync(CondicionIvaEmisor.ResponsableInscripto, rol: "cajero");
        var codigo = await ProductoAsync(App, 500m, 21m);
        // AFIP's threshold below ours (say the rule changed before the configuration did): AFIP refuses with 10015.
        fx.Afip.UmbralConsumidorFinal = 100m;
        Comprobante c;
        try
        {
            var venta = await VenderAsync(vendedor, sesion, [(codigo, 1)], new { tipo = "factura_b" });
            c = await App.EsperarAsync(venta.ComprobanteId(), x => x.Estado == EstadoComprobante.Error);
        }
        finally
        {
            fx.Afip.UmbralConsumidorFinal = 10_000_000m;
        }
        Assert.True(c.ErrorPermanente);
        Assert.Equal(10015, c.CodigoError);
        Assert.StartsWith("AFIP rechazó el comprobante. 10015:", c.Error);
        Assert.Equal((1, (long?)null, (DateTimeOffset?)null), (c.Intentos, c.Numero, c.ProximoIntentoAt));

        // No retry loop: a sweep leaves it alone.
        var solicitudes = fx.Afip.Llamadas("FECAESolicitar");
        await App.BarrerAsync();
        Assert.Equal(solicitudes, fx.Afip.Llamadas("FECAESolicitar"));
        Assert.Equal(EstadoComprobante.Error, (await App.FilaAsync(c.Id)).Estado);
        Assert.DoesNotContain(fx.Afip.Autorizados, a => a.PuntoDeVenta == pdv);

        // AFIP did not consume number 1: the next invoice of the series takes it.
        var otra = await VenderAsync(vendedor, sesion, [(codigo, 1)], new { tipo = "factura_b", receptor_cuit = "30123456" });
        Assert.Equal(1L, (await App.EmitidoAsync(otra.ComprobanteId())).Numero);

        // The admin badge counts it; «Reintentar» puts it back in the queue and it is emitted with the next number.
        var html = await (await App.CookieClientAsync(BlendPos.Web.Data.DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword)).GetStringAsync("/");
        Assert.Contains("id=\"nav-facturacion\"", html);
        var supervisor = await fx.SupervisorAsync();
        var reintento = await (await supervisor.Client.PostAsync($"/v1/facturas/{c.Id}/reintentar", null)).ShouldBeAsync(HttpStatusCode.Accepted);
        Assert.Equal("pendiente", reintento.Str("estado"));
        Assert.Equal(2L, (await App.EmitidoAsync(c.Id)).Numero);
        await (await supervisor.Client.PostAsync($"/v1/facturas/{c.Id}/reintentar", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }
}
