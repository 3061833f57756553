using System.Text.Json;
using BlendPos.Domain;
using BlendPos.Domain.Reportes;
using BlendPos.Tests.Features.Caja;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Features.Reportes;
using Microsoft.EntityFrameworkCore;
using static BlendPos.Tests.Features.Reportes.ReportesAppFixture;
using static BlendPos.Tests.Features.Reportes.ReportesKit;
using static BlendPos.Tests.Features.Ventas.SyncBatchKit;

namespace BlendPos.Tests.Features.Reportes;

/// <summary>
/// The daily summary tables behind the one-year reports (ResumenService, the ventas triggers): the job summarizes ended
/// days and a re-run replaces a day with the same rows; a report read from summaries plus live days equals the same
/// report computed live from the sales (page numbers and CSV); a void and a late offline sale after a day was
/// summarized mark it dirty and change the report at once. The clock of this class's app only moves forward, a day at
/// a time, so each test works on "yesterday" and "today" as it finds them.
/// </summary>
public sealed class ResumenTests(ReportesAppFixture fx) : IClassFixture<ReportesAppFixture>
{
    private BlendPosApp App => fx.App;

    /// <summary>
    /// Amounts compared by value: a summary column is numeric(16,2), so where the live query says 0 the summary says 0.00
    /// — the same number, shown and exported the same (the CSV bytes are compared as they are).
    /// </summary>
    private static readonly JsonSerializerOptions Numeros = new() { Converters = { new DecimalPorValor() } };

