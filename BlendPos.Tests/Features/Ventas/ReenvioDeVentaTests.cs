using System.Net;
using System.Net.Http.Json;
using BlendPos.Tests.Features.Caja;
using BlendPos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BlendPos.Tests.Features.Ventas.SyncBatchKit;

namespace BlendPos.Tests.Features.Ventas;

/// <summary>
/// Issue 16: a re-sent sale id (online or in a sync batch) takes no ticket number, whoever sends it and with whatever
/// session, and answers the stored sale only to its own cashier (or a supervisor); anyone else gets 404 / rechazada.
/// </summary>
public sealed class ReenvioDeVentaTests(CajaAppFixture fx) : IClassFixture<CajaAppFixture>
{
    private BlendPosApp App => fx.App;

    private static object Online(Guid id, Guid sesion, string codigo) =>
        new { id, sesion_caja_id = sesion, items = new[] { new { barcode = codigo, cantidad = 1 } }, pagos = new[] { new { metodo = "efectivo", monto = 100m } } };

    private async Task<long> UltimoNumeroAsync(int pdv) =>
        await App.WithDbAsync(db => db.Database.SqlQuery<long>($"SELECT COALESCE(max(ultimo_numero), 0) AS \"Value\" FROM contadores_ticket WHERE punto_de_venta = {pdv}").SingleAsync());

    [Fact]
    public async Task Resending_a_sale_online_answers_it_and_takes_no_ticket_number()
    {
        var (_, codigo) = await App.ProductoAsync(100m, 50);
        var cajero = await fx.CajeroAsync();
        var sesion = (await CajaKit.AbiertaAsync(cajero)).Id();
        var id = Guid.NewGuid();
        await (await cajero.Client.PostAsJsonAsync("/v1/ventas", Online(id, sesion, codigo))).ShouldBeAsync(HttpStatusCode.Created);

        for (var i = 0; i < 3; i++)
        {
            var otra = await (await cajero.Client.PostAsJsonAsync("/v1/ventas", Online(id, sesion, codigo))).ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal(1, otra.GetProperty("numero_ticket").GetInt64());
        }
        Assert.Equal(1, await UltimoNumeroAsync(cajero.PuntoDeVenta));

        var siguiente = await (await cajero.Client.PostAsJsonAsync("/v1/ventas", Online(Guid.NewGuid(), sesion, codigo))).ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal(2, siguiente.GetProperty("numero_ticket").GetInt64()); // no hole
    }

    [Fact]
    public async Task Another_cashier_resending_an_id_gets_404_and_does_not_advance_their_own_counter()
    {
        var (_, codigo) = await App.ProductoAsync(100m, 50);
        var duena = await fx.CajeroAsync();
        var sesionDuena = (await CajaKit.AbiertaAsync(duena)).Id();
        var id = Guid.NewGuid();
        await (await duena.Client.PostAsJsonAsync("/v1/ventas", Online(id, sesionDuena, codigo))).ShouldBeAsync(HttpStatusCode.Created);
        var otro = await fx.CajeroAsync();
        var sesionOtro = (await CajaKit.AbiertaAsync(otro)).Id();

        var problema = await (await otro.Client.PostAsJsonAsync("/v1/ventas", Online(id, sesionOtro, codigo))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("La venta no existe.", problema.Str("detail"));
        var lote = Assert.Single(await otro.Client.SyncAsync(
            Venta(id, sesionOtro, DateTimeOffset.UtcNow, [Item(codigo, 1, 100m)], [Pago("efectivo", 100m)])).ResultadosAsync());
        Assert.Equal(("rechazada", "La venta no existe."), (lote.Str("estado"), lote.Str("error")));
        Assert.Equal(JsonValueKindNull, lote.GetProperty("numero_ticket").ValueKind);

        Assert.Equal(0, await UltimoNumeroAsync(otro.PuntoDeVenta));
        Assert.Equal(1, await UltimoNumeroAsync(duena.PuntoDeVenta));
        var primera = await (await otro.Client.PostAsJsonAsync("/v1/ventas", Online(Guid.NewGuid(), sesionOtro, codigo))).ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal(1, primera.GetProperty("numero_ticket").GetInt64());
    }

    [Fact]
    public async Task Replaying_a_batch_takes_no_number_for_sales_already_stored_even_one_at_a_time()
    {
        var (_, codigo) = await App.ProductoAsync(100m, 50);
        var cajero = await fx.CajeroAsync();
        var sesion = (await CajaKit.AbiertaAsync(cajero)).Id();
        var a = Venta(Guid.NewGuid(), sesion, DateTimeOffset.UtcNow, [Item(codigo, 1, 100m)], [Pago("efectivo", 100m)]);
        var b = Venta(Guid.NewGuid(), sesion, DateTimeOffset.UtcNow, [Item(codigo, 1, 100m)], [Pago("efectivo", 100m)]);
        await cajero.Client.SyncAsync(a, b).ResultadosAsync();

        // The same sale re-sent online (the terminal's retry after a lost answer) goes through the sale's transaction.
        var json = System.Text.Json.JsonSerializer.SerializeToElement(a);
        var id = json.GetProperty("id").GetGuid();
        await (await cajero.Client.PostAsJsonAsync("/v1/ventas", Online(id, sesion, codigo))).ShouldBeAsync(HttpStatusCode.OK);
        Assert.All(await cajero.Client.SyncAsync(a, b).ResultadosAsync(), r => Assert.Equal("duplicada", r.Str("estado")));

        Assert.Equal(2, await UltimoNumeroAsync(cajero.PuntoDeVenta));
    }

    [Fact]
    public async Task A_supervisor_resending_a_cashier_sale_gets_the_stored_sale()
    {
        var (_, codigo) = await App.ProductoAsync(100m, 50);
        var cajero = await fx.CajeroAsync();
        var sesion = (await CajaKit.AbiertaAsync(cajero)).Id();
        var id = Guid.NewGuid();
        await (await cajero.Client.PostAsJsonAsync("/v1/ventas", Online(id, sesion, codigo))).ShouldBeAsync(HttpStatusCode.Created);
        var supervisor = await fx.SupervisorAsync();

        var venta = await (await supervisor.Client.PostAsJsonAsync("/v1/ventas", Online(id, sesion, codigo))).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal((id, cajero.Id), (venta.Id(), venta.GetProperty("usuario_id").GetGuid()));
        Assert.Equal(1, await UltimoNumeroAsync(cajero.PuntoDeVenta));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
