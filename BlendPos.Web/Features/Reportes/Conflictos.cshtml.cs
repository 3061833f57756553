using BlendPos.Web.Features.Caja;
using BlendPos.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BlendPos.Web.Features.Reportes;

/// <summary>Offline sales of the period that arrived with conflicts, and whether someone reviewed them.</summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class ConflictosModel(ReportesService reportes, CajaService caja) : ReportePageModel(reportes, caja)
{
    public override string Ruta => "/reportes/conflictos";
    public ReporteConflictos? Reporte { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        PaginaAsync(async () => Reporte = await Reportes.ConflictosAsync(Filtro, Actor, ct), ct);

    public Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        CsvAsync("conflictos", async () => ReportesCsv.Conflictos(await Reportes.ConflictosAsync(Filtro, Actor, ct), Zona));
}
