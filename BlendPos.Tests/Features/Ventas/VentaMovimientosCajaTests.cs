using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Tests.Features.Caja;
using BlendPos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Tests.Features.Ventas;

/// <summary>
/// What a sale and a void leave in the drawer, through the API: one movement per payment (cash = paid minus change,
/// the change out of the largest cash payment, never a negative movement), and a void's inverse movements that keep
/// the originals; the drawer's session rules (another cashier's 403, a counted one 409).
/// </summary>
public sealed class VentaMovimientosCajaTests(CajaAppFixture fx) : IClassFixture<CajaAppFixture>
{
    private BlendPosApp App => fx.App;

    private async Task<(Persona Cajero, Guid Sesion)> AbiertaAsync(decimal montoInicial)
    {
        var cajero = await fx.CajeroAsync();
        return (cajero, (await CajaKit.AbiertaAsync(cajero, montoInicial)).Id());
    }

    private async Task<JsonElement> VenderAsync(Persona cajero, Guid sesion, decimal total, params (string Metodo, decimal Monto)[] pagos) =>
        await CajaKit.VentaAsync(cajero.Client, sesion, await CajaKit.ProductoAsync(App, total), pagos);

    private async Task<(MetodoPago, decimal)[]> PorMetodoAsync(Guid sesionId) =>
        (await App.MovimientoRowsAsync(sesionId)).Select(m => (m.MetodoPago!.Value, m.Monto)).OrderBy(x => x.Item1).ThenBy(x => x.Item2).ToArray();

    private Task<decimal> EsperadoAsync(Guid sesionId) =>
        App.WithDbAsync(async db =>
        {
            var sesion = await db.SesionesCaja.AsNoTracking().SingleAsync(s => s.Id == sesionId);
            var movs = await db.MovimientosCaja.AsNoTracking().Where(m => m.SesionCajaId == sesionId).ToListAsync();
            return ArqueoRules.Esperado(sesion.MontoInicial, movs.Select(m => (m.MetodoPago, m.Monto))).Total;
        });

    [Fact]
    public async Task A_cash_sale_moves_the_amount_paid_minus_the_change()
    {
        var (cajero, sesion) = await AbiertaAsync(1000m);

        var venta = await VenderAsync(cajero, sesion, 700m, ("efectivo", 1000m));

        var mov = Assert.Single(await App.MovimientoRowsAsync(sesion));
        Assert.Equal((TipoMovimientoCaja.Venta, (MetodoPago?)MetodoPago.Efectivo, 700m, (Guid?)venta.Id(), (Guid?)cajero.Id),
            (mov.Tipo, mov.MetodoPago, mov.Monto, mov.ReferenciaId, mov.UsuarioId));
        Assert.Equal($"Venta {cajero.PuntoDeVenta:D4}-00000001", mov.Descripcion);
        Assert.Equal(1700m, await EsperadoAsync(sesion));
    }

    [Fact]
    public async Task A_mixed_sale_moves_each_payment_and_takes_the_change_from_cash_only()
    {
        var (cajero, sesion) = await AbiertaAsync(0m);

        await VenderAsync(cajero, sesion, 1500m, ("debito", 1000m), ("efectivo", 1000m));

        Assert.Equal([(MetodoPago.Efectivo, 500m), (MetodoPago.Debito, 1000m)], await PorMetodoAsync(sesion));
    }

    [Fact]
    public async Task The_change_comes_out_of_the_largest_cash_payment_and_no_movement_is_negative()
    {
        var (cajero, sesion) = await AbiertaAsync(0m);

        await VenderAsync(cajero, sesion, 2300m, ("efectivo", 500m), ("credito", 1000m), ("efectivo", 1000m));
        var (otro, sesionOtro) = await AbiertaAsync(0m);
        await VenderAsync(otro, sesionOtro, 50m, ("efectivo", 100m), ("efectivo", 100m));

        Assert.Equal([(MetodoPago.Efectivo, 500m), (MetodoPago.Efectivo, 800m), (MetodoPago.Credito, 1000m)], await PorMetodoAsync(sesion));
        var chico = await App.MovimientoRowsAsync(sesionOtro);
        Assert.Equal(50m, chico.Sum(m => m.Monto));
        Assert.All(chico, m => Assert.True(m.Monto > 0, $"a sale movement of {m.Monto}"));
    }

