using BlendPos.Domain;
using BlendPos.Domain.Usuarios;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Caja;

/// <summary>
/// One cash session: summary, count and movements. A supervisor closes another user's open session with its count, or
/// justifies a critical one — never their own (four eyes). Its cashier may look once it has been counted (blind count:
/// never while open).
/// </summary>
[Authorize(Policy = Policies.Cajero)]
public sealed class SesionDetalleModel(CajaService caja, BlendPosOptions options) : PageModel
{
    public sealed class CierreInput
    {
        public string? Efectivo { get; set; }
        public string? Debito { get; set; }
        public string? Credito { get; set; }
        public string? Transferencia { get; set; }
        public string? Observaciones { get; set; }
    }

    public sealed class JustificacionInput
    {
        public string? Observaciones { get; set; }
    }

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public CierreInput Cierre { get; set; } = new();
    [BindProperty] public JustificacionInput Justificacion { get; set; } = new();

    public SesionResumen Resumen { get; private set; } = null!;
    public ArqueoDto? Arqueo { get; private set; }
    public string? ContadoPor { get; private set; }
    public DateTimeOffset? ContadoEl { get; private set; }
    public IReadOnlyList<MovimientoCajaDto> Movimientos { get; private set; } = [];
    /// <summary>Blind count: the session is open and the reader will count it, so sales are left out of the movements.</summary>
    public bool VentasOcultas { get; private set; }
    /// <summary>Four eyes: why this supervisor may not close or justify this session (their own), or null.</summary>
    public string? RechazoCierre { get; private set; }
    public TimeZoneInfo Zona => Formato.Zona(options);
    public bool EsSupervisor => User.IsAtLeast(Roles.Supervisor);
    public bool EsPropia => Resumen.Sesion.UsuarioId == User.RequiredUsuarioId();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    [HandlerPolicy(Policies.Supervisor)]
    public Task<IActionResult> OnPostCerrarAsync(CancellationToken ct) => RunAsync("Cierre", () =>
    {
        var v = new Validator();
        var declaracion = new Declaracion(
            Formato.ParseMonto(Cierre.Efectivo, "efectivo", v, emptyIsZero: true),
            Formato.ParseMonto(Cierre.Debito, "debito", v, emptyIsZero: true),
            Formato.ParseMonto(Cierre.Credito, "credito", v, emptyIsZero: true),
            Formato.ParseMonto(Cierre.Transferencia, "transferencia", v, emptyIsZero: true));
        v.ThrowIfAny();
        return (new CerrarCajaRequest(Id, declaracion, Cierre.Observaciones), "Caja cerrada con el arqueo declarado.");
    }, ct);

    [HandlerPolicy(Policies.Supervisor)]
    public Task<IActionResult> OnPostJustificarAsync(CancellationToken ct) => RunAsync("Justificacion", () =>
        (new CerrarCajaRequest(Id, null, Justificacion.Observaciones), "Desvío justificado: la caja quedó cerrada."), ct);

    private async Task<IActionResult> RunAsync(string prefix, Func<(CerrarCajaRequest Request, string Ok)> build, CancellationToken ct)
    {
        try
        {
            var (request, ok) = build();
            await caja.CerrarAsync(request, Actor.From(User), ct);
            TempData["Ok"] = ok;
            return Redirect($"/caja/sesiones/{Id}");
        }
        catch (AppException e)
        {
            if (e is NotFoundException) return NotFound();
            if (e is ValidationException v)
                foreach (var (field, messages) in v.Errors)
                    foreach (var m in messages)
                        ModelState.AddModelError(Key(prefix, field), m);
            else
                ModelState.AddModelError("", e.Detail);
            return await LoadAsync(ct) ?? Page();
        }
    }

    private static string Key(string prefix, string field) => field.Replace("declaracion.", "") switch
    {
        "efectivo" => $"{prefix}.Efectivo",
        "debito" => $"{prefix}.Debito",
        "credito" => $"{prefix}.Credito",
        "transferencia" => $"{prefix}.Transferencia",
        "observaciones" => $"{prefix}.Observaciones",
        _ => "",
    };

    /// <summary>Loads the session; a result other than null (404, 403, redirect) ends the request.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        try
        {
            Resumen = await caja.ResumenAsync(Id, actor, ct);
            if (Resumen.Sesion.Estado == EstadoSesionCaja.Abierta)
            {
                if (!EsSupervisor)
                {
                    TempData["Aviso"] = "El detalle de tu caja se ve después del arqueo.";
                    return Redirect("/caja");
                }
                var visibles = await caja.MovimientosVisiblesAsync(Id, actor, ct);
                (Movimientos, VentasOcultas) = (visibles.Items, visibles.VentasOcultas);
                RechazoCierre = await caja.RechazoDeCierreAsync(Resumen.Sesion, actor, ct);
                return null;
            }
            var reporte = await caja.ReporteAsync(Id, actor, ct);
            Resumen = reporte.Resumen;
            Arqueo = reporte.Arqueo;
            ContadoPor = reporte.ContadoPor;
            Movimientos = reporte.Movimientos;
            ContadoEl = await caja.FechaArqueoAsync(Id, actor, ct);
            if (EsSupervisor && Resumen.Sesion.Estado == EstadoSesionCaja.PendienteCierre)
                RechazoCierre = await caja.RechazoDeCierreAsync(Resumen.Sesion, actor, ct);
            return null;
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
    }
}
