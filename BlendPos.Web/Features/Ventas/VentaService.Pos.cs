using BlendPos.Web.Features.Caja;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Ventas;

/// <summary>What the receipt prints besides the Venta: the punto de venta, the cashier's and the voider's names.</summary>
public sealed record TicketVista(VentaDto Venta, int PuntoDeVenta, string Cajero, string? AnuladaPor, string? MotivoAnulacion)
{
    public string Numero => VentaDto.Ticket(PuntoDeVenta, Venta.NumeroTicket);
}

/// <summary>Small read-only look-ups of the POS screen and the receipt (the /v1 operations live in the other parts).</summary>
public sealed partial class VentaService
{
    /// <summary>One sale for its receipt, with the same visibility as <see cref="GetAsync"/> (own sales, or supervisor).</summary>
    public async Task<TicketVista> TicketAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        var venta = await GetAsync(id, actor, ct);
        var extra = await db.Ventas.AsNoTracking().Where(v => v.Id == id)
            .Select(v => new { v.PuntoDeVenta, v.MotivoAnulacion, v.AnuladaPorId }).FirstAsync(ct);
        var ids = new[] { venta.UsuarioId, extra.AnuladaPorId ?? venta.UsuarioId };
        var nombres = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName!, ct);
        return new TicketVista(venta, extra.PuntoDeVenta, nombres.GetValueOrDefault(venta.UsuarioId, "?"),
            extra.AnuladaPorId is { } a ? nombres.GetValueOrDefault(a) : null, extra.MotivoAnulacion);
    }
}
