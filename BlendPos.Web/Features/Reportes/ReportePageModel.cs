using System.Globalization;
using BlendPos.Domain.Reportes;
using BlendPos.Web.Features.Caja;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Reportes;

/// <summary>
/// What every report page shares: the filters (Argentine days, punto de venta) bound from the query string, the
/// refusal of a bad period as a Spanish message, the CSV download of the same filters (<c>?handler=csv</c>) and the
/// links between reports. Each page asks the service for its report once; supervisors and admins only.
/// </summary>
public abstract class ReportePageModel(ReportesService reportes, CajaService caja) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? Desde { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Hasta { get; set; }
    [BindProperty(SupportsGet = true, Name = "pdv")] public int? PuntoDeVenta { get; set; }

    /// <summary>This report's path, e.g. <c>/reportes/ventas</c>.</summary>
    public abstract string Ruta { get; }

    public string? Error { get; private set; }
    public Periodo? Periodo { get; private set; }
    public IReadOnlyList<int> PuntosDeVenta { get; private set; } = [];
    public TimeZoneInfo Zona => reportes.Zona;
    protected ReportesService Reportes => reportes;
    protected Actor Actor => Actor.From(User);
    protected FiltroReporte Filtro => new(Desde, Hasta, PuntoDeVenta);

    /// <summary>The page: <paramref name="cargar"/> fetches the report; a refused period shows its reason instead.</summary>
    protected async Task<IActionResult> PaginaAsync(Func<Task> cargar, CancellationToken ct)
    {
        PuntosDeVenta = await caja.PuntosDeVentaConSesionesAsync(Actor, ct);
        try
        {
            Periodo = reportes.PeriodoDe(Filtro);
            await cargar();
        }
        catch (ValidationException e)
        {
            Error = e.Detail;
            Periodo = null;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    /// <summary>The CSV download; a refused period answers 400 with its reason in plain text.</summary>
    protected async Task<IActionResult> CsvAsync(string nombre, Func<Task<byte[]>> generar)
    {
        try
        {
            var periodo = reportes.PeriodoDe(Filtro);
            var bytes = await generar();
            return File(bytes, ReportesCsv.ContentType, ReportesCsv.Nombre(nombre, periodo));
        }
        catch (ValidationException e)
        {
            return BadRequest(e.Detail);
        }
    }

    public static string Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>This report's address (PageModel.Url is the URL helper) with the current filters, plus <paramref name="extra"/> (e.g. the CSV handler).</summary>
    public string Enlace(params (string Clave, string? Valor)[] extra)
    {
        var q = new QueryBuilder();
        var p = Periodo;
        if (p is not null) { q.Add("desde", Iso(p.Desde)); q.Add("hasta", Iso(p.Hasta)); }
        if (PuntoDeVenta is { } pdv) q.Add("pdv", pdv.ToString(CultureInfo.InvariantCulture));
        foreach (var (k, v) in ParametrosPropios().Concat(extra))
            if (v is not null) q.Add(k, v);
        return Ruta + q.ToQueryString();
    }

    /// <summary>The page's own query parameters beyond the shared filters (the ranking's order).</summary>
    protected virtual IEnumerable<(string, string?)> ParametrosPropios() => [];

    /// <summary>The other reports, linked with the same period and punto de venta.</summary>
    public string UrlDe(string ruta)
    {
        var q = new QueryBuilder();
        if (Periodo is { } p) { q.Add("desde", Iso(p.Desde)); q.Add("hasta", Iso(p.Hasta)); }
        if (PuntoDeVenta is { } pdv) q.Add("pdv", pdv.ToString(CultureInfo.InvariantCulture));
        return ruta + q.ToQueryString();
    }
}
