using BlendPos.Web.Features.Caja;
using BlendPos.Web.Features.Facturacion;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Ventas;

/// <summary>
/// The printable receipt for a thermal printer, 80 mm (default) or 58 mm (<c>?ancho=58</c>), laid out inside the
/// printable width of those rolls (72 and 48 mm): long names wrap, amounts never do. <c>?print=1</c> makes
/// pos.js call <c>window.print()</c> on load, which a kiosk-printing browser sends straight to the printer.
/// A cashier sees their own sales, a supervisor any.
/// </summary>
[Authorize(Policy = Policies.Cajero)]
public sealed class TicketModel(VentaService ventas, BlendPosOptions options, IDatosComercio comercio, BloqueFiscalTicket fiscal) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public int? Ancho { get; set; }
    [BindProperty(SupportsGet = true)] public int? Print { get; set; }

    public bool Angosto => Ancho == 58;
    public bool Imprimir => Print == 1;
    public TicketVista Ticket { get; private set; } = null!;
    /// <summary>The header: name, razón social, address, CUIT, IVA condition (invoicing will supply them from its issuer page).</summary>
    public DatosComercio Comercio { get; private set; } = null!;
    public TimeZoneInfo Zona => Formato.Zona(options);
    /// <summary>The sale's invoice (CAE, its due date, the AFIP QR), or null for an internal ticket.</summary>
    public BloqueFiscal? Fiscal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Ticket = await ventas.TicketAsync(Id, Actor.From(User), ct);
            Comercio = await comercio.ObtenerAsync(ct);
            Fiscal = await fiscal.ParaVentaAsync(Id, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public string AnchoUrl(int ancho) => $"/ventas/{Id}/ticket" + (ancho == 58 ? "?ancho=58" : "");
}
