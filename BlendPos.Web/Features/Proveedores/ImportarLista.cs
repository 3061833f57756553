using System.Security.Cryptography;
using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Proveedores;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Catalogo;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Proveedores;

public sealed partial class ProveedorService
{
    /// <summary>Rows of the answer's <c>preview</c>: enough to check a file, small for a 50,000-row list.</summary>
    public const int FilasDePreview = 50;

    /// <summary>
    /// Imports a supplier's price list (API.md «Suppliers and CSV», seed 7.4): every row is checked
    /// (<see cref="PlanDeImportacion"/>); with <paramref name="dryRun"/> nothing is written and the plan is the preview;
    /// otherwise the valid rows that change something are upserted by barcode in one transaction (binary COPY into a
    /// temporary table, then set-based INSERT … ON CONFLICT), with their price history, a 0 line in the stock ledger
    /// for each new product, the pack links, and the record of the import. Stock is never touched.
    /// </summary>
    public async Task<ResultadoImportacion> ImportarAsync(Guid? proveedorId, string archivo, byte[] contenido, bool dryRun,
        Guid usuarioId, CancellationToken ct = default)
    {
        if (proveedorId is not { } idProveedor) throw new ValidationException("proveedor_id", "Elegí el proveedor de la lista.");
        var proveedor = await db.Proveedores.AsNoTracking().FirstOrDefaultAsync(p => p.Id == idProveedor, ct)
                        ?? throw new ValidationException("proveedor_id", "El proveedor no existe.");
        if (!proveedor.Activo) throw new ValidationException("proveedor_id", "El proveedor está dado de baja: reactivalo para importar su lista.");

        var lectura = ListaDePreciosCsv.Leer(contenido);
        if (!lectura.Ok) throw new ValidationException("archivo", lectura.Error!);
        var hash = Convert.ToHexStringLower(SHA256.HashData(contenido));

        if (dryRun)
        {
            var plan = await PlanificarAsync(lectura.Filas, idProveedor, ct);
            var preview = await PreviewAsync(plan, idProveedor, aplicado: false, ct);
            return new ResultadoImportacion(plan, preview, DryRun: true, null, hash, archivo);
        }

        var inicio = System.Diagnostics.Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow();
        var (planAplicado, importacionId) = await db.InTransactionAsync(async () =>
        {
            // The same lock as the product page's pack links: the cycle check below reads every link, and must see
            // the ones committed by anyone else before its own are written.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CatalogoService.PackLinksLockKey})", ct);
            var plan = await PlanificarAsync(lectura.Filas, idProveedor, ct);
            await EscribirAsync(plan, idProveedor, usuarioId, now, ct);

            var registro = new ImportacionLista
            {
                Id = Guid.NewGuid(), ProveedorId = idProveedor, UsuarioId = usuarioId, CreatedAt = now, Archivo = archivo,
                Total = plan.Total, Ok = plan.Ok, Nuevos = plan.Contar(TipoDeCambio.Nuevo),
                ConCambioDePrecio = plan.Contar(TipoDeCambio.CambioDePrecio), Actualizados = plan.Contar(TipoDeCambio.Actualizado),
                SinCambios = plan.Contar(TipoDeCambio.SinCambios), Errores = plan.Total - plan.Ok,
                ErroresCsv = plan.Ok == plan.Total ? "" : ErroresCsv.Escribir(plan.Filas.Where(f => f.Tipo == TipoDeCambio.Error)),
            };
            db.ImportacionesLista.Add(registro);
            await db.SaveChangesAsync(ct);
            return (plan, registro.Id);
        }, ct);

        var tocados = planAplicado.Productos.Select(p => p.CodigoBarras)
            .Concat(planAplicado.Vinculos.Select(v => v.PadreCodigoBarras)).Distinct().ToList();
        await InvalidarCatalogoAsync(tocados);
        logger.LogInformation(
            "Price list {File} of supplier {Cuit} imported by {User}: {Total} rows, {Ok} ok, {Written} products written, {Links} pack links in {Ms} ms",
            archivo, proveedor.Cuit, usuarioId, planAplicado.Total, planAplicado.Ok, planAplicado.Productos.Count,
            planAplicado.Vinculos.Count, (long)System.Diagnostics.Stopwatch.GetElapsedTime(inicio).TotalMilliseconds);

        var previewAplicado = await PreviewAsync(planAplicado, idProveedor, aplicado: true, ct);
        return new ResultadoImportacion(planAplicado, previewAplicado, DryRun: false, importacionId, hash, archivo);
    }

