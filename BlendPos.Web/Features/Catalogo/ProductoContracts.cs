using System.ComponentModel;
using BlendPos.Domain.Catalogo;

namespace BlendPos.Web.Features.Catalogo;

/// <summary>
/// Producto as API.md shapes it. Immutable (nobody changes one after <see cref="From"/>): HybridCache then hands out the
/// cached instance on a memory hit instead of deserializing a defensive copy on every scan.
/// </summary>
[ImmutableObject(true)]
public sealed record ProductoDto(
    Guid Id, string CodigoBarras, string Nombre, string? Descripcion, string Categoria,
    decimal PrecioCosto, decimal PrecioVenta, decimal? MargenPct, decimal AlicuotaIva,
    int StockActual, int StockMinimo, string UnidadMedida, bool EsPadre, Guid? ProveedorId, bool Activo,
    IReadOnlyList<ProductoHijoDto> Hijos)
{
    public static ProductoDto From(Producto p) => new(
        p.Id, p.CodigoBarras, p.Nombre, p.Descripcion, p.Categoria, p.PrecioCosto, p.PrecioVenta, p.MargenPct,
        p.AlicuotaIva, p.StockActual, p.StockMinimo, p.UnidadMedida, p.EsPadre, p.ProveedorId, p.Activo,
        p.Hijos.Select(h => new ProductoHijoDto(h.ProductoHijoId, h.UnidadesPorPadre, h.DesarmeAuto)).ToList());
}

[ImmutableObject(true)]
public sealed record ProductoHijoDto(Guid ProductoHijoId, int UnidadesPorPadre, bool DesarmeAuto);

/// <summary>
/// Create or replace. <see cref="StockActual"/> is read on create only (opening stock, written to the ledger);
/// afterwards stock changes only through adjustments, pack breaking and sales.
/// </summary>
public sealed record ProductoRequest(
    string? CodigoBarras, string? Nombre, string? Descripcion, string? Categoria,
    decimal? PrecioCosto, decimal? PrecioVenta, int? StockMinimo, string? UnidadMedida, Guid? ProveedorId,
    bool? Activo, decimal? AlicuotaIva, int? StockActual);

public sealed record VincularHijoRequest(Guid? ProductoHijoId, int? UnidadesPorPadre, bool? DesarmeAuto);

/// <summary>The public price-check answer: nothing but name and price.</summary>
public sealed record PrecioDto(string CodigoBarras, string Nombre, decimal PrecioVenta);

public sealed record SyncDto(IReadOnlyList<ProductoDto> Items, IReadOnlyList<Guid> Eliminados, string Cursor);

public sealed record ProductoFiltro(
    string? Q = null, string? Categoria = null, Guid? ProveedorId = null, bool BajoStock = false,
    bool IncluirInactivos = false, bool SoloInactivos = false);
