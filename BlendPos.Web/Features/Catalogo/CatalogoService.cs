using BlendPos.Domain;
using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Inventario;
using BlendPos.Web.Data;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BlendPos.Web.Features.Catalogo;

/// <summary>The catalog: one method per operation, each one transaction; pages and /v1 both call it.</summary>
public sealed class CatalogoService(BlendPosDb db, CatalogCache cache, TimeProvider clock, ILogger<CatalogoService> logger)
{
    public async Task<PageOf<ProductoDto>> ListAsync(ProductoFiltro filtro, int? page, int? size, CancellationToken ct = default)
    {
        var (p, s) = Paging.Normalize(page, size);
        var (items, total) = await ProductoSearch.PageAsync(db, filtro, p, s, ct);
        return new PageOf<ProductoDto>(items.Select(ProductoDto.From).ToList(), total, p, s);
    }

    public async Task<ProductoDto> GetAsync(Guid id, CancellationToken ct = default)
    {
        var producto = await db.Productos.AsNoTracking().Include(x => x.Hijos).FirstOrDefaultAsync(x => x.Id == id, ct)
                       ?? throw NotFound();
        return ProductoDto.From(producto);
    }

    /// <summary>A scan: cached, any state (the POS decides what an inactive product means).</summary>
    /// <summary>The automatic packs above a product, transitively (cached until a pack link changes).</summary>
    public ValueTask<IReadOnlyList<PackArriba>> PacksArribaAsync(Guid productoId, CancellationToken ct = default) =>
        cache.PacksArribaAsync(productoId, ct);

    public async Task<ProductoDto> ByBarcodeAsync(string? codigo, CancellationToken ct = default)
    {
        var valid = ValidBarcodeFormat(codigo);
        return await cache.ByBarcodeAsync(valid, ct) ?? throw new NotFoundException($"No hay un producto con el código {valid}.");
    }

    /// <summary>The public price check: active products only, name and price only.</summary>
    public async Task<PrecioDto> PrecioAsync(string? codigo, CancellationToken ct = default)
    {
        var valid = ValidBarcodeFormat(codigo);
        var producto = await cache.ByBarcodeAsync(valid, ct);
        if (producto is not { Activo: true }) throw new NotFoundException("Producto no encontrado.");
        return new PrecioDto(producto.CodigoBarras, producto.Nombre, producto.PrecioVenta);
    }