    /// <summary>Reads what the plan needs: the catalog products with the file's barcodes (rows and packs) and every link.</summary>
    private async Task<PlanDeImportacion> PlanificarAsync(IReadOnlyList<FilaCsv> filas, Guid proveedorId, CancellationToken ct)
    {
        var codigos = filas.Select(f => f[ListaDePreciosCsv.CodigoBarras])
            .Concat(filas.Select(f => f[ListaDePreciosCsv.PadreCodigoBarras]))
            .Where(c => !string.IsNullOrEmpty(c) && c.Length <= Gtin.MaxLength).Distinct().ToArray();
        var existentes = await db.Productos.AsNoTracking().Where(p => codigos.Contains(p.CodigoBarras))
            .Select(p => new ProductoActual(p.Id, p.CodigoBarras, p.Nombre, p.Categoria, p.PrecioCosto, p.PrecioVenta,
                p.StockActual, p.StockMinimo, p.UnidadMedida, p.ProveedorId, p.Activo))
            .ToDictionaryAsync(p => p.CodigoBarras, StringComparer.Ordinal, ct);
        var vinculos = await db.ProductosHijos.AsNoTracking()
            .Select(h => new PackLink(h.ProductoPadreId, h.ProductoHijoId, h.UnidadesPorPadre, h.DesarmeAuto))
            .ToListAsync(ct);
        return PlanDeImportacion.Armar(filas, proveedorId, existentes, vinculos, Guid.NewGuid);
    }

    /// <summary>
    /// The first valid rows as Producto: read back from the catalog after an import; before one (dry run), the catalog's
    /// row with the file's values over it, or the new product the row would create (stock 0).
    /// </summary>
    private async Task<IReadOnlyList<ProductoDto>> PreviewAsync(PlanDeImportacion plan, Guid proveedorId, bool aplicado, CancellationToken ct)
    {
        var filas = plan.Filas.Where(f => f.Tipo != TipoDeCambio.Error).Take(FilasDePreview).ToList();
        var codigos = filas.Select(f => f.CodigoBarras).ToArray();
        var actuales = await db.Productos.AsNoTracking().Include(p => p.Hijos).Where(p => codigos.Contains(p.CodigoBarras))
            .ToDictionaryAsync(p => p.CodigoBarras, ct);
        var escritos = plan.Productos.ToDictionary(p => p.CodigoBarras);
        var hijosNuevos = plan.Vinculos.ToLookup(v => v.PadreCodigoBarras);
        var ids = escritos.Values.ToDictionary(p => p.CodigoBarras, p => p.Id);
        foreach (var (codigo, p) in actuales) ids[codigo] = p.Id;

        var preview = new List<ProductoDto>(filas.Count);
        foreach (var fila in filas)
        {
            actuales.TryGetValue(fila.CodigoBarras, out var actual);
            if (aplicado || !escritos.TryGetValue(fila.CodigoBarras, out var e))
            {
                if (actual is not null) preview.Add(ProductoDto.From(actual)); // what the catalog holds (unchanged, or written)
                continue;
            }
            var hijos = (actual?.Hijos.Select(h => new ProductoHijoDto(h.ProductoHijoId, h.UnidadesPorPadre, h.DesarmeAuto)) ?? [])
                .Where(h => !hijosNuevos[fila.CodigoBarras].Any(v => ids.GetValueOrDefault(v.HijoCodigoBarras) == h.ProductoHijoId))
                .Concat(hijosNuevos[fila.CodigoBarras].Where(v => ids.ContainsKey(v.HijoCodigoBarras))
                    .Select(v => new ProductoHijoDto(ids[v.HijoCodigoBarras], v.UnidadesPorPadre, true)))
                .ToList();
            preview.Add(new ProductoDto(e.Id, e.CodigoBarras, e.Nombre, actual?.Descripcion, e.Categoria, e.PrecioCosto, e.PrecioVenta,
                Margen.Pct(e.PrecioCosto, e.PrecioVenta), actual?.AlicuotaIva ?? 21m, actual?.StockActual ?? 0, e.StockMinimo,
                e.UnidadMedida, (actual?.EsPadre ?? false) || hijos.Count > 0, proveedorId, actual?.Activo ?? true, hijos));
        }
        return preview;
    }
}
