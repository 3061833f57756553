using BlendPos.Domain.Ventas;
using BlendPos.Web.Features.Ventas;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Conflictos;

/// <summary>Loads a page of flagged sales with their differences: a handful of queries per page, none per sale.</summary>
public sealed partial class ConflictosService
{
    private async Task<IReadOnlyList<ConflictoVenta>> CargarAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var ventas = await db.Ventas.AsNoTracking()
            .Where(v => ids.Contains(v.Id) && (v.ConflictoStock || v.ConflictoPrecio || v.ConflictoSesion || v.ConflictoFecha))
            .Select(v => new
            {
                v.Id, v.PuntoDeVenta, v.NumeroTicket, v.CreatedAt, v.SyncedAt, v.UsuarioId, v.Total, v.Estado, v.Offline,
                v.ConflictoStock, v.ConflictoPrecio, v.ConflictoSesion, v.ConflictoFecha, v.ConflictoRevisadoAt, v.ConflictoRevisadoPorId, v.SesionCajaId,
                v.SincronizadaPorId,
            })
            .ToListAsync(ct);

        var sesionIds = ventas.Select(v => v.SesionCajaId).Distinct().ToList();
        var sesiones = await db.SesionesCaja.AsNoTracking().Where(s => sesionIds.Contains(s.Id))
            .Select(s => new { s.Id, s.PuntoDeVenta, s.UsuarioId, s.Estado, s.OpenedAt, s.ClosedAt })
            .ToDictionaryAsync(s => s.Id, ct);