    public async Task<ProductoDto> CreateAsync(ProductoRequest r, Guid usuarioId, CancellationToken ct = default)
    {
        ProductoValidation.Validate(r, creating: true);
        var codigo = r.CodigoBarras!.Trim();
        await EnsureProveedorAsync(r.ProveedorId, ct);
        if (await db.Productos.AnyAsync(x => x.CodigoBarras == codigo, ct)) throw Duplicate(codigo);

        var now = clock.GetUtcNow();
        var producto = new Producto
        {
            Id = Guid.NewGuid(),
            CodigoBarras = codigo,
            Nombre = r.Nombre!.Trim(),
            Descripcion = Blank(r.Descripcion),
            Categoria = r.Categoria!.Trim(),
            PrecioCosto = r.PrecioCosto!.Value,
            PrecioVenta = r.PrecioVenta!.Value,
            StockActual = r.StockActual ?? 0,
            StockMinimo = r.StockMinimo ?? 5,
            UnidadMedida = Blank(r.UnidadMedida) ?? "unidad",
            ProveedorId = r.ProveedorId,
            Activo = r.Activo ?? true,
            AlicuotaIva = r.AlicuotaIva ?? 21m,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Productos.Add(producto);
        db.PreciosHistorial.Add(Precio(producto, usuarioId, now));
        if (producto.StockActual > 0)
            db.MovimientosStock.Add(new MovimientoStock
            {
                ProductoId = producto.Id, Tipo = TipoMovimientoStock.Alta, Cantidad = producto.StockActual,
                StockResultante = producto.StockActual, Motivo = "Stock inicial", UsuarioId = usuarioId, CreatedAt = now,
            });

        await SaveAsync(codigo, ct);
        await cache.InvalidateAsync([codigo]);
        logger.LogInformation("Product {Barcode} created by {User}", codigo, usuarioId);
        return await GetAsync(producto.Id, ct);
    }

    /// <summary>Updates the given fields (null keeps the value). Stock is not editable here: use an adjustment.</summary>
    public async Task<ProductoDto> UpdateAsync(Guid id, ProductoRequest r, Guid usuarioId, CancellationToken ct = default)
    {
        ProductoValidation.Validate(r with { StockActual = null }, creating: false);
        var producto = await db.Productos.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound();
        var oldCodigo = producto.CodigoBarras;
        var codigo = r.CodigoBarras?.Trim() ?? oldCodigo;
        if (codigo != oldCodigo && await db.Productos.AnyAsync(x => x.CodigoBarras == codigo && x.Id != id, ct))
            throw Duplicate(codigo);
        if (r.ProveedorId is not null) await EnsureProveedorAsync(r.ProveedorId, ct);

        var priceChanged = (r.PrecioVenta is { } pv && pv != producto.PrecioVenta) ||
                           (r.PrecioCosto is { } pc && pc != producto.PrecioCosto);
        producto.CodigoBarras = codigo;
        if (r.Nombre is not null) producto.Nombre = r.Nombre.Trim();
        if (r.Descripcion is not null) producto.Descripcion = Blank(r.Descripcion);
        if (r.Categoria is not null) producto.Categoria = r.Categoria.Trim();
        if (r.PrecioCosto is { } costo) producto.PrecioCosto = costo;
        if (r.PrecioVenta is { } venta) producto.PrecioVenta = venta;
        if (r.StockMinimo is { } minimo) producto.StockMinimo = minimo;
        if (r.UnidadMedida is not null) producto.UnidadMedida = Blank(r.UnidadMedida) ?? "unidad";
        if (r.ProveedorId is not null) producto.ProveedorId = r.ProveedorId;
        if (r.Activo is { } activo) producto.Activo = activo;
        if (r.AlicuotaIva is { } iva) producto.AlicuotaIva = iva;
        var now = clock.GetUtcNow();
        producto.UpdatedAt = now;
        if (priceChanged) db.PreciosHistorial.Add(Precio(producto, usuarioId, now));

        await SaveAsync(codigo, ct);
        await cache.InvalidateAsync([oldCodigo, codigo]);
        logger.LogInformation("Product {Barcode} updated by {User}{Price}", codigo, usuarioId, priceChanged ? " (new price)" : "");
        return await GetAsync(id, ct);
    }

    /// <summary>Deactivates (never deletes: sales and the ledger keep pointing at it).</summary>
    public Task<ProductoDto> DeactivateAsync(Guid id, Guid usuarioId, CancellationToken ct = default) =>
        UpdateAsync(id, new ProductoRequest(null, null, null, null, null, null, null, null, null, false, null, null), usuarioId, ct);

    /// <summary>
    /// Transaction-scoped advisory lock that serializes pack-link writes: the cycle check reads every link, so two
    /// opposite links (A→B and B→A) checked at the same time would each see no cycle and both be saved.
    /// </summary>
    public const long PackLinksLockKey = 0x426C_656E_5061_636B; // "BlenPack"

    public async Task<ProductoHijoDto> VincularHijoAsync(Guid padreId, VincularHijoRequest r, CancellationToken ct = default)
    {
        new Validator()
            .When(r.ProductoHijoId is null, "producto_hijo_id", "Elegí el producto que contiene el pack.")
            .When(r.UnidadesPorPadre is null or <= 0, "unidades_por_padre", "Las unidades por pack deben ser mayores que cero.")
            .ThrowIfAny();
        var hijoId = r.ProductoHijoId!.Value;

        var strategy = db.Database.CreateExecutionStrategy();
        var (codigoPadre, result) = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PackLinksLockKey})", ct);

            var padre = await db.Productos.FirstOrDefaultAsync(x => x.Id == padreId, ct) ?? throw NotFound();
            var hijo = await db.Productos.AsNoTracking().FirstOrDefaultAsync(x => x.Id == hijoId, ct)
                       ?? throw new ValidationException("producto_hijo_id", "El producto contenido no existe.");

            var links = await db.ProductosHijos.AsNoTracking()
                .Select(h => new PackLink(h.ProductoPadreId, h.ProductoHijoId, h.UnidadesPorPadre, h.DesarmeAuto))
                .ToListAsync(ct);
            if (PackGraph.WouldCreateCycle(links, padreId, hijoId))
                throw new ValidationException("producto_hijo_id", padreId == hijoId
                    ? "Un producto no puede ser su propio pack."
                    : $"Ese vínculo formaría un ciclo: «{hijo.Nombre}» ya contiene a «{padre.Nombre}».");

