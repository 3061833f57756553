using BlendPos.Domain;
using BlendPos.Domain.Reportes;
using BlendPos.Tests.Features.Caja;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Features.Reportes;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using static BlendPos.Tests.Features.Reportes.ReportesAppFixture;

namespace BlendPos.Tests.Features.Reportes;

/// <summary>
/// The report queries over the sales of <see cref="Escenario"/>: totals equal what the database holds, days are
/// Argentine (a sale at 23:50 of the 14th is not on the 15th), voided sales are apart, cash is net of change, the cost of
/// a line is the one in effect when it was sold, and a supervisor's own open drawer is left out of their sums.
/// </summary>
public sealed class ReportesTests(ReportesAppFixture fx) : IClassFixture<ReportesAppFixture>
{
    private BlendPosApp App => fx.App;

    /// <summary>What the database says, summed here independently of the report's SQL.</summary>
    private Task<(int Tickets, decimal Total, int Anuladas, decimal Pagado, decimal Vuelto)> EnLaBaseAsync(DateOnly desde, DateOnly hasta,
        Guid? excluirSesion, int? pdv = null) => App.WithDbAsync(async db =>
    {
        var desdeUtc = new Periodo(desde, hasta).InicioUtc(Ar);
        var hastaUtc = new Periodo(desde, hasta).FinUtc(Ar);
        var ventas = db.Ventas.AsNoTracking().Where(v => v.CreatedAt >= desdeUtc && v.CreatedAt < hastaUtc && v.SesionCajaId != excluirSesion);
        if (pdv is { } n) ventas = ventas.Where(v => v.PuntoDeVenta == n);
        var completadas = ventas.Where(v => v.Estado == EstadoVenta.Completada);
        var ids = completadas.Select(v => v.Id);
        return (await completadas.CountAsync(), await completadas.SumAsync(v => v.Total),
            await ventas.CountAsync(v => v.Estado == EstadoVenta.Anulada),
            await db.VentaPagos.Where(p => ids.Contains(p.VentaId)).SumAsync(p => p.Monto), await completadas.SumAsync(v => v.Vuelto));
    });

    [Fact]
    public async Task Sales_by_day_are_Argentine_days_and_add_up_to_the_database()
    {
        var e = await fx.EscenarioAsync();
        var r = await App.ReportesAsync(s => s.VentasAsync(new FiltroReporte(Dia14, Dia15), e.SupActor));

        Assert.Equal([Dia14, Dia15], r.PorDia.Select(d => d.Dia));
        Assert.Equal((1, 2000m, 0), (r.PorDia[0].Tickets, r.PorDia[0].Total, r.PorDia[0].Anuladas)); // 23:50 stays on the 14th
        Assert.Equal((3, 2749m, 1, 1000m), (r.PorDia[1].Tickets, r.PorDia[1].Total, r.PorDia[1].Anuladas, r.PorDia[1].TotalAnulado));
        Assert.Equal(new Totales(4, 4749m, 1, 1000m), r.Totales);
        Assert.Equal(1187.25m, r.Totales.TicketPromedio);
        Assert.True(r.CajaPropiaExcluida); // sup's own open drawer (1 × A) is not in sup's sums

        var db = await EnLaBaseAsync(Dia14, Dia15, excluirSesion: e.SesionSup);
        Assert.Equal((db.Tickets, db.Total, db.Anuladas), (r.Totales.Tickets, r.Totales.Total, r.Totales.Anuladas));
        Assert.Equal(db.Pagado - db.Vuelto, r.PorMetodo.Sum(m => m.Monto)); // methods add up to the sales, cash net of change
        Assert.Equal([new MetodoMonto(MetodoPago.Efectivo, 3499m), new MetodoMonto(MetodoPago.Debito, 1250m)], r.PorMetodo);

        Assert.Equal([(e.Beto.Usuario, 2, 2499m, 1), (e.Ana.Usuario, 2, 2250m, 0)],
            r.PorCajero.Select(c => (c.Usuario, c.Tickets, c.Total, c.Anuladas)));

        // The 15th alone, and one punto de venta.
        var dia15 = await App.ReportesAsync(s => s.VentasAsync(new FiltroReporte(Dia15, Dia15), e.SupActor));
        Assert.Equal(new Totales(3, 2749m, 1, 1000m), dia15.Totales);
        var pdv = await App.ReportesAsync(s => s.VentasAsync(new FiltroReporte(Dia14, Dia15, Escenario.PdvBeto), e.SupActor));
        Assert.Equal(new Totales(2, 2499m, 1, 1000m), pdv.Totales);
        var dbPdv = await EnLaBaseAsync(Dia14, Dia15, null, Escenario.PdvBeto);
        Assert.Equal(dbPdv.Total, pdv.Totales.Total);
        Assert.Equal([new MetodoMonto(MetodoPago.Efectivo, 1499m), new MetodoMonto(MetodoPago.Debito, 1000m)], pdv.PorMetodo);
    }

