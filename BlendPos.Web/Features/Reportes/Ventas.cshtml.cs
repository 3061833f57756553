using BlendPos.Web.Features.Caja;
using BlendPos.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BlendPos.Web.Features.Reportes;

/// <summary>Sales by day (chart), payment method and cashier. CSV: one row per day, or per cashier/method with <c>vista</c>.</summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class VentasModel(ReportesService reportes, CajaService caja) : ReportePageModel(reportes, caja)
{
    public override string Ruta => "/reportes/ventas";
    public ReporteVentas? Reporte { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        PaginaAsync(async () => Reporte = await Reportes.VentasAsync(Filtro, Actor, ct), ct);

    /// <param name="vista"><c>dias</c> (default), <c>cajeros</c> or <c>metodos</c>.</param>
    public Task<IActionResult> OnGetCsvAsync(string? vista, CancellationToken ct) => vista switch
    {
        "cajeros" => CsvAsync("ventas-por-cajero", async () => ReportesCsv.VentasPorCajero(await Reportes.VentasAsync(Filtro, Actor, ct))),
        "metodos" => CsvAsync("ventas-por-medio", async () => ReportesCsv.VentasPorMetodo(await Reportes.VentasAsync(Filtro, Actor, ct))),
        _ => CsvAsync("ventas-por-dia", async () => ReportesCsv.Ventas(await Reportes.VentasAsync(Filtro, Actor, ct))),
    };

    public Grafico GraficoPorDia(ReporteVentas r) => new("bar", "Ventas por día", $"Gráfico de barras: total vendido en cada día del período, de {r.Periodo.Desde:dd/MM} a {r.Periodo.Hasta:dd/MM}.",
        r.PorDia.Select(d => d.Dia.ToString("dd/MM")).ToList(), [new SerieGrafico("Total", r.PorDia.Select(d => d.Total).ToList())]);
}
