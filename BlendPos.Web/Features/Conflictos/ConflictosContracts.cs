using BlendPos.Domain;

namespace BlendPos.Web.Features.Conflictos;

/// <summary>Which flagged sales the page lists.</summary>
public enum FiltroConflictos { Pendientes, Revisadas, Todas }

/// <summary>
/// A sale flagged when it was replayed from a terminal (seed 2.4), with what differed: prices, stock, session, the
/// terminal's clock (<see cref="ConflictoFecha"/>). <see cref="SincronizadaPor"/>: who delivered it, when not its cashier.
/// <see cref="Precios"/> is filled only for a price conflict, <see cref="Stock"/> only for a stock conflict.
/// </summary>
public sealed record ConflictoVenta(
    Guid Id, string Ticket, DateTimeOffset CreatedAt, DateTimeOffset? SyncedAt, string Cajero, int PuntoDeVenta, decimal Total,
    EstadoVenta Estado, bool Offline, bool ConflictoStock, bool ConflictoPrecio, bool ConflictoSesion, bool ConflictoFecha,
    string? SincronizadaPor, DateTimeOffset? RevisadoAt, string? RevisadoPor,
    IReadOnlyList<ConflictoPrecioItem> Precios, IReadOnlyList<ConflictoStockItem> Stock, ConflictoSesionInfo Sesion)
{
    public bool Revisada => RevisadoAt is not null;
}

/// <summary>
/// One item of a sale with a price conflict. <see cref="PrecioEnFecha"/> is the catalog price in effect when the sale
/// was made; <see cref="PrecioConocido"/> is false when the product never had the offline price in the 7 days before
/// the sale: that item is the one that made the conflict.
/// </summary>
public sealed record ConflictoPrecioItem(
    Guid ProductoId, string CodigoBarras, string Nombre, int Cantidad, decimal PrecioOffline, decimal PrecioEnFecha,
    decimal PrecioActual, bool PrecioConocido);

/// <summary>
/// A product the sale left below zero: <see cref="Movimiento"/> is the sale's net change to it (ledger lines with the
/// sale as reference), <see cref="StockResultante"/> the lowest figure those lines left, <see cref="StockActual"/> now.
/// </summary>
public sealed record ConflictoStockItem(
    Guid ProductoId, string CodigoBarras, string Nombre, int Movimiento, int StockResultante, int StockActual);

/// <summary>The cash session the sale went into, and when it closed (the session conflict is a sale after that).</summary>
public sealed record ConflictoSesionInfo(
    Guid Id, int PuntoDeVenta, string Usuario, EstadoSesionCaja Estado, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt);

/// <summary>
/// A stock correction from the page: <see cref="Modo"/> "contado" takes the units really counted on the shelf,
/// "ajuste" a signed change; either way it becomes one manual adjustment (InventarioService) with its ledger line.
/// </summary>
public sealed record AjusteConflictoRequest(Guid? ProductoId, string? Modo, int? Cantidad, string? Motivo)
{
    public const string Contado = "contado";
    public const string Ajuste = "ajuste";
}
