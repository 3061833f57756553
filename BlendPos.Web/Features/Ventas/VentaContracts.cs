using BlendPos.Domain;
using BlendPos.Domain.Ventas;
using BlendPos.Web.Features.Shared;

namespace BlendPos.Web.Features.Ventas;

public sealed record VentaItemRequest(string? Barcode, Guid? ProductoId, int? Cantidad, decimal? DescuentoItem);

public sealed record PagoRequest(MetodoPago? Metodo, decimal? Monto);

/// <summary>The invoice a sale asks for; <see cref="ReceptorEmail"/> gets the PDF once emitted.</summary>
public sealed record ComprobanteRequest(TipoComprobante? Tipo, string? ReceptorCuit, string? ReceptorNombre, string? CondicionIvaReceptor,
    string? ReceptorEmail = null);

/// <summary>
/// API.md "Venta request". <see cref="Id"/> made by the terminal makes a retry safe. <see cref="Autorizacion"/>: a
/// supervisor's credentials for a cashier's discount.
/// </summary>
public sealed record VentaRequest(
    Guid? Id, Guid? SesionCajaId, IReadOnlyList<VentaItemRequest>? Items, decimal? DescuentoTotal,
    IReadOnlyList<PagoRequest>? Pagos, ComprobanteRequest? Comprobante, AutorizacionRequest? Autorizacion = null);

public sealed record AnularRequest(string? Motivo);

public sealed record VentaItemDto(Guid ProductoId, string CodigoBarras, string Nombre, int Cantidad, decimal PrecioUnitario,
    decimal DescuentoItem, decimal Subtotal);

public sealed record VentaPagoDto(MetodoPago Metodo, decimal Monto);

public sealed record ComprobanteResumenDto(Guid Id, TipoComprobante Tipo, EstadoComprobante Estado);

/// <summary>API.md "Venta".</summary>
public sealed record VentaDto(
    Guid Id, long NumeroTicket, Guid SesionCajaId, Guid UsuarioId, decimal Subtotal, decimal DescuentoTotal, decimal Total,
    decimal Vuelto, EstadoVenta Estado, bool ConflictoStock, bool ConflictoPrecio, DateTimeOffset CreatedAt,
    IReadOnlyList<VentaItemDto> Items, IReadOnlyList<VentaPagoDto> Pagos, ComprobanteResumenDto? Comprobante, bool ConflictoFecha)
{
    /// <summary>The printed ticket number: punto de venta and number, "0003-00000123".</summary>
    public static string Ticket(int puntoDeVenta, long numero) => $"{puntoDeVenta:D4}-{numero:D8}";

    internal static VentaDto From(Venta v, ComprobanteResumenDto? comprobante) => new(
        v.Id, v.NumeroTicket, v.SesionCajaId, v.UsuarioId, v.Subtotal, v.DescuentoTotal, v.Total, v.Vuelto, v.Estado,
        v.ConflictoStock, v.ConflictoPrecio, v.CreatedAt,
        v.Items.OrderBy(i => i.Id.ToString(), StringComparer.Ordinal).Select(i => new VentaItemDto(i.ProductoId, i.CodigoBarras, i.Nombre, i.Cantidad, i.PrecioUnitario, i.DescuentoItem, i.Subtotal)).ToList(),
        v.Pagos.Select(p => new VentaPagoDto(p.Metodo, p.Monto)).ToList(),
        comprobante, v.ConflictoFecha);
}

public sealed record VentaFiltro(Guid? SesionCajaId = null, DateOnly? Desde = null, DateOnly? Hasta = null, bool? Conflicto = null);

/// <summary>The result of registering: the sale, and whether it already existed (same id sent again).</summary>
public sealed record RegistroVenta(VentaDto Venta, bool Existente);

/// <summary>API.md "VentaOffline" line: the price is the one the terminal charged.</summary>
public sealed record VentaOfflineItemRequest(string? Barcode, Guid? ProductoId, int? Cantidad, decimal? PrecioUnitario);

/// <summary>API.md "VentaOffline": a sale made without network, with its id and time from the terminal.</summary>
public sealed record VentaOfflineRequest(
    Guid? Id, Guid? SesionCajaId, DateTimeOffset? CreatedAt, IReadOnlyList<VentaOfflineItemRequest>? Items,
    IReadOnlyList<PagoRequest>? Pagos, decimal? DescuentoTotal);

/// <summary>
/// The outbox as sent. Each sale stays raw JSON until it is read on its own, so one sale whose fields do not even parse
/// (a number beyond any column, a date that is not one) is <c>rechazada</c> alone instead of failing the batch.
/// </summary>
public sealed record SyncBatchRequest(IReadOnlyList<System.Text.Json.JsonElement>? Ventas);

public enum EstadoSync { Procesada, Duplicada, Rechazada }

/// <summary>One answer per offline sale, in the order sent (API.md).</summary>
public sealed record SyncResultadoDto(Guid? Id, EstadoSync Estado, long? NumeroTicket, bool ConflictoStock, bool ConflictoPrecio,
    bool ConflictoSesion, bool ConflictoFecha, string? Error);

public sealed record SyncBatchResponse(IReadOnlyList<SyncResultadoDto> Resultados);
