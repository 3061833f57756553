using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Proveedores;
using BlendPos.Web.Features.Catalogo;

namespace BlendPos.Web.Features.Proveedores;

/// <summary>Proveedor as API.md shapes it; <see cref="Cuit"/> is the 11 bare digits.</summary>
public sealed record ProveedorDto(
    Guid Id, string RazonSocial, string Cuit, string? Telefono, string? Email, string? Direccion, string? CondicionPago,
    bool Activo, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ProveedorDto From(Proveedor p) =>
        new(p.Id, p.RazonSocial, p.Cuit, p.Telefono, p.Email, p.Direccion, p.CondicionPago, p.Activo, p.CreatedAt, p.UpdatedAt);
}

/// <summary>Create or update. On update a null field keeps its value and an empty one clears an optional field.</summary>
public sealed record ProveedorRequest(
    string? RazonSocial, string? Cuit, string? Telefono, string? Email, string? Direccion, string? CondicionPago, bool? Activo);

/// <summary><c>POST /v1/proveedores/{id}/precios</c>: a percentage (negative lowers), optionally one category only.</summary>
public sealed record PreciosRequest(decimal? Porcentaje, string? Categoria);

public sealed record PreciosDto(int Actualizados);

/// <summary>The preview of a bulk change: how many products change and the first of them.</summary>
public sealed record VistaPreviaPrecios(int Total, IReadOnlyList<PrecioPrevisto> Primeros);

public sealed record PrecioPrevisto(string CodigoBarras, string Nombre, string Categoria, decimal PrecioActual, decimal PrecioNuevo);

/// <summary><c>POST /v1/csv/import</c>'s answer (API.md): <see cref="Preview"/> holds the first valid rows as Producto.</summary>
public sealed record ImportacionDto(int Total, int Ok, IReadOnlyList<ErrorDeFila> Errores, IReadOnlyList<ProductoDto> Preview);

/// <summary>What the service hands both adapters: the whole plan (rows and their outcome) and the stored record.</summary>
/// <param name="Hash">SHA-256 of the file: the page's confirm step checks it is the file that was previewed.</param>
public sealed record ResultadoImportacion(
    PlanDeImportacion Plan, IReadOnlyList<ProductoDto> Preview, bool DryRun, Guid? ImportacionId, string Hash, string Archivo)
{
    public ImportacionDto ToDto() => new(Plan.Total, Plan.Ok, Plan.Errores.ToList(), Preview);
}

/// <summary>A supplier's page: the supplier, how many products it has, the first of them and its last import.</summary>
public sealed record ProveedorDetalle(ProveedorDto Proveedor, int CantidadProductos, IReadOnlyList<ProductoDto> Productos,
    ImportacionResumen? UltimaImportacion);

public sealed record ImportacionResumen(Guid Id, DateTimeOffset Fecha, string Archivo, string? Usuario, int Total, int Ok,
    int Nuevos, int ConCambioDePrecio, int Actualizados, int SinCambios, int Errores);

/// <summary>415: the upload is not a CSV (media type or content).</summary>
public sealed class ArchivoNoSoportadoException(string detail) : Infrastructure.Errors.AppException(415, "Tipo de archivo no soportado", detail);

/// <summary>413: the upload is larger than a price list may be.</summary>
public sealed class ArchivoDemasiadoGrandeException(string detail) : Infrastructure.Errors.AppException(413, "Archivo demasiado grande", detail);