            var link = await db.ProductosHijos.FirstOrDefaultAsync(h => h.ProductoPadreId == padreId && h.ProductoHijoId == hijoId, ct);
            if (link is null)
            {
                link = new ProductoHijo { Id = Guid.NewGuid(), ProductoPadreId = padreId, ProductoHijoId = hijoId };
                db.ProductosHijos.Add(link);
            }
            link.UnidadesPorPadre = r.UnidadesPorPadre!.Value;
            link.DesarmeAuto = r.DesarmeAuto ?? true;
            padre.EsPadre = true;
            padre.UpdatedAt = clock.GetUtcNow(); // bumps the parent's version: the offline catalog learns the new link

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (padre.CodigoBarras, new ProductoHijoDto(hijoId, link.UnidadesPorPadre, link.DesarmeAuto));
        });

        cache.InvalidarPacks();
        await cache.InvalidateAsync([codigoPadre]);
        return result;
    }

    public async Task DesvincularHijoAsync(Guid padreId, Guid hijoId, CancellationToken ct = default)
    {
        var padre = await db.Productos.Include(p => p.Hijos).FirstOrDefaultAsync(x => x.Id == padreId, ct) ?? throw NotFound();
        var link = padre.Hijos.FirstOrDefault(h => h.ProductoHijoId == hijoId)
                   ?? throw new NotFoundException("Ese producto no está vinculado a este pack.");
        db.ProductosHijos.Remove(link);
        padre.EsPadre = padre.Hijos.Count > 1;
        padre.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        cache.InvalidarPacks();
        await cache.InvalidateAsync([padre.CodigoBarras]);
    }

    /// <summary>
    /// Delta for the offline catalog. The cursor is a transaction-id horizon: rows changed by transactions that were
    /// still running when the cursor was taken carry a higher id and come in the next delta, so none is skipped.
    /// </summary>
    public async Task<SyncDto> SyncAsync(string? cursor, CancellationToken ct = default)
    {
        long desde = 0;
        if (!string.IsNullOrEmpty(cursor) && (!long.TryParse(cursor, out desde) || desde < 0))
            throw new ValidationException("cursor", "El cursor no es válido: pedí el catálogo completo sin cursor.");

        var horizon = await db.Database.SqlQueryRaw<long>(
            "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS \"Value\"").SingleAsync(ct);
        // The horizon never goes back, so a cursor beyond it was not handed out by this database (a restore, another
        // server): answering "nothing new" would leave the terminal's catalog silently stale, so it must start over.
        if (desde > horizon)
            throw new ValidationException("cursor", "El cursor no corresponde a este servidor: pedí el catálogo completo sin cursor.");
        var changed = await db.Productos.AsNoTracking().Include(p => p.Hijos).AsSplitQuery()
            .Where(p => p.Version >= desde && p.Version < horizon && (desde > 0 || p.Activo))
            .OrderBy(p => p.Version).ToListAsync(ct);

        return new SyncDto(
            changed.Where(p => p.Activo).Select(ProductoDto.From).ToList(),
            changed.Where(p => !p.Activo).Select(p => p.Id).ToList(),
            horizon.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public Task<List<string>> CategoriasAsync(CancellationToken ct = default) =>
        db.Productos.AsNoTracking().Select(p => p.Categoria).Distinct().OrderBy(c => c).ToListAsync(ct);

    private static string ValidBarcodeFormat(string? codigo)
    {
        var c = codigo?.Trim() ?? "";
        if (!ProductoSearch.LooksLikeBarcode(c))
            throw new ValidationException("codigo_barras", "El código de barras debe tener entre 4 y 14 dígitos.");
        return c;
    }

    private async Task EnsureProveedorAsync(Guid? proveedorId, CancellationToken ct)
    {
        if (proveedorId is { } id && !await db.Proveedores.AnyAsync(p => p.Id == id, ct))
            throw new ValidationException("proveedor_id", "El proveedor no existe.");
    }

    /// <summary>Saves; a unique violation on the barcode (a concurrent create) is the same 409 as the pre-check.</summary>
    private async Task SaveAsync(string codigo, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw Duplicate(codigo);
        }
    }

    private static PrecioHistorial Precio(Producto p, Guid usuarioId, DateTimeOffset now) => new()
    {
        ProductoId = p.Id, PrecioCosto = p.PrecioCosto, PrecioVenta = p.PrecioVenta, UsuarioId = usuarioId, VigenteDesde = now,
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    private static ConflictException Duplicate(string codigo) => new($"Ya existe un producto con el código {codigo}.");
    private static NotFoundException NotFound() => new("El producto no existe.");
}
