using BlendPos.Domain;
using BlendPos.Web.Features.Inventario;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Catalogo;

/// <summary>The product's stock ledger, line by line, and whether it adds up to the current stock.</summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class KardexModel(InventarioService inventario, BlendPosOptions options) : PageModel
{
    public KardexDto Kardex { get; private set; } = null!;
    public string TimeZone => options.TimeZone;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Kardex = await inventario.KardexAsync(id, ct);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    public static string Nombre(TipoMovimientoStock tipo) => tipo switch
    {
        TipoMovimientoStock.Alta => "Stock inicial",
        TipoMovimientoStock.Venta => "Venta",
        TipoMovimientoStock.Anulacion => "Anulación de venta",
        TipoMovimientoStock.DesarmeSalida => "Pack abierto",
        TipoMovimientoStock.DesarmeEntrada => "Unidades de pack abierto",
        TipoMovimientoStock.Ajuste => "Ajuste manual",
        TipoMovimientoStock.Importacion => "Importación",
        TipoMovimientoStock.SyncOffline => "Venta sin conexión",
        _ => tipo.ToString(),
    };
}
