using BlendPos.Domain;
using BlendPos.Domain.Proveedores;
using BlendPos.Web.Data;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BlendPos.Web.Features.Proveedores;

public sealed partial class ProveedorService
{
    /// <summary>
    /// Raises (or lowers) <c>precio_venta</c> of every product of the supplier (optionally one category) by a percentage,
    /// rounded to the cent (<see cref="AumentoDePrecios"/>), in one set-based statement that also writes the price
    /// history of each changed product. Products whose price would not change (a price of 0) are left alone. The
    /// version trigger stamps the rows, so the offline catalog's delta sends them.
    /// </summary>
    public async Task<PreciosDto> ActualizarPreciosAsync(Guid proveedorId, PreciosRequest r, Guid usuarioId, CancellationToken ct = default)
    {
        var (porcentaje, categoria) = await ValidarAumentoAsync(proveedorId, r, ct);
        var now = clock.GetUtcNow();
        List<string> codigos;
        try
        {
            // One statement: the rows locked in id order (as a sale locks its products, so the two never deadlock), the
            // UPDATE and the history rows of what it changed. round(numeric, 2) rounds half away from zero, as
            // AumentoDePrecios.Aplicar does for the preview.
            codigos = await db.InTransactionAsync(() => db.Database.SqlQuery<string>($"""
                WITH bloqueados AS (
                    SELECT id FROM productos
                    WHERE proveedor_id = {proveedorId} AND ({categoria}::text IS NULL OR categoria = {categoria}::text)
                      AND round(precio_venta * (100 + {porcentaje}) / 100, 2) <> precio_venta
                    ORDER BY id FOR UPDATE
                ), cambiados AS (
                    UPDATE productos SET precio_venta = round(precio_venta * (100 + {porcentaje}) / 100, 2), updated_at = {now}
                    WHERE id IN (SELECT id FROM bloqueados)
                    RETURNING id, codigo_barras, precio_costo, precio_venta
                ), historial AS (
                    INSERT INTO precios_historial (producto_id, precio_costo, precio_venta, usuario_id, vigente_desde)
                    SELECT id, precio_costo, precio_venta, {usuarioId}, {now} FROM cambiados
                )
                SELECT codigo_barras AS "Value" FROM cambiados
                """).ToListAsync(ct), ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.NumericValueOutOfRange)
        {
            throw new ValidationException("porcentaje", $"Con ese porcentaje algún precio superaría {Money.Format(FilaDeLista.MaxPrecio)}.");
        }

        await InvalidarCatalogoAsync(codigos);
        logger.LogInformation("Bulk price change {Pct} % on supplier {Supplier} ({Category}) by {User}: {Count} products",
            porcentaje, proveedorId, categoria ?? "all categories", usuarioId, codigos.Count);
        return new PreciosDto(codigos.Count);
    }

    /// <summary>What <see cref="ActualizarPreciosAsync"/> would change: the count and the first rows, nothing written.</summary>
    public async Task<VistaPreviaPrecios> PrevisualizarPreciosAsync(Guid proveedorId, PreciosRequest r, int filas = 20, CancellationToken ct = default)
    {
        var (porcentaje, categoria) = await ValidarAumentoAsync(proveedorId, r, ct);
        var query = db.Productos.AsNoTracking().Where(p => p.ProveedorId == proveedorId && (categoria == null || p.Categoria == categoria));
        var candidatos = await query.OrderBy(p => p.Nombre)
            .Select(p => new { p.CodigoBarras, p.Nombre, p.Categoria, p.PrecioVenta }).ToListAsync(ct);
        var cambian = candidatos
            .Select(p => new PrecioPrevisto(p.CodigoBarras, p.Nombre, p.Categoria, p.PrecioVenta, AumentoDePrecios.Aplicar(p.PrecioVenta, porcentaje)))
            .Where(p => p.PrecioNuevo != p.PrecioActual).ToList();
        if (cambian.Any(p => p.PrecioNuevo > FilaDeLista.MaxPrecio))
            throw new ValidationException("porcentaje", $"Con ese porcentaje algún precio superaría {Money.Format(FilaDeLista.MaxPrecio)}.");
        return new VistaPreviaPrecios(cambian.Count, cambian.Take(filas).ToList());
    }

    private async Task<(decimal Porcentaje, string? Categoria)> ValidarAumentoAsync(Guid proveedorId, PreciosRequest r, CancellationToken ct)
    {
        if (!await db.Proveedores.AnyAsync(p => p.Id == proveedorId, ct)) throw NotFound();
        if (AumentoDePrecios.Validar(r.Porcentaje) is { } error) throw new ValidationException("porcentaje", error);
        var categoria = string.IsNullOrWhiteSpace(r.Categoria) ? null : r.Categoria.Trim();
        return (r.Porcentaje!.Value, categoria);
    }
}
