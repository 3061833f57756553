using BlendPos.Domain;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;
using Htmx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Caja;

/// <summary>
/// The cashier's cash page: the open form when there is no open session, «Caja actual» when there is. Blind count:
/// nothing here adds up the movements, and the session DTO a cashier gets carries no expected amount.
/// </summary>
[Authorize(Policy = Policies.Cajero)]
public sealed class CajaActualModel(CajaService caja, BlendPosOptions options) : PageModel
{
    public sealed class AbrirInput
    {
        public int? PuntoDeVenta { get; set; }
        public string? MontoInicial { get; set; }
    }

    [BindProperty] public AbrirInput Abrir { get; set; } = new();
    [BindProperty] public MovimientoInput Movimiento { get; set; } = new();

    public SesionCajaDto? Sesion { get; private set; }
    public MovimientosVista? Movimientos { get; private set; }
    /// <summary>Without an open session: the punto de venta the form shows (fixed for a cajero).</summary>
    public AperturaVista? Apertura { get; private set; }
    public TimeZoneInfo Zona => Formato.Zona(options);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Apertura is { Elegible: true }) Abrir.PuntoDeVenta = Apertura.PuntoDeVenta;
        return Page();
    }

    public async Task<IActionResult> OnPostAbrirAsync(CancellationToken ct)
    {
        try
        {
            ModelState.ThrowIfBindingFailed();
            var v = new Validator();
            var monto = Formato.ParseMonto(Abrir.MontoInicial, "monto_inicial", v);
            v.ThrowIfAny();
            var sesion = await caja.AbrirAsync(new AbrirCajaRequest(Abrir.PuntoDeVenta, monto), Actor.From(User), ct);
            TempData["Ok"] = $"Caja abierta en el punto de venta {sesion.PuntoDeVenta}.";
            return Redirect("/caja");
        }
        catch (AppException e)
        {
            ModelState.AddAppError(e, "Abrir");
            await LoadAsync(ct);
            return Page();
        }
    }

    /// <summary>A manual ingreso or egreso. htmx gets the movements block back (form + list); without JS, the page.</summary>
    public async Task<IActionResult> OnPostMovimientoAsync(CancellationToken ct)
    {
        var htmx = Request.IsHtmx();
        string? ok = null;
        try
        {
            var registrado = await caja.RegistrarMovimientoAsync(Movimiento.ToRequest(), Actor.From(User), ct);
            ok = $"{Formato.Tipo(registrado.Tipo)} de {Money.Format(Math.Abs(registrado.Monto))} registrado.";
            if (!htmx)
            {
                TempData["Ok"] = ok;
                return Redirect("/caja");
            }
            ModelState.Clear();
            Movimiento = new MovimientoInput { Tipo = Movimiento.Tipo, Metodo = Movimiento.Metodo };
        }
        catch (AppException e)
        {
            Movimiento.AddError(ModelState, e);
            await LoadAsync(ct);
            if (!htmx) return Page();
            if (Movimientos is null) return RecargarCaja(e.Detail);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity; // app.js swaps 422: the form shows why
            return Partial("_Movimientos", Movimientos);
        }
        await LoadAsync(ct);
        return Movimientos is null ? RecargarCaja(null) : Partial("_Movimientos", Movimientos with { Ok = ok });
    }

    /// <summary>The session is no longer open (a supervisor closed it meanwhile): htmx reloads the whole page.</summary>
    private IActionResult RecargarCaja(string? aviso)
    {
        if (aviso is not null) TempData["Aviso"] = aviso;
        Response.Htmx(h => h.Redirect("/caja"));
        return new EmptyResult();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        Sesion = await caja.ActualOrNullAsync(actor, ct);
        if (Sesion is null)
        {
            Apertura = await caja.AperturaAsync(actor, ct);
            return;
        }
        Movimiento.SesionCajaId ??= Sesion.Id;
        var movimientos = await caja.MovimientosVisiblesAsync(Sesion.Id, actor, ct);
        Movimientos = new MovimientosVista(Movimiento, movimientos.Items, Zona, VentasOcultas: movimientos.VentasOcultas);
    }
}

/// <summary>The manual movement form, as typed (the amount is text: "1234,50").</summary>
public sealed class MovimientoInput
{
    public Guid? SesionCajaId { get; set; }
    // Nullable so that MVC adds no implicit [Required] (and no English data-val message to the markup).
    /// <summary>"ingreso" or "egreso".</summary>
    public string? Tipo { get; set; } = "egreso";
    public string? Metodo { get; set; } = "efectivo";
    public string? Monto { get; set; }
    public string? Descripcion { get; set; }

    public MovimientoRequest ToRequest()
    {
        var v = new Validator();
        var monto = Formato.ParseMonto(Monto, "monto", v);
        var metodo = Formato.ParseMetodo(Metodo);
        v.When(metodo is null, "metodo", "Elegí el medio de pago.");
        v.ThrowIfAny();
        TipoMovimientoCaja? tipo = Tipo switch
        {
            "ingreso" => TipoMovimientoCaja.IngresoManual,
            "egreso" => TipoMovimientoCaja.EgresoManual,
            _ => null,
        };
        return new MovimientoRequest(SesionCajaId, tipo, metodo, monto, Descripcion);
    }

    public void AddError(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, AppException e)
    {
        if (e is not ValidationException v)
        {
            modelState.AddModelError("", e.Detail);
            return;
        }
        foreach (var (field, messages) in v.Errors)
        {
            var key = field switch
            {
                "monto" => "Movimiento.Monto",
                "descripcion" => "Movimiento.Descripcion",
                "tipo" => "Movimiento.Tipo",
                "metodo" or "metodo_pago" => "Movimiento.Metodo",
                _ => "",
            };
            foreach (var m in messages) modelState.AddModelError(key, m);
        }
    }
}

/// <summary>
/// The movements block of «Caja actual»: the form and the list, swapped together by htmx. No totals on purpose, and
/// while <see cref="VentasOcultas"/> (blind count) no movement of a sale either.
/// </summary>
public sealed record MovimientosVista(MovimientoInput Movimiento, IReadOnlyList<MovimientoCajaDto> Items, TimeZoneInfo Zona,
    string? Ok = null, bool VentasOcultas = false);
