using System.Net;
using System.Net.Http.Json;
using BlendPos.Tests.Features.Caja;
using BlendPos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BlendPos.Tests.Features.Ventas.SyncBatchKit;

namespace BlendPos.Tests.Features.Ventas;

/// <summary>
/// Issue 16 "who may approve what": a cashier's discount needs a supervisor's credentials (recorded); a supervisor
/// does not void their own sale; the invoice part of a sale is validated (400, never 500).
/// </summary>
public sealed class DescuentosYAnulacionTests(CajaAppFixture fx) : IClassFixture<CajaAppFixture>
{
    private BlendPosApp App => fx.App;

    private static object Venta(Guid sesion, string codigo, decimal descuento, object? autorizacion = null, object? comprobante = null) => new
    {
        sesion_caja_id = sesion, items = new[] { new { barcode = codigo, cantidad = 2 } }, descuento_total = descuento,
        pagos = new[] { new { metodo = "efectivo", monto = 1000m } }, autorizacion, comprobante,
    };

    [Fact]
    public async Task A_cashier_discount_without_a_supervisor_is_403_writes_nothing_and_takes_no_number()
    {
        var (producto, codigo) = await App.ProductoAsync(500m, 10);
        var cajero = await fx.CajeroAsync();
        var sesion = (await CajaKit.AbiertaAsync(cajero)).Id();

        var p = await (await cajero.Client.PostAsJsonAsync("/v1/ventas", Venta(sesion, codigo, 100m))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("El descuento necesita la autorización de un supervisor (usuario y contraseña).", p.Str("detail"));
        Assert.Equal(10, await App.StockAsync(producto));
        var sinDescuento = await (await cajero.Client.PostAsJsonAsync("/v1/ventas", Venta(sesion, codigo, 0m))).ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal(1, sinDescuento.GetProperty("numero_ticket").GetInt64());
    }

    [Fact]
    public async Task A_supervisor_authorizing_at_the_till_is_recorded_with_the_sale()
    {
        var (_, codigo) = await App.ProductoAsync(500m, 10);
        var cajero = await fx.CajeroAsync();
        var sesion = (await CajaKit.AbiertaAsync(cajero)).Id();
        var (supId, supUser) = await UsuarioAsync("supervisor");

        var venta = await (await cajero.Client.PostAsJsonAsync("/v1/ventas",
            Venta(sesion, codigo, 100m, new { username = supUser, password = CajaKit.Password }))).ShouldBeAsync(HttpStatusCode.Created);

        Assert.Equal((900m, 100m), (venta.Dec("total"), venta.Dec("descuento_total")));
        Assert.Equal(supId, await App.WithDbAsync(db => db.Ventas.Where(v => v.Id == venta.Id()).Select(v => v.DescuentoAutorizadoPorId).SingleAsync()));
    }

    [Fact]
    public async Task A_cashier_password_or_a_wrong_one_as_authorization_answer_the_same_403()
    {
        var (_, codigo) = await App.ProductoAsync(500m, 10);
        var cajero = await fx.CajeroAsync();
        var sesion = (await CajaKit.AbiertaAsync(cajero)).Id();
        var (_, otroCajero) = await UsuarioAsync("cajero");
        var (_, supervisor) = await UsuarioAsync("supervisor");

        var conClaveDeCajero = await (await cajero.Client.PostAsJsonAsync("/v1/ventas",
            Venta(sesion, codigo, 100m, new { username = otroCajero, password = CajaKit.Password }))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var conClaveMala = await (await cajero.Client.PostAsJsonAsync("/v1/ventas",
            Venta(sesion, codigo, 100m, new { username = supervisor, password = "otra-clave" }))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var desconocido = await (await cajero.Client.PostAsJsonAsync("/v1/ventas",
            Venta(sesion, codigo, 100m, new { username = "nadie-" + Guid.NewGuid().ToString("N")[..6], password = "x" }))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("Usuario o contraseña de supervisor incorrectos.", conClaveDeCajero.Str("detail"));
        Assert.Equal(conClaveDeCajero.Str("detail"), conClaveMala.Str("detail"));
        Assert.Equal(conClaveDeCajero.Str("detail"), desconocido.Str("detail"));
    }

    [Fact]
    public async Task A_supervisor_discounts_on_their_own_authority()
    {
        var (_, codigo) = await App.ProductoAsync(500m, 10);
        var supervisor = await fx.SupervisorAsync();
        var sesion = (await CajaKit.AbiertaAsync(supervisor)).Id();

        var venta = await (await supervisor.Client.PostAsJsonAsync("/v1/ventas", Venta(sesion, codigo, 50m))).ShouldBeAsync(HttpStatusCode.Created);

        Assert.Equal(supervisor.Id, await App.WithDbAsync(db => db.Ventas.Where(v => v.Id == venta.Id()).Select(v => v.DescuentoAutorizadoPorId).SingleAsync()));
    }

    [Fact]
    public async Task An_unauthorized_offline_discount_is_kept_and_flagged_as_a_price_conflict()
    {
        var (_, codigo) = await App.ProductoAsync(500m, 10);
        var cajero = await fx.CajeroAsync();
        var sesion = (await CajaKit.AbiertaAsync(cajero)).Id();

        var r = await cajero.Client.SyncAsync(
            SyncBatchKit.Venta(Guid.NewGuid(), sesion, DateTimeOffset.UtcNow, [Item(codigo, 2, 500m)], [Pago("efectivo", 900m)], descuentoTotal: 100m),
            SyncBatchKit.Venta(Guid.NewGuid(), sesion, DateTimeOffset.UtcNow, [Item(codigo, 2, 500m)], [Pago("efectivo", 1000m)])).ResultadosAsync();

        Assert.Equal([("procesada", true), ("procesada", false)], r.Select(x => (x.Str("estado"), x.GetProperty("conflicto_precio").GetBoolean())));
    }

    [Fact]
    public async Task A_supervisor_may_not_void_their_own_sale_another_supervisor_may()
    {
        var (producto, codigo) = await App.ProductoAsync(500m, 10);
        var supervisor = await fx.SupervisorAsync();
        var sesion = (await CajaKit.AbiertaAsync(supervisor)).Id();
        var venta = await (await supervisor.Client.PostAsJsonAsync("/v1/ventas", Venta(sesion, codigo, 0m))).ShouldBeAsync(HttpStatusCode.Created);

        var propia = await (await supervisor.Client.PostAsJsonAsync($"/v1/ventas/{venta.Id()}/anular", new { motivo = "Error de carga" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("No podés anular tu propia venta: tiene que hacerlo otro supervisor o un administrador.", propia.Str("detail"));
        Assert.Equal(8, await App.StockAsync(producto));

        var otro = await fx.SupervisorAsync();
        var anulada = await (await otro.Client.PostAsJsonAsync($"/v1/ventas/{venta.Id()}/anular", new { motivo = "Error de carga" })).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("anulada", anulada.Str("estado"));
        Assert.Equal(10, await App.StockAsync(producto));
    }

    [Theory]
    [InlineData("""{"tipo":"nota_credito_b"}""", "comprobante.tipo")]
    [InlineData("""{"tipo":"ticket"}""", "comprobante.tipo")]
    [InlineData("""{"tipo":"factura_a"}""", "comprobante.receptor_cuit")]
    [InlineData("""{"tipo":"factura_b","receptor_cuit":"20-12345678-0"}""", "comprobante.receptor_cuit")]
    [InlineData("""{"tipo":"factura_b","receptor_cuit":"123456789012345"}""", "comprobante.receptor_cuit")]
    [InlineData("""{"tipo":"factura_b","receptor_cuit":"20123456786","condicion_iva_receptor":"01234567890123456789012345678901234567890"}""", "comprobante.condicion_iva_receptor")]
    public async Task The_invoice_part_of_a_sale_is_validated_with_400(string comprobante, string campo)
    {
        var (_, codigo) = await App.ProductoAsync(500m, 10);
        var cajero = await fx.CajeroAsync();
        var sesion = (await CajaKit.AbiertaAsync(cajero)).Id();

        var p = await (await cajero.Client.PostAsync("/v1/ventas", Http.Json($$"""
            {"sesion_caja_id":"{{sesion}}","items":[{"barcode":"{{codigo}}","cantidad":1}],
             "pagos":[{"metodo":"efectivo","monto":500}],"comprobante":{{comprobante}}}
            """))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(p.GetProperty("errors").TryGetProperty(campo, out _), p.ToString());
        Assert.Equal(10, await App.StockAsync(await App.WithDbAsync(db => db.Productos.Where(x => x.CodigoBarras == codigo).Select(x => x.Id).SingleAsync())));
    }

    [Theory]
    [InlineData("""{"tipo":"factura_b","receptor_nombre":"Juan Pérez","receptor_cuit":"30.123.456"}""", null)]
    [InlineData("""{"tipo":"factura_a","receptor_cuit":"20-12345678-6","receptor_nombre":"Kiosco SRL"}""", "20123456786")]
    [InlineData("""{"tipo":"factura_xyz"}""", "400")]
    public async Task A_valid_invoice_request_is_stored_as_pending_with_the_id_as_digits(string comprobante, string? esperado)
    {
        await Facturacion.FacturacionKit.ConfigurarSinAfipAsync(App); // invoicing on (no AFIP here: the rows stay pending)
        var (_, codigo) = await App.ProductoAsync(500m, 10);
        var cajero = await fx.CajeroAsync();
        var sesion = (await CajaKit.AbiertaAsync(cajero)).Id();

        var r = await cajero.Client.PostAsync("/v1/ventas", Http.Json($$"""
            {"sesion_caja_id":"{{sesion}}","items":[{"barcode":"{{codigo}}","cantidad":1}],
             "pagos":[{"metodo":"efectivo","monto":500}],"comprobante":{{comprobante}}}
            """));

        if (esperado == "400") { await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest); return; }
        var venta = await r.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal("pendiente", venta.GetProperty("comprobante").Str("estado"));
        var cuit = await App.WithDbAsync(db => db.Comprobantes.Where(c => c.VentaId == venta.Id()).Select(c => c.ReceptorCuit).SingleAsync());
        Assert.Equal(esperado ?? "30123456", cuit);
    }

    private async Task<(Guid Id, string Usuario)> UsuarioAsync(string rol)
    {
        var name = $"{rol[..3]}{Guid.NewGuid():N}"[..14];
        return (await App.CreateUserAsync(name, rol, CajaKit.Password), name);
    }
}
