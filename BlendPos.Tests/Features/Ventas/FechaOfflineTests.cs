using System.Net;
using BlendPos.Tests.Features.Caja;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Features.Caja;
using BlendPos.Web.Features.Conflictos;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BlendPos.Tests.Features.Ventas.SyncBatchKit;

namespace BlendPos.Tests.Features.Ventas;

/// <summary>
/// Issue 16: an offline sale's <c>created_at</c> is checked against the server's clock (conflicto_fecha, the receipt
/// time kept beside it, the price window anchored inside the session), and who delivered it is recorded.
/// </summary>
public sealed class FechaOfflineTests(CajaAppFixture fx) : IClassFixture<CajaAppFixture>
{
    private BlendPosApp App => fx.App;

    private async Task<(Persona Cajero, Guid Sesion, DateTimeOffset Abierta)> CajaAbiertaAsync()
    {
        var cajero = await fx.CajeroAsync();
        var sesion = (await CajaKit.AbiertaAsync(cajero)).Id();
        return (cajero, sesion, (await App.SesionRowAsync(sesion)).OpenedAt);
    }

    [Fact]
    public async Task A_sale_stamped_two_days_ahead_is_processed_flagged_and_keeps_the_receipt_time()
    {
        var (_, codigo) = await App.ProductoAsync(100m, 10);
        var (cajero, sesion, _) = await CajaAbiertaAsync();
        var futura = Guid.NewGuid();
        var normal = Guid.NewGuid();
        var antes = DateTimeOffset.UtcNow;

        var r = await cajero.Client.SyncAsync(
            Venta(futura, sesion, DateTimeOffset.UtcNow.AddDays(2), [Item(codigo, 1, 100m)], [Pago("efectivo", 100m)]),
            Venta(normal, sesion, DateTimeOffset.UtcNow.AddMinutes(3), [Item(codigo, 1, 100m)], [Pago("efectivo", 100m)])).ResultadosAsync();

        Assert.Equal(("procesada", true), (r[0].Str("estado"), r[0].GetProperty("conflicto_fecha").GetBoolean()));
        Assert.Equal(("procesada", false), (r[1].Str("estado"), r[1].GetProperty("conflicto_fecha").GetBoolean())); // inside the 5 minutes
        var fila = await App.WithDbAsync(db => db.Ventas.AsNoTracking().SingleAsync(v => v.Id == futura));
        Assert.True(fila.ConflictoFecha);
        Assert.InRange(fila.SyncedAt!.Value, antes.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.True(fila.CreatedAt > fila.SyncedAt.Value.AddDays(1)); // the terminal's time is kept as told

        var venta = await (await cajero.Client.GetAsync($"/v1/ventas/{futura}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.True(venta.GetProperty("conflicto_fecha").GetBoolean());
        var listado = await (await cajero.Client.GetAsync($"/v1/ventas?sesion_caja_id={sesion}&conflicto=true")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal([futura], listado.GetProperty("items").EnumerateArray().Select(v => v.Id()));
    }

    [Fact]
    public async Task A_back_dated_sale_is_flagged_and_cannot_choose_an_old_price_window()
    {
        var (producto, codigo) = await App.ProductoAsync(1500m, 10);
        // 800 was the price 20 days ago; since 10 days ago it is 1500.
        await App.HistorialAsync(producto, (DateTimeOffset.UtcNow.AddDays(-60), 800m), (DateTimeOffset.UtcNow.AddDays(-10), 1500m));
        var (cajero, sesion, _) = await CajaAbiertaAsync();
        var id = Guid.NewGuid();

        var r = Assert.Single(await cajero.Client.SyncAsync(
            Venta(id, sesion, DateTimeOffset.UtcNow.AddDays(-20), [Item(codigo, 1, 800m)], [Pago("efectivo", 800m)])).ResultadosAsync());

        // Anchored at the stamp, 800 would look known; anchored inside the session (opened today), it is not.
        Assert.Equal(("procesada", true, true), (r.Str("estado"), r.GetProperty("conflicto_fecha").GetBoolean(), r.GetProperty("conflicto_precio").GetBoolean()));

        await using var scope = App.Services.CreateAsyncScope();
        var detalle = await scope.ServiceProvider.GetRequiredService<ConflictosService>().DetalleAsync(id);
        Assert.True(detalle.ConflictoFecha);
        Assert.Equal((1500m, false), (detalle.Precios.Single().PrecioEnFecha, detalle.Precios.Single().PrecioConocido));
    }

    [Fact]
    public async Task A_sale_inside_the_session_and_the_tolerance_is_not_flagged()
    {
        var (_, codigo) = await App.ProductoAsync(100m, 10);
        var (cajero, sesion, abierta) = await CajaAbiertaAsync();

        var r = await cajero.Client.SyncAsync(
            Venta(Guid.NewGuid(), sesion, abierta.AddMinutes(-4), [Item(codigo, 1, 100m)], [Pago("efectivo", 100m)]),
            Venta(Guid.NewGuid(), sesion, abierta.AddMinutes(-6), [Item(codigo, 1, 100m)], [Pago("efectivo", 100m)])).ResultadosAsync();

        Assert.Equal([false, true], r.Select(x => x.GetProperty("conflicto_fecha").GetBoolean()));
    }

    [Fact]
    public async Task A_supervisor_delivering_a_cashier_sale_is_recorded_as_who_synced_it()
    {
        var (_, codigo) = await App.ProductoAsync(100m, 10);
        var (cajero, sesion, _) = await CajaAbiertaAsync();
        var supervisor = await fx.SupervisorAsync();
        var propia = Guid.NewGuid();
        var entregada = Guid.NewGuid();

        await cajero.Client.SyncAsync(Venta(propia, sesion, DateTimeOffset.UtcNow, [Item(codigo, 1, 100m)], [Pago("efectivo", 100m)])).ResultadosAsync();
        await supervisor.Client.SyncAsync(Venta(entregada, sesion, DateTimeOffset.UtcNow, [Item(codigo, 1, 100m)], [Pago("efectivo", 100m)])).ResultadosAsync();

        var filas = await App.WithDbAsync(db => db.Ventas.AsNoTracking().Where(v => v.Id == propia || v.Id == entregada)
            .ToDictionaryAsync(v => v.Id, v => (v.UsuarioId, v.SincronizadaPorId)));
        Assert.Equal((cajero.Id, (Guid?)null), filas[propia]);
        Assert.Equal((cajero.Id, (Guid?)supervisor.Id), filas[entregada]);
    }

    [Fact]
    public async Task A_supervisor_may_not_review_a_conflict_of_their_own_sales_but_another_may()
    {
        var (_, codigo) = await App.ProductoAsync(100m, 10);
        var supervisor = await fx.SupervisorAsync();
        var sesion = (await CajaKit.AbiertaAsync(supervisor)).Id();
        var id = Guid.NewGuid();
        await supervisor.Client.SyncAsync(Venta(id, sesion, DateTimeOffset.UtcNow.AddDays(2), [Item(codigo, 1, 100m)], [Pago("efectivo", 100m)])).ResultadosAsync();
        var otro = await fx.SupervisorAsync();

        await using var scope = App.Services.CreateAsyncScope();
        var conflictos = scope.ServiceProvider.GetRequiredService<ConflictosService>();
        var e = await Assert.ThrowsAsync<BlendPos.Web.Infrastructure.Errors.ForbiddenException>(() =>
            conflictos.MarcarRevisadaAsync(id, new Actor(supervisor.Id, "supervisor")));
        Assert.Equal("No podés revisar un conflicto de tus propias ventas: tiene que hacerlo otro supervisor o un administrador.", e.Detail);

        var revisada = await conflictos.MarcarRevisadaAsync(id, new Actor(otro.Id, "supervisor"));
        Assert.True(revisada.Revisada);
    }
}
