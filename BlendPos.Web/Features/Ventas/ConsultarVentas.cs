using BlendPos.Domain;
using BlendPos.Domain.Usuarios;
using BlendPos.Domain.Ventas;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Ventas;

/// <summary>What the receipt prints besides the Venta: the punto de venta, the cashier's and the voider's names.</summary>
public sealed record TicketVista(VentaDto Venta, int PuntoDeVenta, string Cajero, string? AnuladaPor, string? MotivoAnulacion)
{
    public string Numero => VentaDto.Ticket(PuntoDeVenta, Venta.NumeroTicket);
}

/// <summary>Reading sales: one (own, or any for a supervisor), a page of them (/v1/ventas), a receipt.</summary>
public sealed partial class VentaService
{
    public async Task<VentaDto> GetAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        var venta = await GetOrNullAsync(id, ct) ?? throw new NotFoundException("La venta no existe.");
        if (venta.UsuarioId != actor.Id && !Roles.AtLeast(actor.Rol, Roles.Supervisor))
            throw new ForbiddenException("Solo podés ver tus propias ventas.");
        return venta;
    }

    public async Task<PageOf<VentaDto>> ListAsync(VentaFiltro f, Actor actor, BlendPosOptions options, int? page, int? size,
        CancellationToken ct = default)
    {
        var (p, s) = Paging.Normalize(page, size);
        var tz = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var query = db.Ventas.AsNoTracking();
        if (!Roles.AtLeast(actor.Rol, Roles.Supervisor)) query = query.Where(v => v.UsuarioId == actor.Id);
        if (f.SesionCajaId is { } sesion) query = query.Where(v => v.SesionCajaId == sesion);
        if (f.Desde is { } desde) { var from = Inicio(desde, tz); query = query.Where(v => v.CreatedAt >= from); }
        if (f.Hasta is { } hasta) { var to = Inicio(hasta.AddDays(1), tz); query = query.Where(v => v.CreatedAt < to); }
        if (f.Conflicto is true) query = query.Where(v => v.ConflictoStock || v.ConflictoPrecio || v.ConflictoSesion || v.ConflictoFecha);
        if (f.Conflicto is false) query = query.Where(v => !v.ConflictoStock && !v.ConflictoPrecio && !v.ConflictoSesion && !v.ConflictoFecha);

        var total = await query.CountAsync(ct);
        var ventas = await query.OrderByDescending(v => v.CreatedAt).Skip((p - 1) * s).Take(s)
            .Include(v => v.Items).Include(v => v.Pagos).AsSplitQuery().ToListAsync(ct);
        var ids = ventas.Select(v => v.Id).ToList();
        var comprobantes = await ComprobantesAsync(ids, ct);
        return new PageOf<VentaDto>(ventas.Select(v => VentaDto.From(v, comprobantes.GetValueOrDefault(v.Id))).ToList(), total, p, s);
    }

    private async Task<VentaDto?> GetOrNullAsync(Guid id, CancellationToken ct)
    {
        var venta = await db.Ventas.AsNoTracking().Include(v => v.Items).Include(v => v.Pagos).AsSplitQuery()
            .FirstOrDefaultAsync(v => v.Id == id, ct);
        return venta is null ? null : VentaDto.From(venta, (await ComprobantesAsync([id], ct)).GetValueOrDefault(id));
    }

    /// <summary>The sale's current invoice (the latest non-credit-note), for the Venta's <c>comprobante</c>.</summary>
    private async Task<Dictionary<Guid, ComprobanteResumenDto>> ComprobantesAsync(List<Guid> ventaIds, CancellationToken ct)
    {
        var rows = await db.Comprobantes.AsNoTracking().Where(c => ventaIds.Contains(c.VentaId) && c.ComprobanteAsociadoId == null)
            .OrderBy(c => c.CreatedAt).Select(c => new { c.VentaId, c.Id, c.Tipo, c.Estado }).ToListAsync(ct);
        return rows.GroupBy(r => r.VentaId).ToDictionary(g => g.Key, g => g.Select(r => new ComprobanteResumenDto(r.Id, r.Tipo, r.Estado)).Last());
    }

    private static DateTimeOffset Inicio(DateOnly dia, TimeZoneInfo tz)
    {
        var local = dia.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, tz.GetUtcOffset(local)).ToUniversalTime();
    }


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