    [Fact]
    public async Task Cash_given_back_whole_as_change_leaves_no_cash_movement_and_card_change_is_refused()
    {
        var (cajero, sesion) = await AbiertaAsync(0m);

        await VenderAsync(cajero, sesion, 800m, ("transferencia", 800m), ("efectivo", 200m));
        var codigo = await CajaKit.ProductoAsync(App, 900m);
        var r = await cajero.Client.PostAsJsonAsync("/v1/ventas", new
        {
            sesion_caja_id = sesion, items = new[] { new { barcode = codigo, cantidad = 1 } }, pagos = new[] { new { metodo = "debito", monto = 1000m } },
        });

        await r.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([(MetodoPago.Transferencia, 800m)], await PorMetodoAsync(sesion));
    }

    [Fact]
    public async Task A_sale_on_another_cashiers_session_is_403_and_on_a_counted_one_409()
    {
        var (cajero, sesion) = await AbiertaAsync(100m);
        var otro = await fx.CajeroAsync();
        var codigo = await CajaKit.ProductoAsync(App, 10m);
        object Venta() => new { sesion_caja_id = sesion, items = new[] { new { barcode = codigo, cantidad = 1 } }, pagos = new[] { new { metodo = "efectivo", monto = 10m } } };

        await (await otro.Client.PostAsJsonAsync("/v1/ventas", Venta())).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await CajaKit.ArqueoAsync(cajero.Client, sesion, 100m)).ShouldBeAsync(HttpStatusCode.OK);
        await (await cajero.Client.PostAsJsonAsync("/v1/ventas", Venta())).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        Assert.Empty(await App.MovimientoRowsAsync(sesion));
    }

    [Fact]
    public async Task A_void_writes_the_inverse_of_each_sale_movement_and_keeps_the_originals()
    {
        var (cajero, sesion) = await AbiertaAsync(1000m);
        var supervisor = await fx.SupervisorAsync();
        var venta = await VenderAsync(cajero, sesion, 1500m, ("debito", 1000m), ("efectivo", 1000m));
        var otraVenta = await VenderAsync(cajero, sesion, 80m, ("efectivo", 100m));

        await (await supervisor.Client.PostAsJsonAsync($"/v1/ventas/{venta.Id()}/anular", new { motivo = "Cliente arrepentido" }))
            .ShouldBeAsync(HttpStatusCode.OK);

        var rows = await App.MovimientoRowsAsync(sesion);
        var inversos = rows.Where(m => m.Tipo == TipoMovimientoCaja.Anulacion).ToList();
        Assert.Equal([(MetodoPago.Efectivo, -500m), (MetodoPago.Debito, -1000m)],
            inversos.Select(m => (m.MetodoPago!.Value, m.Monto)).OrderBy(x => x.Value));
        Assert.All(inversos, m => Assert.Equal((venta.Id(), (Guid?)supervisor.Id), (m.ReferenciaId!.Value, m.UsuarioId)));
        Assert.All(inversos, m => Assert.Equal("Anulación: Cliente arrepentido", m.Descripcion));
        Assert.Equal(3, rows.Count(m => m.Tipo == TipoMovimientoCaja.Venta));
        Assert.Equal(1080m, await EsperadoAsync(sesion)); // the opening amount and the other sale
        Assert.Contains(rows, m => m.ReferenciaId == otraVenta.Id());
    }

    [Fact]
    public async Task Voiding_twice_is_409_and_voiding_in_a_counted_session_is_409_writing_nothing_more()
    {
        var (cajero, sesion) = await AbiertaAsync(0m);
        var supervisor = await fx.SupervisorAsync();
        var anulada = await VenderAsync(cajero, sesion, 100m, ("efectivo", 100m));
        var contada = await VenderAsync(cajero, sesion, 100m, ("efectivo", 100m));
        var url = (JsonElement v) => $"/v1/ventas/{v.Id()}/anular";

        await (await supervisor.Client.PostAsJsonAsync(url(anulada), new { motivo = "Error" })).ShouldBeAsync(HttpStatusCode.OK);
        var dos = await (await supervisor.Client.PostAsJsonAsync(url(anulada), new { motivo = "Error" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("La venta ya está anulada.", dos.Str("detail"));
        await (await CajaKit.ArqueoAsync(cajero.Client, sesion, 100m)).ShouldBeAsync(HttpStatusCode.OK);
        var cerrada = await (await supervisor.Client.PostAsJsonAsync(url(contada), new { motivo = "Error" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("La caja de esa venta ya se cerró: no se puede anular.", cerrada.Str("detail"));

        Assert.Equal(3, (await App.MovimientoRowsAsync(sesion)).Count);
        Assert.Equal(100m, (await App.SesionRowAsync(sesion)).MontoEsperado);
    }
}