        var userIds = ventas.Select(v => v.UsuarioId)
            .Concat(ventas.Where(v => v.ConflictoRevisadoPorId != null).Select(v => v.ConflictoRevisadoPorId!.Value))
            .Concat(sesiones.Values.Select(s => s.UsuarioId))
            .Concat(ventas.Where(v => v.SincronizadaPorId != null).Select(v => v.SincronizadaPorId!.Value)).Distinct().ToList();
        var nombres = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName!, ct);

        var precios = await PreciosAsync(ventas.Where(v => v.ConflictoPrecio).Select(v => v.Id).ToArray(), ct);
        var stock = await StockAsync(ventas.Where(v => v.ConflictoStock).Select(v => v.Id).ToArray(), ct);

        var porId = ventas.ToDictionary(v => v.Id, v =>
        {
            var s = sesiones[v.SesionCajaId];
            return new ConflictoVenta(
                v.Id, VentaDto.Ticket(v.PuntoDeVenta, v.NumeroTicket), v.CreatedAt, v.SyncedAt, nombres.GetValueOrDefault(v.UsuarioId, "?"),
                v.PuntoDeVenta, v.Total, v.Estado, v.Offline, v.ConflictoStock, v.ConflictoPrecio, v.ConflictoSesion, v.ConflictoFecha,
                v.SincronizadaPorId is { } sp ? nombres.GetValueOrDefault(sp, "?") : null,
                v.ConflictoRevisadoAt, v.ConflictoRevisadoPorId is { } r ? nombres.GetValueOrDefault(r, "?") : null,
                precios[v.Id].ToList(), stock[v.Id].ToList(),
                new ConflictoSesionInfo(s.Id, s.PuntoDeVenta, nombres.GetValueOrDefault(s.UsuarioId, "?"), s.Estado, s.OpenedAt, s.ClosedAt));
        });
        // Keep the caller's order (the page's sort).
        return ids.Where(porId.ContainsKey).Select(id => porId[id]).ToList();
    }

    /// <summary>
    /// Each item of the sales next to the catalog price in effect at the sale's time and today's, and whether its offline
    /// price was known (<see cref="VentaOfflineRules.PrecioConocido"/>, the rule sync-batch flagged it by). Only the
    /// history that can matter is read: per item, the entry in effect when the 7-day window opened and those after it,
    /// up to the sale. A product without history that early had its current price (the rule's own assumption).
    /// </summary>
    private async Task<ILookup<Guid, ConflictoPrecioItem>> PreciosAsync(Guid[] ventaIds, CancellationToken ct)
    {
        if (ventaIds.Length == 0) return Array.Empty<ConflictoPrecioItem>().ToLookup(_ => Guid.Empty);
        var items = await db.VentaItems.AsNoTracking().Where(i => ventaIds.Contains(i.VentaId))
            .Join(db.Ventas, i => i.VentaId, v => v.Id, (i, v) => new { Item = i, v.CreatedAt, v.SyncedAt, v.SesionCajaId })
            .Join(db.SesionesCaja, x => x.SesionCajaId, s => s.Id, (x, s) => new { x.Item, x.CreatedAt, x.SyncedAt, s.OpenedAt })
            .Join(db.Productos, x => x.Item.ProductoId, p => p.Id, (x, p) => new
            {
                x.Item.VentaId, x.Item.ProductoId, x.Item.CodigoBarras, x.Item.Nombre, x.Item.Cantidad, x.Item.PrecioUnitario,
                x.CreatedAt, x.SyncedAt, x.OpenedAt, PrecioActual = p.PrecioVenta,
            })
            .OrderBy(x => x.Nombre).ThenBy(x => x.ProductoId)
            .ToListAsync(ct);
        var ventana = VentaOfflineRules.VentanaPrecio;
        var desfase = TimeSpan.FromMinutes(options.DesfaseOfflineMinutos);
        // The moment the check looked back from (VentaOfflineRules.MomentoDelPrecio): the terminal's time, clamped
        // between the session's opening (minus the skew) and the server's receipt.
        var historial = (await db.Database.SqlQuery<HistorialRow>($"""
            WITH momentos AS (
                SELECT v.id, LEAST(GREATEST(v.created_at, s.opened_at - {desfase}), COALESCE(v.synced_at, v.created_at)) AS momento
                FROM ventas v JOIN sesiones_caja s ON s.id = v.sesion_caja_id WHERE v.id = ANY({ventaIds})
            )
            SELECT DISTINCT vi.venta_id, h.producto_id, h.precio_venta, h.vigente_desde
            FROM venta_items vi
            JOIN momentos m ON m.id = vi.venta_id
            JOIN precios_historial h ON h.producto_id = vi.producto_id
            WHERE h.vigente_desde <= m.momento
              AND h.vigente_desde >= COALESCE((SELECT max(a.vigente_desde) FROM precios_historial a
                  WHERE a.producto_id = vi.producto_id AND a.vigente_desde <= m.momento - {ventana}), '-infinity')
            """).ToListAsync(ct))
            .ToLookup(h => (h.VentaId, h.ProductoId), h => new PrecioVigente(h.VigenteDesde, h.PrecioVenta));

        return items.ToLookup(i => i.VentaId, i =>
        {
            var vigentes = historial[(i.VentaId, i.ProductoId)].ToList();
            var momento = VentaOfflineRules.MomentoDelPrecio(i.CreatedAt, i.OpenedAt, i.SyncedAt ?? i.CreatedAt, desfase);
            return new ConflictoPrecioItem(i.ProductoId, i.CodigoBarras, i.Nombre, i.Cantidad, i.PrecioUnitario,
                vigentes.MaxBy(h => h.Desde)?.Precio ?? i.PrecioActual, i.PrecioActual,
                VentaOfflineRules.PrecioConocido(i.PrecioUnitario, vigentes, momento, i.PrecioActual));
        });
    }

    /// <summary>The products whose ledger line for the sale left the stock below zero, with their stock now.</summary>
    private async Task<ILookup<Guid, ConflictoStockItem>> StockAsync(Guid[] ventaIds, CancellationToken ct)
    {
        if (ventaIds.Length == 0) return Array.Empty<ConflictoStockItem>().ToLookup(_ => Guid.Empty);
        var lineas = await db.MovimientosStock.AsNoTracking()
            .Where(m => m.ReferenciaId != null && ventaIds.Contains(m.ReferenciaId.Value))
            .Select(m => new { VentaId = m.ReferenciaId!.Value, m.ProductoId, m.Cantidad, m.StockResultante })
            .ToListAsync(ct);
        var negativos = lineas.GroupBy(l => (l.VentaId, l.ProductoId)).Where(g => g.Any(l => l.StockResultante < 0)).ToList();
        var productoIds = negativos.Select(g => g.Key.ProductoId).Distinct().ToList();
        var productos = await db.Productos.AsNoTracking().Where(p => productoIds.Contains(p.Id))
            .Select(p => new { p.Id, p.CodigoBarras, p.Nombre, p.StockActual }).ToDictionaryAsync(p => p.Id, ct);
        return negativos
            .Select(g => (g.Key.VentaId, Item: new ConflictoStockItem(g.Key.ProductoId, productos[g.Key.ProductoId].CodigoBarras,
                productos[g.Key.ProductoId].Nombre, g.Sum(l => l.Cantidad), g.Min(l => l.StockResultante), productos[g.Key.ProductoId].StockActual)))
            .OrderBy(x => x.Item.Nombre)
            .ToLookup(x => x.VentaId, x => x.Item);
    }

    /// <summary>Read by SqlQuery, which maps columns through the snake_case convention.</summary>
    private sealed record HistorialRow(Guid VentaId, Guid ProductoId, decimal PrecioVenta, DateTimeOffset VigenteDesde);
}