    private sealed class DecimalPorValor : System.Text.Json.Serialization.JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.ToString("0.############", System.Globalization.CultureInfo.InvariantCulture));
    }

    private DateOnly Hoy => Periodo.DiaDe(fx.Clock.GetUtcNow(), Ar);

    private sealed record FilaVentas(DateOnly Dia, int PuntoDeVenta, Guid UsuarioId, int Tickets, decimal Total, int Anuladas, decimal TotalAnulado, decimal Vuelto);

    private Task<List<FilaVentas>> FilasAsync(DateOnly dia) => App.WithDbAsync(db => db.Set<ResumenVentas>().AsNoTracking().Where(r => r.Dia == dia)
        .OrderBy(r => r.PuntoDeVenta).ThenBy(r => r.UsuarioId)
        .Select(r => new FilaVentas(r.Dia, r.PuntoDeVenta, r.UsuarioId, r.Tickets, r.Total, r.Anuladas, r.TotalAnulado, r.Vuelto)).ToListAsync());

    private Task<string> TodoElResumenAsync(DateOnly dia) => App.WithDbAsync(async db => JsonSerializer.Serialize(new
    {
        ventas = await FilasAsync(dia),
        pagos = await db.Set<ResumenPagos>().AsNoTracking().Where(r => r.Dia == dia).OrderBy(r => r.PuntoDeVenta).ThenBy(r => r.UsuarioId).ThenBy(r => r.Metodo).ToListAsync(),
        productos = await db.Set<ResumenProductos>().AsNoTracking().Where(r => r.Dia == dia).OrderBy(r => r.PuntoDeVenta).ThenBy(r => r.ProductoId).ToListAsync(),
    }));

    private Task<ResumenDia?> DiaAsync(DateOnly dia) => App.WithDbAsync(db => db.Set<ResumenDia>().AsNoTracking().SingleOrDefaultAsync(r => r.Dia == dia));

    /// <summary>Completed tickets and total, voided count, of the days in the database (no summary involved).</summary>
    private Task<(int Tickets, decimal Total, int Anuladas)> EnLaBaseAsync(DateOnly desde, DateOnly hasta) => App.WithDbAsync(async db =>
    {
        var p = new Periodo(desde, hasta);
        var (d, h) = (p.InicioUtc(Ar), p.FinUtc(Ar));
        var ventas = db.Ventas.AsNoTracking().Where(v => v.CreatedAt >= d && v.CreatedAt < h);
        var completadas = ventas.Where(v => v.Estado == EstadoVenta.Completada);
        return (await completadas.CountAsync(), await completadas.SumAsync(v => v.Total), await ventas.CountAsync(v => v.Estado == EstadoVenta.Anulada));
    });

    /// <summary>Moves the clock to 10:00 of the next Argentine day and summarizes what ended.</summary>
    private async Task PasarAlDiaSiguienteAsync()
    {
        var manana = Hoy.AddDays(1);
        fx.Clock.SetUtcNow(Periodo.Dia(manana).InicioUtc(Ar).AddHours(10));
        await App.ResumenAsync(r => r.ResumirPendientesAsync());
    }

    [Fact]
    public async Task The_job_summarizes_ended_days_once_and_a_rerun_replaces_a_day_with_the_same_rows()
    {
        var e = await fx.EscenarioAsync(); // the 14th was summarized at 00:10 of the 15th
        await App.ResumenAsync(r => r.ResumirPendientesAsync());
        Assert.Equal(0, await App.ResumenAsync(r => r.ResumirPendientesAsync()));
        Assert.Empty(await App.ResumenAsync(r => r.PendientesAsync(Hoy)));

        var dia = await DiaAsync(Dia14);
        Assert.NotNull(dia);
        Assert.False(dia.Sucio);
        Assert.Equal((Periodo.Dia(Dia14).InicioUtc(Ar), Periodo.Dia(Dia14).FinUtc(Ar)), (dia.Desde, dia.Hasta));
        var antes = await TodoElResumenAsync(Dia14);
        var fila = Assert.Single(await FilasAsync(Dia14)); // ana's 23:50 sale
        Assert.Equal((Escenario.PdvAna, e.Ana.Id, 1, 2000m, 3000m), (fila.PuntoDeVenta, fila.UsuarioId, fila.Tickets, fila.Total, fila.Vuelto));
        var db = await EnLaBaseAsync(Dia14, Dia14);
        Assert.Equal((db.Tickets, db.Total), (fila.Tickets, fila.Total));

        await App.ResumenAsync(async r => { await r.ResumirDiaAsync(Dia14); await r.ResumirDiaAsync(Dia14); return 0; });
        Assert.Equal(antes, await TodoElResumenAsync(Dia14));
        var alfajor = Assert.Single(await App.WithDbAsync(db => db.Set<ResumenProductos>().AsNoTracking().Where(r => r.Dia == Dia14).ToListAsync()));
        Assert.Equal((2, 2000m, 1400m, 0), (alfajor.Unidades, alfajor.Ingresos, alfajor.Costo, alfajor.UnidadesSinCosto)); // the 700 in effect at 23:50, not 800

        // Today has not ended: it is never summarized, always read live.
        await Assert.ThrowsAsync<InvalidOperationException>(() => App.ResumenAsync(async r => { await r.ResumirDiaAsync(Hoy); return 0; }));
        Assert.Null(await DiaAsync(Hoy));
    }

    [Fact]
    public async Task A_report_over_summarized_and_live_days_equals_the_same_report_computed_live()
    {
        var e = await fx.EscenarioAsync();
        var ayer = Hoy;
        await VenderAsync(await AlDiaAsync(e.Beto), await SesionDeBetoAsync(), [(e.CodigoA, 2), (e.CodigoB, 1)], ("credito", 2250m));
        await PasarAlDiaSiguienteAsync(); // the 15th (or the day the clock was on) is summarized too; today is live
        await VenderAsync(await AlDiaAsync(e.Beto), await SesionDeBetoAsync(), [(e.CodigoB, 3)], ("efectivo", 1000m));
        Assert.False((await DiaAsync(ayer))!.Sucio);

        var filtros = new[]
        {
            new FiltroReporte(Dia14, Hoy), new FiltroReporte(Dia14, Hoy, Escenario.PdvBeto), new FiltroReporte(Dia14, ayer),
            new FiltroReporte(ayer, Hoy), new FiltroReporte(Hoy.AddDays(-365), Hoy),
        };
        var actores = new[] { e.SupActor, e.Sup2Actor }; // sup has an open drawer of their own: from its first sale on, read live
        async Task<List<string>> TodosAsync() =>
        [
            .. await Task.WhenAll(filtros.SelectMany(f => actores.Select(a => App.ReportesAsync(async s =>
            {
                var ventas = await s.VentasAsync(f, a);
                var unidades = await s.ProductosAsync(f, OrdenRanking.Unidades, a, limite: null);
                var ingresos = await s.ProductosAsync(f, OrdenRanking.Ingresos, a);
                return JsonSerializer.Serialize(new { ventas, unidades, ingresos }, Numeros) + Convert.ToBase64String(
                    [.. ReportesCsv.Ventas(ventas), .. ReportesCsv.VentasPorCajero(ventas), .. ReportesCsv.VentasPorMetodo(ventas), .. ReportesCsv.Productos(unidades)]);
            })))),
        ];

        var resumido = await TodosAsync();
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE resumen_dias SET sucio = true")); // every day read live
        var vivo = await TodosAsync();
        Assert.All(vivo.Zip(resumido), x => Assert.Equal(x.First, x.Second)); // one report at a time: the difference is readable
        Assert.Equal((await EnLaBaseAsync(Dia14, Hoy)).Total,
            (await App.ReportesAsync(s => s.VentasAsync(new FiltroReporte(Dia14, Hoy), e.Sup2Actor))).Totales.Total);
        Assert.True(await App.ResumenAsync(r => r.ResumirPendientesAsync()) >= 2);
        Assert.Equal(resumido, await TodosAsync());
    }

    [Fact]
    public async Task A_void_after_the_day_was_summarized_marks_it_dirty_and_changes_the_report()
    {
        var e = await fx.EscenarioAsync();
        var venta = await VenderAsync(await AlDiaAsync(e.Beto), await SesionDeBetoAsync(), [(e.CodigoA, 1)], ("debito", 1000m));
        var dia = Hoy;
        await PasarAlDiaSiguienteAsync();
        Assert.False((await DiaAsync(dia))!.Sucio);
        var filtro = new FiltroReporte(dia, dia);
        var antes = await App.ReportesAsync(s => s.VentasAsync(filtro, e.Sup2Actor));
        var productosAntes = await App.ReportesAsync(s => s.ProductosAsync(filtro, OrdenRanking.Unidades, e.Sup2Actor));

        await AnularAsync(await AlDiaAsync(e.Sup), venta, "Cobrado dos veces");
        Assert.True((await DiaAsync(dia))!.Sucio); // the ventas trigger, in the void's own transaction

        var despues = await App.ReportesAsync(s => s.VentasAsync(filtro, e.Sup2Actor));
        Assert.Equal(new Totales(antes.Totales.Tickets - 1, antes.Totales.Total - 1000m, antes.Totales.Anuladas + 1, antes.Totales.TotalAnulado + 1000m), despues.Totales);
        var db = await EnLaBaseAsync(dia, dia);
        Assert.Equal((db.Tickets, db.Total, db.Anuladas), (despues.Totales.Tickets, despues.Totales.Total, despues.Totales.Anuladas));
        var productos = await App.ReportesAsync(s => s.ProductosAsync(filtro, OrdenRanking.Unidades, e.Sup2Actor));
        Assert.Equal(productosAntes.Unidades - 1, productos.Unidades);

        Assert.Equal(1, await App.ResumenAsync(r => r.ResumirPendientesAsync())); // summarized again, same numbers
        Assert.False((await DiaAsync(dia))!.Sucio);
        Assert.Equal(despues.Totales, (await App.ReportesAsync(s => s.VentasAsync(filtro, e.Sup2Actor))).Totales);
    }

    [Fact]
    public async Task A_late_offline_sale_of_a_summarized_day_marks_it_dirty_and_appears_in_the_report()
    {
        var e = await fx.EscenarioAsync();
        await PasarAlDiaSiguienteAsync();
        var ayer = Hoy.AddDays(-1);
        Assert.False((await DiaAsync(ayer))!.Sucio);
        var filtro = new FiltroReporte(ayer, ayer);
        var antes = await App.ReportesAsync(s => s.VentasAsync(filtro, e.Sup2Actor));

        // Sold yesterday at 18:00 on beto's terminal while it was offline, synced today.
        var vendida = Periodo.Dia(ayer).InicioUtc(Ar).AddHours(18);
        var r = await (await AlDiaAsync(e.Beto)).Client.SyncAsync(Venta(Guid.NewGuid(), await SesionDeBetoAsync(), vendida, [Item(e.CodigoB, 2, 250m)],
            [Pago("transferencia", 500m)])).ResultadosAsync();
        Assert.Equal("procesada", r.Single().GetProperty("estado").GetString());
        Assert.True((await DiaAsync(ayer))!.Sucio);

        var despues = await App.ReportesAsync(s => s.VentasAsync(filtro, e.Sup2Actor));
        Assert.Equal((antes.Totales.Tickets + 1, antes.Totales.Total + 500m), (despues.Totales.Tickets, despues.Totales.Total));
        Assert.Equal(antes.PorMetodo.Where(m => m.Metodo == MetodoPago.Transferencia).Sum(m => m.Monto) + 500m,
            despues.PorMetodo.Single(m => m.Metodo == MetodoPago.Transferencia).Monto);
        Assert.Equal((await EnLaBaseAsync(ayer, ayer)).Total, despues.Totales.Total);

        Assert.Equal(1, await App.ResumenAsync(x => x.ResumirPendientesAsync()));
        Assert.Equal(despues.Totales, (await App.ReportesAsync(s => s.VentasAsync(filtro, e.Sup2Actor))).Totales);
    }

    /// <summary>The person signed in again: a day later their access token has expired.</summary>
    private async Task<Persona> AlDiaAsync(Persona p) => p with { Client = await App.ClientAsAsync(p.Usuario, CajaKit.Password) };

    /// <summary>beto's drawer, left open across the days this class moves the clock through.</summary>
    private Task<Guid> SesionDeBetoAsync() => App.WithDbAsync(async db =>
    {
        var e = await fx.EscenarioAsync();
        return await db.SesionesCaja.AsNoTracking().Where(s => s.UsuarioId == e.Beto.Id && s.Estado == EstadoSesionCaja.Abierta)
            .Select(s => s.Id).SingleAsync();
    });
}
