using BlendPos.Web.Features.Caja;
using BlendPos.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BlendPos.Web.Features.Reportes;

/// <summary>Counted cash sessions with their deviations and the daily trend.</summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class CajaModel(ReportesService reportes, CajaService caja) : ReportePageModel(reportes, caja)
{
    public override string Ruta => "/reportes/caja";
    public ReporteCaja? Reporte { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        PaginaAsync(async () => Reporte = await Reportes.CajaAsync(Filtro, Actor, ct), ct);

    public Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        CsvAsync("caja-desvios", async () => ReportesCsv.Caja(await Reportes.CajaAsync(Filtro, Actor, ct), Zona));

    public Grafico GraficoTendencia(ReporteCaja r) => new("line", "Desvío de caja por día",
        "Gráfico de líneas: la suma de los desvíos de las cajas abiertas cada día; por debajo de cero faltó dinero.",
        r.PorDia.Select(d => d.Dia.ToString("dd/MM")).ToList(), [new SerieGrafico("Desvío", r.PorDia.Select(d => d.Desvio).ToList())]);
}
