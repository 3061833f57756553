using System.Globalization;
using BlendPos.Domain;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Facturacion;

/// <summary>The supervisors' invoice list (/facturacion): state, filters by state and dates, «Reintentar» for errors, the PDF.</summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class IndexModel(FacturacionService facturacion, BlendPosOptions options) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Estado { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Desde { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Hasta { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int Pagina { get; set; } = 1;

    public PageOf<ComprobanteFila> Resultado { get; private set; } = new([], 0, 1, PageSize);
    public TimeZoneInfo Zona => Formato.Zona(options);
    public bool HayFiltros => ParseEstado(Estado) is not null || Desde is not null || Hasta is not null;

    public async Task OnGetAsync(CancellationToken ct) =>
        Resultado = await facturacion.ListAsync(new FacturaFiltro(null, ParseEstado(Estado), Desde, Hasta), Pagina, PageSize, ct);

    public async Task<IActionResult> OnPostReintentarAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await facturacion.ReintentarAsync(id, Actor.From(User), ct);
            TempData["Ok"] = "El comprobante volvió a la cola: se envía a AFIP en unos segundos.";
            return Redirect(PaginaUrl(Pagina));
        }
        catch (AppException e)
        {
            ModelState.AddModelError("", e.Detail);
            await OnGetAsync(ct);
            return Page();
        }
    }

    public static EstadoComprobante? ParseEstado(string? s) => s switch
    {
        "pendiente" => EstadoComprobante.Pendiente,
        "emitido" => EstadoComprobante.Emitido,
        "error" => EstadoComprobante.Error,
        _ => null,
    };

    public static string EstadoBadge(EstadoComprobante e) => e switch
    {
        EstadoComprobante.Emitido => "badge badge-ok",
        EstadoComprobante.Error => "badge badge-danger",
        _ => "badge badge-warning",
    };

    public static string Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public string PaginaUrl(int page)
    {
        var query = new QueryBuilder();
        if (ParseEstado(Estado) is not null) query.Add("estado", Estado!);
        if (Desde is { } desde) query.Add("desde", Iso(desde));
        if (Hasta is { } hasta) query.Add("hasta", Iso(hasta));
        query.Add("page", page.ToString(CultureInfo.InvariantCulture));
        return "/facturacion" + query.ToQueryString();
    }
}
