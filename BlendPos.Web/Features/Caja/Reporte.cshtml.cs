using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Caja;

/// <summary>
/// The printable closing report, for an 80 mm thermal printer or A4. Only once the session has been counted: before
/// that the service refuses (409), since the report shows the expected amounts. Both show the totals per kind of
/// movement and the sales per payment method; the list of every movement is on A4, and on 80 mm only when asked
/// (<c>?movimientos=1</c>): a busy day's list would be metres of roll.
/// </summary>
[Authorize(Policy = Policies.Cajero)]
public sealed class ReporteCajaModel(CajaService caja, BlendPosOptions options, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "formato")] public string? Papel { get; set; }

    [BindProperty(SupportsGet = true, Name = "movimientos")] public int? ConMovimientos { get; set; }

    public bool ListaMovimientos => A4 || ConMovimientos == 1;
    public IReadOnlyList<TotalPorTipo> PorTipo { get; private set; } = [];
    public MontosPorMetodo VentasPorMetodo { get; private set; } = MontosPorMetodo.Cero;
    public bool A4 => string.Equals(Papel, "a4", StringComparison.OrdinalIgnoreCase);
    public ReporteCierre? Reporte { get; private set; }
    public DateTimeOffset? ContadoEl { get; private set; }
    /// <summary>Why there is no report yet (the session is still open).</summary>
    public string? Aviso { get; private set; }
    public string ShopName => options.ShopName;
    public TimeZoneInfo Zona => Formato.Zona(options);
    public DateTimeOffset Ahora => clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        try
        {
            Reporte = await caja.ReporteAsync(Id, actor, ct);
            ContadoEl = await caja.FechaArqueoAsync(Id, actor, ct);
            PorTipo = ResumenMovimientos.PorTipo(Reporte.Movimientos.Select(m => (m.Tipo, m.ReferenciaId, m.Monto)));
            VentasPorMetodo = ResumenMovimientos.VentasPorMetodo(Reporte.Movimientos.Select(m => (m.Tipo, m.MetodoPago, m.Monto)));
        }
        catch (ConflictException e)
        {
            Aviso = e.Detail;
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
        return Page();
    }

    public string FormatoUrl(string formato, bool movimientos = false) =>
        $"/caja/sesiones/{Id}/reporte?formato={formato}" + (movimientos ? "&movimientos=1" : "");

    /// <summary>The kinds as the report names them, plural.</summary>
    public static string TipoPlural(TipoMovimientoCaja t) => t switch
    {
        TipoMovimientoCaja.Venta => "Ventas",
        TipoMovimientoCaja.Anulacion => "Anulaciones",
        TipoMovimientoCaja.IngresoManual => "Ingresos",
        _ => "Egresos",
    };
}