    [Fact]
    public async Task Another_supervisor_sees_the_supervisors_own_open_drawer_that_they_may_not()
    {
        var e = await fx.EscenarioAsync();
        var propio = await App.ReportesAsync(s => s.VentasAsync(new FiltroReporte(Dia15, Dia15, Escenario.PdvSup), e.SupActor));
        Assert.Equal(new Totales(0, 0m, 0, 0m), propio.Totales);
        Assert.True(propio.CajaPropiaExcluida);
        var ajeno = await App.ReportesAsync(s => s.VentasAsync(new FiltroReporte(Dia15, Dia15, Escenario.PdvSup), e.Sup2Actor));
        Assert.Equal(new Totales(1, 1000m, 0, 0m), ajeno.Totales);
        Assert.False(ajeno.CajaPropiaExcluida);

        var todo = await App.ReportesAsync(s => s.VentasAsync(new FiltroReporte(Dia14, Dia15), e.Sup2Actor));
        Assert.Equal((await EnLaBaseAsync(Dia14, Dia15, null)).Total, todo.Totales.Total);
        var productos = await App.ReportesAsync(s => s.ProductosAsync(new FiltroReporte(Dia15, Dia15, Escenario.PdvSup), OrdenRanking.Unidades, e.SupActor));
        Assert.Empty(productos.Filas);
        var tablero = await App.ReportesAsync(s => s.TableroAsync(e.SupActor));
        Assert.True(tablero.CajaPropiaExcluida);
    }

    [Fact]
    public async Task Products_rank_by_units_or_revenue_with_the_cost_in_effect_at_each_sale()
    {
        var e = await fx.EscenarioAsync();
        var porUnidades = await App.ReportesAsync(s => s.ProductosAsync(new FiltroReporte(Dia14, Dia15), OrdenRanking.Unidades, e.SupActor));
        // B: 1 (ana) + 2 (beto) + 1 offline at 999; the voided 4 are not sold. A: 2 at cost 700 before the change, 1 at 800.
        Assert.Equal([("Chicle Reporte", 4, 1749m, 400m), ("Alfajor Reporte", 3, 3000m, 2200m)],
            porUnidades.Filas.Select(f => (f.Nombre, f.Unidades, f.Ingresos, f.Costo)));
        Assert.Equal(26.67m, porUnidades.Filas[1].MargenPct);
        Assert.Equal((7, 4749m, 2600m), (porUnidades.Unidades, porUnidades.Ingresos, porUnidades.Costo));

        var itemsEnLaBase = await App.WithDbAsync(db =>
        {
            var desde = new Periodo(Dia14, Dia15).InicioUtc(Ar);
            var hasta = new Periodo(Dia14, Dia15).FinUtc(Ar);
            return db.Ventas.AsNoTracking().Where(v => v.Estado == EstadoVenta.Completada && v.CreatedAt >= desde && v.CreatedAt < hasta && v.SesionCajaId != e.SesionSup)
                .SelectMany(v => v.Items).SumAsync(i => i.Subtotal);
        });
        Assert.Equal(itemsEnLaBase, porUnidades.Ingresos);

        var porIngresos = await App.ReportesAsync(s => s.ProductosAsync(new FiltroReporte(Dia14, Dia15), OrdenRanking.Ingresos, e.SupActor));
        Assert.Equal(["Alfajor Reporte", "Chicle Reporte"], porIngresos.Filas.Select(f => f.Nombre));
    }

