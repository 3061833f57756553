using BlendPos.Web.Features.Caja;
using BlendPos.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BlendPos.Web.Features.Reportes;

/// <summary>The products ranking by units or revenue, with margin; the CSV has every product sold, not only the page's 100.</summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class ProductosModel(ReportesService reportes, CajaService caja) : ReportePageModel(reportes, caja)
{
    [BindProperty(SupportsGet = true, Name = "orden")] public string? OrdenParam { get; set; }

    public override string Ruta => "/reportes/productos";
    public OrdenRanking Orden => OrdenParam == "ingresos" ? OrdenRanking.Ingresos : OrdenRanking.Unidades;
    public ReporteProductos? Reporte { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        PaginaAsync(async () => Reporte = await Reportes.ProductosAsync(Filtro, Orden, Actor, ct: ct), ct);

    public Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        CsvAsync("productos", async () => ReportesCsv.Productos(await Reportes.ProductosAsync(Filtro, Orden, Actor, limite: null, ct)));

    protected override IEnumerable<(string, string?)> ParametrosPropios() => [("orden", Orden == OrdenRanking.Ingresos ? "ingresos" : "unidades")];

    public Grafico GraficoTop(ReporteProductos r)
    {
        var top = r.Filas.Take(10).ToList();
        var ingresos = Orden == OrdenRanking.Ingresos;
        return new Grafico("bar", ingresos ? "Los 10 que más facturaron" : "Los 10 más vendidos",
            "Gráfico de barras horizontales: los diez primeros productos del ranking.",
            top.Select(f => f.Nombre.Length > 28 ? f.Nombre[..27] + "…" : f.Nombre).ToList(),
            [ingresos ? new SerieGrafico("Ingresos", top.Select(f => f.Ingresos).ToList())
                      : new SerieGrafico("Unidades", top.Select(f => (decimal)f.Unidades).ToList(), "int")],
            Horizontal: true, Clase: "chart-alto");
    }
}
