using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Facturacion;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Catalogo;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BlendPos.Web.Features.Proveedores;

/// <summary>
/// Suppliers (admin): the CRUD, the CSV price-list import (<see cref="ImportarAsync"/>, ImportarLista.cs) and the bulk
/// percentage change (ActualizarPrecios.cs). One method per operation, each one transaction; pages and /v1 call them.
/// The CRUD writes through EF Core (a few rows); the import and the bulk change are set-based SQL (thousands of rows).
/// </summary>
public sealed partial class ProveedorService(BlendPosDb db, CatalogCache cache, TimeProvider clock, ILogger<ProveedorService> logger)
{
    public async Task<PageOf<ProveedorDto>> ListAsync(string? q, bool incluirInactivos, int? page, int? size, CancellationToken ct = default)
    {
        var (p, s) = Paging.Normalize(page, size);
        var query = db.Proveedores.AsNoTracking();
        if (!incluirInactivos) query = query.Where(x => x.Activo);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var texto = q.Trim();
            var digitos = new string(texto.Where(char.IsAsciiDigit).ToArray());
            var pattern = "%" + texto.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(x => EF.Functions.ILike(x.RazonSocial, pattern) || (digitos.Length >= 2 && x.Cuit.Contains(digitos)));
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(x => x.Activo).ThenBy(x => x.RazonSocial).Skip((p - 1) * s).Take(s).ToListAsync(ct);
        return new PageOf<ProveedorDto>(rows.Select(ProveedorDto.From).ToList(), total, p, s);
    }

    public async Task<ProveedorDto> GetAsync(Guid id, CancellationToken ct = default) =>
        ProveedorDto.From(await db.Proveedores.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound());

    public async Task<ProveedorDto> CreateAsync(ProveedorRequest r, Guid usuarioId, CancellationToken ct = default)
    {
        var cuit = Validate(r, creating: true);
        await EnsureUniqueCuitAsync(cuit!, null, ct);
        var now = clock.GetUtcNow();
        var proveedor = new Proveedor
        {
            Id = Guid.NewGuid(), RazonSocial = r.RazonSocial!.Trim(), Cuit = cuit!, Telefono = Blank(r.Telefono),
            Email = Blank(r.Email), Direccion = Blank(r.Direccion), CondicionPago = Blank(r.CondicionPago),
            Activo = r.Activo ?? true, CreatedAt = now, UpdatedAt = now,
        };
        db.Proveedores.Add(proveedor);
        await SaveAsync(cuit!, ct);
        logger.LogInformation("Supplier {Cuit} created by {User}", cuit, usuarioId);
        return ProveedorDto.From(proveedor);
    }

    public async Task<ProveedorDto> UpdateAsync(Guid id, ProveedorRequest r, Guid usuarioId, CancellationToken ct = default)
    {
        var cuit = Validate(r, creating: false);
        var proveedor = await db.Proveedores.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound();
        if (cuit is not null && cuit != proveedor.Cuit) await EnsureUniqueCuitAsync(cuit, id, ct);

        if (r.RazonSocial is not null) proveedor.RazonSocial = r.RazonSocial.Trim();
        if (cuit is not null) proveedor.Cuit = cuit;
        if (r.Telefono is not null) proveedor.Telefono = Blank(r.Telefono);
        if (r.Email is not null) proveedor.Email = Blank(r.Email);
        if (r.Direccion is not null) proveedor.Direccion = Blank(r.Direccion);
        if (r.CondicionPago is not null) proveedor.CondicionPago = Blank(r.CondicionPago);
        if (r.Activo is { } activo) proveedor.Activo = activo;
        proveedor.UpdatedAt = clock.GetUtcNow();
        await SaveAsync(proveedor.Cuit, ct);
        logger.LogInformation("Supplier {Cuit} updated by {User} (activo {Activo})", proveedor.Cuit, usuarioId, proveedor.Activo);
        return ProveedorDto.From(proveedor);
    }

    /// <summary>Deactivates (never deletes: products and imports keep pointing at it). Its products stay as they are.</summary>
    public Task<ProveedorDto> DeactivateAsync(Guid id, Guid usuarioId, CancellationToken ct = default) =>
        UpdateAsync(id, new ProveedorRequest(null, null, null, null, null, null, Activo: false), usuarioId, ct);

    /// <summary>The supplier's page: its products (first page) and its last import.</summary>
    public async Task<ProveedorDetalle> DetalleAsync(Guid id, int productos = 50, CancellationToken ct = default)
    {
        var proveedor = await GetAsync(id, ct);
        var query = db.Productos.AsNoTracking().Where(p => p.ProveedorId == id);
        var cantidad = await query.CountAsync(ct);
        var primeros = await query.Include(p => p.Hijos).OrderBy(p => p.Nombre).Take(productos).ToListAsync(ct);
        var ultima = await db.ImportacionesLista.AsNoTracking().Where(i => i.ProveedorId == id).OrderByDescending(i => i.CreatedAt)
            .GroupJoin(db.Users, i => i.UsuarioId, u => u.Id, (i, us) => new { i, us })
            .SelectMany(x => x.us.DefaultIfEmpty(), (x, u) => new ImportacionResumen(x.i.Id, x.i.CreatedAt, x.i.Archivo,
                u != null ? u.UserName : null, x.i.Total, x.i.Ok, x.i.Nuevos, x.i.ConCambioDePrecio, x.i.Actualizados,
                x.i.SinCambios, x.i.Errores))
            .FirstOrDefaultAsync(ct);
        return new ProveedorDetalle(proveedor, cantidad, primeros.Select(ProductoDto.From).ToList(), ultima);
    }

