using BlendPos.Domain;
using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Inventario;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Catalogo;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace BlendPos.Web.Features.Inventario;

public sealed record AjusteRequest(Guid? ProductoId, int? Cantidad, string? Motivo);

public sealed record DesarmeRequest(Guid? ProductoPadreId, int? Cantidad, Guid? ProductoHijoId = null);

public sealed record StockDto(Guid ProductoId, string CodigoBarras, string Nombre, int StockActual);

public sealed record DesarmeDto(IReadOnlyList<StockDto> Productos);

public sealed record AlertaDto(Guid Id, string CodigoBarras, string Nombre, string Categoria, int StockActual, int StockMinimo);

public sealed record KardexLinea(long Id, DateTimeOffset Fecha, TipoMovimientoStock Tipo, int Cantidad, int StockResultante,
    string? Motivo, string? Usuario, Guid? ReferenciaId);

public sealed record KardexDto(ProductoDto Producto, IReadOnlyList<KardexLinea> Lineas, bool Cuadra);

/// <summary>
/// Stock changes outside a sale: adjustments, manual pack breaking. Every change updates the product row and appends
/// one ledger line in the same transaction; the row is changed with an atomic UPDATE … RETURNING, so concurrent
/// writers never lose an update.
/// </summary>
public sealed class InventarioService(BlendPosDb db, CatalogCache cache, IMemoryCache memory, TimeProvider clock,
    ILogger<InventarioService> logger)
{
    private const string AlertCountKey = "inventario:alertas:count";

    public async Task<StockDto> AjustarAsync(AjusteRequest r, Guid usuarioId, CancellationToken ct = default)
    {
        var motivo = r.Motivo?.Trim() ?? "";
        new Validator()
            .When(r.ProductoId is null, "producto_id", "Elegí el producto.")
            .When(r.Cantidad is null or 0, "cantidad", "Ingresá una cantidad distinta de cero (positiva suma, negativa resta).")
            .When(r.Cantidad is < -1_000_000 or > 1_000_000, "cantidad", "La cantidad de un ajuste va de -1.000.000 a 1.000.000.")
            .When(motivo.Length == 0, "motivo", "Indicá el motivo del ajuste.")
            .When(motivo.Length > 300, "motivo", "El motivo admite hasta 300 caracteres.")
            .ThrowIfAny();

        var result = await db.InTransactionAsync(async () =>
        {
            var stock = await ChangeStockAsync(r.ProductoId!.Value, r.Cantidad!.Value, TipoMovimientoStock.Ajuste, motivo,
                usuarioId, null, allowNegative: false, ct);
            await db.SaveChangesAsync(ct);
            return stock;
        }, ct);

        await AfterStockChangeAsync([result.CodigoBarras]);
        logger.LogInformation("Stock adjustment {Cantidad} on {Barcode} by {User}: {Motivo}", r.Cantidad, result.CodigoBarras, usuarioId, motivo);
        return result;
    }

    /// <summary>A supervisor opens packs by hand (whatever their desarme_auto): the pack's stock goes down, its units' up.</summary>
    public async Task<DesarmeDto> DesarmarAsync(DesarmeRequest r, Guid usuarioId, CancellationToken ct = default)
    {
        new Validator()
            .When(r.ProductoPadreId is null, "producto_padre_id", "Elegí el pack a abrir.")
            .When(r.Cantidad is null or <= 0, "cantidad", "La cantidad de paquetes a abrir debe ser mayor que cero.")
            .When(r.Cantidad > 100_000, "cantidad", "Se pueden abrir hasta 100.000 packs por vez.")
            .ThrowIfAny();
        var padreId = r.ProductoPadreId!.Value;

        var result = await db.InTransactionAsync(async () =>
        {
            var links = await db.ProductosHijos.AsNoTracking().Where(h => h.ProductoPadreId == padreId)
                .Select(h => new PackLink(h.ProductoPadreId, h.ProductoHijoId, h.UnidadesPorPadre, h.DesarmeAuto))
                .ToListAsync(ct);
            if (links.Count == 0 && !await db.Productos.AnyAsync(p => p.Id == padreId, ct))
                throw new NotFoundException("El producto no existe.");
            var ids = links.Select(l => l.HijoId).Append(padreId).ToList();
            var stock = await db.Productos.AsNoTracking().Where(p => ids.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, p => p.StockActual, ct);

            var plan = PackPlan.Abrir(padreId, r.Cantidad!.Value, links, stock, r.ProductoHijoId);
            if (plan.Error is not null) throw new ConflictException(plan.Error);
            var apertura = plan.Aperturas.Single();

            // Rows are changed in id order, the same order every stock writer uses, so two writers never deadlock.
            var motivo = $"Desarme manual de {apertura.Paquetes} pack(s)";
            var changes = new[] { (Id: apertura.PadreId, Delta: -apertura.Paquetes, Tipo: TipoMovimientoStock.DesarmeSalida),
                                  (Id: apertura.HijoId, Delta: apertura.Unidades, Tipo: TipoMovimientoStock.DesarmeEntrada) };
            var results = new List<StockDto>();
            foreach (var c in changes.OrderBy(c => c.Id))
                results.Add(await ChangeStockAsync(c.Id, c.Delta, c.Tipo, motivo, usuarioId, null, allowNegative: false, ct));
            await db.SaveChangesAsync(ct);
            return new DesarmeDto(results.OrderBy(x => x.ProductoId == padreId ? 0 : 1).ToList());
        }, ct);

        await AfterStockChangeAsync(result.Productos.Select(p => p.CodigoBarras));
        logger.LogInformation("Manual pack breaking of {Padre} x{Cantidad} by {User}", padreId, r.Cantidad, usuarioId);
        return result;
    }

    public async Task<IReadOnlyList<AlertaDto>> AlertasAsync(CancellationToken ct = default) =>
        await db.Productos.AsNoTracking()
            .Where(p => p.Activo && p.StockActual <= p.StockMinimo)
            .OrderBy(p => p.StockActual - p.StockMinimo).ThenBy(p => p.Nombre)
            .Select(p => new AlertaDto(p.Id, p.CodigoBarras, p.Nombre, p.Categoria, p.StockActual, p.StockMinimo))
            .ToListAsync(ct);

    /// <summary>For the navigation badge: recounted at most every 30 s, and right after any stock change here.</summary>
    public async Task<int> CantidadAlertasAsync(CancellationToken ct = default) =>
        await memory.GetOrCreateAsync(AlertCountKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            return await db.Productos.AsNoTracking().CountAsync(p => p.Activo && p.StockActual <= p.StockMinimo, ct);
        });

    public async Task<KardexDto> KardexAsync(Guid productoId, CancellationToken ct = default)
    {
        var producto = await db.Productos.AsNoTracking().Include(p => p.Hijos).FirstOrDefaultAsync(p => p.Id == productoId, ct)
                       ?? throw new NotFoundException("El producto no existe.");
        var lineas = await db.MovimientosStock.AsNoTracking().Where(m => m.ProductoId == productoId).OrderBy(m => m.Id)
            .GroupJoin(db.Users, m => m.UsuarioId, u => u.Id, (m, us) => new { m, us })
            .SelectMany(x => x.us.DefaultIfEmpty(), (x, u) => new KardexLinea(x.m.Id, x.m.CreatedAt, x.m.Tipo, x.m.Cantidad,
                x.m.StockResultante, x.m.Motivo, u != null ? u.UserName : null, x.m.ReferenciaId))
            .ToListAsync(ct);
        // The ledger explains the stock when its lines add up to the current figure.
        var cuadra = lineas.Sum(l => l.Cantidad) == producto.StockActual;
        return new KardexDto(ProductoDto.From(producto), lineas, cuadra);
    }

    /// <summary>
    /// Adds <paramref name="cantidad"/> to the product's stock atomically and writes the ledger line. Unless
    /// <paramref name="allowNegative"/>, a decrease that would leave the stock below zero is refused (409); an increase
    /// never is, even while offline oversales keep the stock negative.
    /// </summary>
    internal async Task<StockDto> ChangeStockAsync(Guid productoId, int cantidad, TipoMovimientoStock tipo, string? motivo,
        Guid? usuarioId, Guid? referenciaId, bool allowNegative, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Database.SqlQuery<StockRow>($"""
            UPDATE productos SET stock_actual = stock_actual + {cantidad}, updated_at = {now}
            WHERE id = {productoId} AND ({allowNegative} OR {cantidad} >= 0 OR stock_actual + {cantidad} >= 0)
            RETURNING id, codigo_barras, nombre, stock_actual
            """).ToListAsync(ct);
        if (rows.Count == 0)
        {
            var existing = await db.Productos.AsNoTracking().Where(p => p.Id == productoId)
                .Select(p => new { p.Nombre, p.StockActual }).FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException("El producto no existe.");
            throw new ConflictException(
                $"Stock insuficiente de «{existing.Nombre}»: hay {existing.StockActual} y el movimiento pide {-cantidad}.");
        }
        var row = rows[0];
        db.MovimientosStock.Add(new MovimientoStock
        {
            ProductoId = productoId, Tipo = tipo, Cantidad = cantidad, StockResultante = row.StockActual, Motivo = motivo,
            UsuarioId = usuarioId, ReferenciaId = referenciaId, CreatedAt = now,
        });
        return new StockDto(row.Id, row.CodigoBarras, row.Nombre, row.StockActual);
    }

    internal async Task AfterStockChangeAsync(IEnumerable<string> barcodes)
    {
        memory.Remove(AlertCountKey);
        await cache.InvalidateAsync(barcodes);
    }

    /// <summary>Read by SqlQuery, which maps columns through the snake_case convention (stock_actual → StockActual).</summary>
    private sealed record StockRow(Guid Id, string CodigoBarras, string Nombre, int StockActual);
}
