using System.Net;
using BlendPos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Tests.Features.Caja;

/// <summary>GET /v1/caja/sesiones: the supervisor's list and its filters; a cashier's own sessions only.</summary>
public sealed class CajaSesionesListApiTests(CajaAppFixture fx) : IClassFixture<CajaAppFixture>
{
    private BlendPosApp App => fx.App;

    [Fact]
    public async Task The_supervisor_lists_sessions_filtered_by_state_user_and_punto_de_venta()
    {
        var supervisor = await fx.SupervisorAsync();
        var cajero = await fx.CajeroAsync();
        var cerrada = (await CajaKit.AbiertaAsync(cajero, 100m)).Id();
        await (await CajaKit.ArqueoAsync(cajero.Client, cerrada, 100m)).ShouldBeAsync(HttpStatusCode.OK);
        var pendiente = (await CajaKit.AbiertaAsync(cajero, 100m)).Id();
        await (await CajaKit.ArqueoAsync(cajero.Client, pendiente, 500m)).ShouldBeAsync(HttpStatusCode.OK);
        var abierta = (await CajaKit.AbiertaAsync(cajero, 100m)).Id();
        await CajaKit.IngresoAsync(cajero.Client, abierta, 50m);
        var otro = await fx.CajeroAsync();
        var ajena = (await CajaKit.AbiertaAsync(otro)).Id();

        Assert.Equal([abierta, pendiente, cerrada], await IdsAsync(supervisor, $"usuario_id={cajero.Id}")); // newest first
        Assert.Equal([abierta], await IdsAsync(supervisor, $"usuario_id={cajero.Id}&estado=abierta"));
        Assert.Equal([pendiente], await IdsAsync(supervisor, $"usuario_id={cajero.Id}&estado=pendiente_cierre"));
        Assert.Equal([cerrada], await IdsAsync(supervisor, $"usuario_id={cajero.Id}&estado=cerrada"));
        Assert.Equal([ajena], await IdsAsync(supervisor, $"punto_de_venta={otro.PuntoDeVenta}"));
        Assert.Empty(await IdsAsync(supervisor, $"punto_de_venta={otro.PuntoDeVenta}&usuario_id={cajero.Id}"));

        var page = await (await supervisor.Client.GetAsync($"/v1/caja/sesiones?usuario_id={cajero.Id}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        var first = page.GetProperty("items")[0];
        Assert.Equal(["cerrada_por", "sesion", "usuario"], first.PropertyNames());
        Assert.Equal(CajaKit.SesionFields, first.GetProperty("sesion").PropertyNames());
        Assert.Equal(150m, first.GetProperty("sesion").Dec("monto_esperado")); // live, for the supervisor
        var counted = page.GetProperty("items")[1].GetProperty("sesion");
        Assert.Equal((400m, 400m, "critico"), (counted.Dec("desvio"), counted.Dec("desvio_pct"), counted.Str("clasificacion")));
    }

    [Fact]
    public async Task An_unknown_state_filter_is_400()
    {
        var supervisor = await fx.SupervisorAsync();

        var problem = await (await supervisor.Client.GetAsync("/v1/caja/sesiones?estado=perdida")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["estado"], problem.GetProperty("errors").PropertyNames());
    }

    [Fact]
    public async Task Date_filters_are_business_days_in_argentina_not_utc_days()
    {
        var supervisor = await fx.SupervisorAsync();
        var cajero = await fx.CajeroAsync();
        var id = (await CajaKit.AbiertaAsync(cajero)).Id();
        // 01:30 UTC on the 28th is 22:30 on the 27th in Buenos Aires (UTC-3).
        var openedAt = new DateTimeOffset(2026, 11, 28, 1, 30, 0, TimeSpan.Zero);
        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE sesiones_caja SET opened_at = {openedAt} WHERE id = {id}"));
        var user = $"usuario_id={cajero.Id}";

        Assert.Equal([id], await IdsAsync(supervisor, $"{user}&desde=2026-11-27&hasta=2026-11-27"));
        Assert.Equal([id], await IdsAsync(supervisor, $"{user}&hasta=2026-11-27"));
        Assert.Equal([id], await IdsAsync(supervisor, $"{user}&desde=2026-11-27"));
        Assert.Empty(await IdsAsync(supervisor, $"{user}&desde=2026-11-28"));
        Assert.Empty(await IdsAsync(supervisor, $"{user}&hasta=2026-11-26"));
    }

    [Fact]
    public async Task A_cashier_lists_only_their_own_sessions_whatever_the_filter()
    {
        var ana = await fx.CajeroAsync();
        var beto = await fx.CajeroAsync();
        var suya = (await CajaKit.AbiertaAsync(ana)).Id();
        await CajaKit.AbiertaAsync(beto);

        Assert.Equal([suya], await IdsAsync(ana, ""));
        Assert.Empty(await IdsAsync(ana, $"usuario_id={beto.Id}"));
        Assert.Empty(await IdsAsync(ana, $"punto_de_venta={beto.PuntoDeVenta}"));
    }

    private static async Task<Guid[]> IdsAsync(Persona who, string query)
    {
        var page = await (await who.Client.GetAsync($"/v1/caja/sesiones?{query}")).ShouldBeAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sesion").Id()).ToArray();
    }
}