    [Fact]
    public async Task Dashboard_shows_today_in_Argentina_by_hour_with_what_needs_attention()
    {
        var e = await fx.EscenarioAsync();
        var t = await App.ReportesAsync(s => s.TableroAsync(e.Sup2Actor));

        Assert.Equal(Dia15, t.Dia);
        Assert.Equal(new Totales(4, 3749m, 1, 1000m), t.Totales); // sup2 sees sup's drawer
        Assert.Equal(24, t.PorHora.Count);
        Assert.Equal((4, 3749m), (t.PorHora[0].Tickets, t.PorHora[0].Total)); // 00:05, not 03:05 (UTC)
        Assert.All(t.PorHora.Skip(1), h => Assert.Equal(0m, h.Total));
        Assert.Equal(3749m, t.PorMetodo.Sum(m => m.Monto));
        Assert.Equal(("Chicle Reporte", 4), (t.Top[0].Nombre, t.Top[0].Unidades));
        Assert.Equal(["Alfajor Reporte", "Chicle Reporte"], t.Top.Select(p => p.Nombre).Order());
        Assert.Contains(t.SesionesAbiertas, s => s.Usuario == e.Beto.Usuario && s.PuntoDeVenta == Escenario.PdvBeto);
        Assert.DoesNotContain(t.SesionesAbiertas, s => s.Id == e.SesionAna); // counted
        var desvio = Assert.Single(t.UltimosDesvios, d => d.SesionId == e.SesionAna);
        Assert.Equal((-100m, ClasificacionDesvio.Warning), (desvio.Desvio, desvio.Clasificacion));
        var pendientes = await App.WithDbAsync(db => db.Comprobantes.CountAsync(c => c.Estado == EstadoComprobante.Pendiente));
        Assert.Equal(pendientes, t.ComprobantesPendientes);

        var deSup = await App.ReportesAsync(s => s.TableroAsync(e.SupActor));
        Assert.Equal(new Totales(3, 2749m, 1, 1000m), deSup.Totales);
    }

    [Fact]
    public async Task Cash_voids_and_conflicts_reports_list_what_happened()
    {
        var e = await fx.EscenarioAsync();
        var caja = await App.ReportesAsync(s => s.CajaAsync(new FiltroReporte(Dia14, Dia15), e.SupActor));
        var sesion = Assert.Single(caja.Sesiones);
        Assert.Equal((e.SesionAna, -100m, 3250m, 3150m, ClasificacionDesvio.Warning), (sesion.Id, sesion.Desvio, sesion.Esperado, sesion.Declarado, sesion.Clasificacion));
        Assert.Equal(-100m, caja.PorDia.Single(d => d.Dia == Dia14).Desvio); // opened at 23:50 of the 14th
        Assert.Equal(0m, caja.PorDia.Single(d => d.Dia == Dia15).Desvio);

        var anulaciones = await App.ReportesAsync(s => s.AnulacionesAsync(new FiltroReporte(Dia15, Dia15), e.SupActor));
        var a = Assert.Single(anulaciones.Filas);
        Assert.Equal((e.Anulada, e.Beto.Usuario, e.Sup.Usuario, 1000m, "Cliente se arrepintió; pagó con otra tarjeta"),
            (a.VentaId, a.Cajero, a.AutorizadaPor, a.Total, a.Motivo));
        Assert.Empty((await App.ReportesAsync(s => s.AnulacionesAsync(new FiltroReporte(Dia14, Dia14), e.SupActor))).Filas);

        var conflictos = await App.ReportesAsync(s => s.ConflictosAsync(new FiltroReporte(Dia15, Dia15), e.SupActor));
        var c = Assert.Single(conflictos.Filas);
        Assert.Equal((true, false, 999m, 1), (c.Precio, c.Stock, c.Total, conflictos.Pendientes));
    }

    [Fact]
    public async Task A_cashier_is_refused_and_a_bad_period_is_explained()
    {
        var e = await fx.EscenarioAsync();
        var cajero = new Actor(e.Cajero.Id, BlendPos.Domain.Usuarios.Roles.Cajero);
        await Assert.ThrowsAsync<ForbiddenException>(() => App.ReportesAsync(s => s.VentasAsync(new FiltroReporte(), cajero)));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.ReportesAsync(s => s.TableroAsync(cajero)));
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            App.ReportesAsync(s => s.VentasAsync(new FiltroReporte(Dia15, Dia14), e.SupActor)));
        Assert.Equal("La fecha «desde» es posterior a «hasta».", error.Detail);
        await Assert.ThrowsAsync<ValidationException>(() =>
            App.ReportesAsync(s => s.VentasAsync(new FiltroReporte(Dia15.AddDays(-400), Dia15), e.SupActor)));
    }
}
