using System.Globalization;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Config;
using Htmx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Caja;

public sealed record SesionesVista(PageOf<SesionResumen> Resultado, bool HayFiltros, Func<int, string> Url, TimeZoneInfo Zona);

/// <summary>The supervisor's list of cash sessions, filtered like the product list (htmx swaps the table only).</summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class SesionesModel(CajaService caja, BlendPosOptions options) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public DateOnly? Desde { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Hasta { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Usuario { get; set; }
    [BindProperty(SupportsGet = true, Name = "pdv")] public int? PuntoDeVenta { get; set; }
    [BindProperty(SupportsGet = true)] public string? Estado { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int Pagina { get; set; } = 1;

    public IReadOnlyList<UsuarioCaja> Usuarios { get; private set; } = [];
    public IReadOnlyList<int> PuntosDeVenta { get; private set; } = [];
    public SesionesVista Vista { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        var estado = Formato.ParseEstado(Estado);
        var filtro = new SesionFiltro(Desde, Hasta, Usuario, PuntoDeVenta, estado);
        var resultado = await caja.ListAsync(filtro, actor, options, Pagina, PageSize, ct);
        var hayFiltros = Desde is not null || Hasta is not null || Usuario is not null || PuntoDeVenta is not null || estado is not null;
        Vista = new SesionesVista(resultado, hayFiltros, PageUrl, Formato.Zona(options));

        if (Request.IsHtmx()) return Partial("_Sesiones", Vista);
        Usuarios = await caja.UsuariosConSesionesAsync(actor, ct);
        PuntosDeVenta = await caja.PuntosDeVentaConSesionesAsync(actor, ct);
        return Page();
    }

    public static string Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private string PageUrl(int page)
    {
        var query = new QueryBuilder();
        if (Desde is { } desde) query.Add("desde", Iso(desde));
        if (Hasta is { } hasta) query.Add("hasta", Iso(hasta));
        if (Usuario is { } u) query.Add("usuario", u.ToString());
        if (PuntoDeVenta is { } pdv) query.Add("pdv", pdv.ToString(CultureInfo.InvariantCulture));
        if (Formato.ParseEstado(Estado) is { } e) query.Add("estado", Formato.EstadoParam(e));
        query.Add("page", page.ToString(CultureInfo.InvariantCulture));
        return "/caja/sesiones" + query.ToQueryString();
    }
}