    /// <summary>The refused rows of an import, as the CSV stored with it; null when there is no such import.</summary>
    public async Task<(string Archivo, string Csv)?> ErroresDeImportacionAsync(Guid importacionId, CancellationToken ct = default)
    {
        var fila = await db.ImportacionesLista.AsNoTracking().Where(i => i.Id == importacionId)
            .Select(i => new { i.Archivo, i.ErroresCsv, i.CreatedAt }).FirstOrDefaultAsync(ct);
        if (fila is null) return null;
        var nombre = Path.GetFileNameWithoutExtension(fila.Archivo);
        return ($"errores-{(nombre.Length > 0 ? nombre : "lista")}.csv", fila.ErroresCsv);
    }

    /// <summary>Products per supplier, for the list page.</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> CantidadProductosAsync(IReadOnlyList<Guid> ids, CancellationToken ct = default) =>
        await db.Productos.AsNoTracking().Where(p => p.ProveedorId != null && ids.Contains(p.ProveedorId.Value))
            .GroupBy(p => p.ProveedorId!.Value).Select(g => new { g.Key, Cantidad = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Cantidad, ct);

    public Task<List<Proveedor>> ActivosAsync(CancellationToken ct = default) =>
        db.Proveedores.AsNoTracking().Where(p => p.Activo).OrderBy(p => p.RazonSocial).ToListAsync(ct);

    public Task<List<string>> CategoriasAsync(Guid proveedorId, CancellationToken ct = default) =>
        db.Productos.AsNoTracking().Where(p => p.ProveedorId == proveedorId).Select(p => p.Categoria).Distinct().OrderBy(c => c).ToListAsync(ct);

    /// <summary>Field rules; returns the normalized CUIT (11 digits) when one was given.</summary>
    private static string? Validate(ProveedorRequest r, bool creating)
    {
        var v = new Validator();
        if (creating || r.RazonSocial is not null)
        {
            var razon = r.RazonSocial?.Trim() ?? "";
            v.When(razon.Length == 0, "razon_social", "Ingresá la razón social.");
            v.When(razon.Length > 200, "razon_social", "La razón social admite hasta 200 caracteres.");
        }
        string? cuit = null;
        if (creating || r.Cuit is not null)
        {
            if (Cuit.Validate(r.Cuit) is { } error) v.Add("cuit", error);
            else cuit = Cuit.Normalize(r.Cuit);
        }
        v.When((r.Telefono?.Trim().Length ?? 0) > 50, "telefono", "El teléfono admite hasta 50 caracteres.");
        var email = r.Email?.Trim() ?? "";
        v.When(email.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(email, @"^[^@\s]+@[^@\s]+\.[^@\s]+$"), "email", "El email no es válido.");
        v.When(email.Length > 200, "email", "El email admite hasta 200 caracteres.");
        v.When((r.Direccion?.Trim().Length ?? 0) > 300, "direccion", "La dirección admite hasta 300 caracteres.");
        v.When((r.CondicionPago?.Trim().Length ?? 0) > 100, "condicion_pago", "La condición de pago admite hasta 100 caracteres.");
        v.ThrowIfAny();
        return cuit;
    }

    private async Task EnsureUniqueCuitAsync(string cuit, Guid? exceptId, CancellationToken ct)
    {
        if (await db.Proveedores.AnyAsync(p => p.Cuit == cuit && p.Id != exceptId, ct)) throw DuplicateCuit(cuit);
    }

    /// <summary>Saves; a unique violation on the CUIT (a concurrent create) is the same 409 as the pre-check.</summary>
    private async Task SaveAsync(string cuit, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw DuplicateCuit(cuit);
        }
    }

    /// <summary>After a write touching these products: per barcode when few, everything at once when many.</summary>
    private async Task InvalidarCatalogoAsync(IReadOnlyCollection<string> barcodes)
    {
        if (barcodes.Count == 0) return;
        cache.InvalidarPacks(); // an import writes pack links too
        if (barcodes.Count <= 200) await cache.InvalidateAsync(barcodes);
        else await cache.InvalidateAllAsync();
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    private static ConflictException DuplicateCuit(string cuit) => new($"Ya existe un proveedor con el CUIT {Cuit.Format(cuit)}.");
    private static NotFoundException NotFound() => new("El proveedor no existe.");
}
