using System.Globalization;
using BlendPos.Web.Features.Caja;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;
using Htmx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Conflictos;

/// <summary>The list of flagged sales, its filter and pager (swapped whole by htmx when the filter changes).</summary>
public sealed record ConflictosVista(PageOf<ConflictoVenta> Pagina, FiltroConflictos Filtro, Func<int, string> Url, TimeZoneInfo Zona);

/// <summary>
/// One flagged sale's card. After an action it carries the message (ok or refused), the stock form that was refused
/// (so it stays open with what was typed) and the new pending count for the navigation badge.
/// </summary>
public sealed record ConflictoTarjeta(ConflictoVenta Venta, TimeZoneInfo Zona, FiltroConflictos Filtro, int Pagina,
    string? Aviso = null, string? Error = null, AjusteFormulario? Ajuste = null, int? Pendientes = null);

/// <summary>The navigation's count of sales to review; <see cref="Oob"/> when it rides along with a card (htmx).</summary>
public sealed record NavBadgeConflictos(int Pendientes, bool Oob = false);

public sealed record AjusteFormulario(Guid ProductoId, string? Modo, int? Cantidad, string? Motivo, string? Error);

/// <summary>
/// /conflictos: a supervisor reviews sales the offline replay flagged (stock gone negative, a price the catalog never
/// had, a session already closed), corrects stock and marks each reviewed. Each action swaps its sale's card (htmx);
/// without JavaScript the forms post and come back to the list.
/// </summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class ConflictosModel(ConflictosService conflictos, BlendPosOptions options) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Estado { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int Pagina { get; set; } = 1;

    [BindProperty(Name = "venta_id")] public Guid? VentaId { get; set; }
    [BindProperty(Name = "producto_id")] public Guid? ProductoId { get; set; }
    [BindProperty(Name = "modo")] public string? Modo { get; set; }
    [BindProperty(Name = "cantidad")] public string? Cantidad { get; set; }
    [BindProperty(Name = "motivo")] public string? Motivo { get; set; }

    public FiltroConflictos Filtro => Estado switch
    {
        "revisadas" => FiltroConflictos.Revisadas,
        "todas" => FiltroConflictos.Todas,
        _ => FiltroConflictos.Pendientes,
    };

    public ConflictosVista Vista { get; private set; } = null!;
    public TimeZoneInfo Zona => Formato.Zona(options);
    private bool Htmx => Request.IsHtmx();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await CargarAsync(ct);
        return Htmx ? Partial("_ConflictosLista", Vista) : Page();
    }

    public Task<IActionResult> OnPostRevisarAsync(CancellationToken ct) => ActuarAsync(null, async venta =>
    {
        var v = await conflictos.MarcarRevisadaAsync(venta, Actor.From(User), ct);
        return $"Venta {v.Ticket} marcada como revisada.";
    }, ct);

    public Task<IActionResult> OnPostAjustarAsync(CancellationToken ct)
    {
        // A number the browser let through but int cannot hold is the same mistake as an empty one.
        int? cantidad = int.TryParse(Cantidad, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
        var formulario = new AjusteFormulario(ProductoId ?? Guid.Empty, Modo, cantidad, Motivo, null);
        return ActuarAsync(formulario, async venta =>
        {
            var stock = await conflictos.AjustarStockAsync(venta, new AjusteConflictoRequest(ProductoId, Modo, cantidad, Motivo),
                Actor.From(User).Id, ct);
            return $"Stock de «{stock.Nombre}» ajustado: ahora hay {stock.StockActual}.";
        }, ct);
    }

    /// <summary>Runs one action on the posted sale and answers with its card (htmx) or back on the list.</summary>
    private async Task<IActionResult> ActuarAsync(AjusteFormulario? formulario, Func<Guid, Task<string>> action, CancellationToken ct)
    {
        string? aviso = null, error = null;
        try
        {
            if (VentaId is null) throw new ValidationException("venta_id", "Elegí la venta.");
            aviso = await action(VentaId.Value);
        }
        catch (AppException e)
        {
            error = e is ValidationException v ? string.Join(" ", v.Errors.SelectMany(kv => kv.Value)) : e.Detail;
            if (!Htmx)
            {
                ModelState.AddModelError("", error);
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                await CargarAsync(ct);
                return Page();
            }
            if (VentaId is null) return StatusCode(StatusCodes.Status400BadRequest);
            // htmx swaps 422 (app.js): the refusal shows in the card, where the supervisor is looking.
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        if (!Htmx)
        {
            TempData["Ok"] = aviso;
            return Redirect(PageUrl(Pagina));
        }
        ConflictoVenta venta;
        try { venta = await conflictos.DetalleAsync(VentaId!.Value, ct); }
        catch (NotFoundException) { return NotFound(); }
        var abierto = error is not null && formulario is not null ? formulario with { Error = error } : null;
        return Partial("_ConflictoVenta", new ConflictoTarjeta(venta, Zona, Filtro, Pagina, aviso, abierto is null ? error : null, abierto,
            await conflictos.CantidadPendientesAsync(ct)));
    }

    private async Task CargarAsync(CancellationToken ct)
    {
        var pagina = await conflictos.ListarAsync(Filtro, Pagina, PageSize, ct);
        Vista = new ConflictosVista(pagina, Filtro, PageUrl, Zona);
    }

    public static string EstadoParam(FiltroConflictos f) => f switch
    {
        FiltroConflictos.Revisadas => "revisadas",
        FiltroConflictos.Todas => "todas",
        _ => "pendientes",
    };

    /// <summary>The list with the current filter on another page.</summary>
    public string PageUrl(int page)
    {
        var query = new QueryBuilder();
        if (Filtro != FiltroConflictos.Pendientes) query.Add("estado", EstadoParam(Filtro));
        if (page > 1) query.Add("page", page.ToString(CultureInfo.InvariantCulture));
        return "/conflictos" + query.ToQueryString();
    }
}
