using BlendPos.Web.Features.Caja;
using BlendPos.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BlendPos.Web.Features.Reportes;

/// <summary>Voids of the period with reasons and authorizers.</summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class AnulacionesModel(ReportesService reportes, CajaService caja) : ReportePageModel(reportes, caja)
{
    public override string Ruta => "/reportes/anulaciones";
    public ReporteAnulaciones? Reporte { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        PaginaAsync(async () => Reporte = await Reportes.AnulacionesAsync(Filtro, Actor, ct), ct);

    public Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        CsvAsync("anulaciones", async () => ReportesCsv.Anulaciones(await Reportes.AnulacionesAsync(Filtro, Actor, ct), Zona));
}
