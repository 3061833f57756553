using BlendPos.Domain;
using BlendPos.Domain.Reportes;

namespace BlendPos.Web.Features.Reportes;

/// <summary>The filters every report takes: Argentine days (inclusive) and an optional punto de venta.</summary>
public sealed record FiltroReporte(DateOnly? Desde = null, DateOnly? Hasta = null, int? PuntoDeVenta = null);

public sealed record MetodoMonto(MetodoPago Metodo, decimal Monto);

/// <summary>Completed sales (tickets and total) and voided ones, apart.</summary>
public sealed record Totales(int Tickets, decimal Total, int Anuladas, decimal TotalAnulado)
{
    public decimal TicketPromedio => Agregados.TicketPromedio(Total, Tickets);
}

// ---------------------------------------------------------------------------------------------- dashboard

public sealed record HoraVentas(int Hora, int Tickets, decimal Total);

public sealed record ProductoTop(string Nombre, string CodigoBarras, int Unidades, decimal Ingresos);

public sealed record SesionAbiertaFila(Guid Id, string Usuario, int PuntoDeVenta, DateTimeOffset OpenedAt);

public sealed record DesvioFila(Guid SesionId, string Usuario, int PuntoDeVenta, DateTimeOffset ContadaAt, decimal Desvio, decimal DesvioPct,
    ClasificacionDesvio Clasificacion);

/// <summary>Today at a glance (the supervisor's and admin's home page).</summary>
public sealed record Tablero(
    DateOnly Dia, Totales Totales, IReadOnlyList<MetodoMonto> PorMetodo, IReadOnlyList<HoraVentas> PorHora,
    IReadOnlyList<ProductoTop> Top, int BajoStock, int ComprobantesPendientes, int ComprobantesConError,
    IReadOnlyList<SesionAbiertaFila> SesionesAbiertas, IReadOnlyList<DesvioFila> UltimosDesvios, bool CajaPropiaExcluida);

// ---------------------------------------------------------------------------------------------- sales

public sealed record DiaVentas(DateOnly Dia, int Tickets, decimal Total, int Anuladas, decimal TotalAnulado);

public sealed record CajeroVentas(Guid UsuarioId, string Usuario, int Tickets, decimal Total, int Anuladas)
{
    public decimal TicketPromedio => Agregados.TicketPromedio(Total, Tickets);
}

/// <summary>Sales of a period by day, payment method (cash net of change) and cashier.</summary>
public sealed record ReporteVentas(
    Periodo Periodo, int? PuntoDeVenta, Totales Totales, IReadOnlyList<DiaVentas> PorDia, IReadOnlyList<MetodoMonto> PorMetodo,
    IReadOnlyList<CajeroVentas> PorCajero, bool CajaPropiaExcluida);

// ---------------------------------------------------------------------------------------------- products

public enum OrdenRanking { Unidades, Ingresos }

/// <param name="Costo">units × the cost in effect at the moment of each sale (price history), see <see cref="ReporteProductos"/>.</param>
public sealed record ProductoRanking(Guid ProductoId, string CodigoBarras, string Nombre, int Unidades, decimal Ingresos, decimal Costo)
{
    public decimal Margen => Ingresos - Costo;
    public decimal? MargenPct => Agregados.MargenPct(Ingresos, Costo);
}

/// <summary>
/// Products sold in the period, ranked. Revenue is the lines' subtotal (after line discounts, before a sale-wide
/// discount). The sale lines do not store a cost: the cost is the one the price history held for the product at the
/// moment of the sale, or the product's current cost when its history starts later.
/// </summary>
public sealed record ReporteProductos(
    Periodo Periodo, int? PuntoDeVenta, OrdenRanking Orden, IReadOnlyList<ProductoRanking> Filas, int ProductosVendidos,
    int Unidades, decimal Ingresos, decimal Costo, bool CajaPropiaExcluida)
{
    public decimal? MargenPct => Agregados.MargenPct(Ingresos, Costo);
}

// ---------------------------------------------------------------------------------------------- cash sessions

public sealed record SesionDesvio(
    Guid Id, string Usuario, int PuntoDeVenta, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, EstadoSesionCaja Estado,
    decimal Esperado, decimal Declarado, decimal Desvio, decimal DesvioPct, ClasificacionDesvio Clasificacion, string? CerradaPor,
    string? Observaciones);

/// <param name="Desvio">the day's deviations added up (negative: money missing).</param>
public sealed record DiaDesvio(DateOnly Dia, int Sesiones, decimal Desvio, int Criticas);

/// <summary>Counted sessions of the period (opened in it) with their deviations, and the daily trend.</summary>
public sealed record ReporteCaja(
    Periodo Periodo, int? PuntoDeVenta, IReadOnlyList<SesionDesvio> Sesiones, IReadOnlyList<DiaDesvio> PorDia)
{
    public decimal DesvioTotal => Sesiones.Sum(s => s.Desvio);
    public int Criticas => Sesiones.Count(s => s.Clasificacion == ClasificacionDesvio.Critico);
    public int Advertencias => Sesiones.Count(s => s.Clasificacion == ClasificacionDesvio.Warning);
}

// ---------------------------------------------------------------------------------------------- voids

public sealed record Anulacion(
    Guid VentaId, string Ticket, DateTimeOffset VendidaAt, DateTimeOffset AnuladaAt, string Cajero, string? AutorizadaPor, int PuntoDeVenta,
    decimal Total, string? Motivo);

/// <summary>Sales voided in the period (by the moment of the void), with who authorized it and why.</summary>
public sealed record ReporteAnulaciones(Periodo Periodo, int? PuntoDeVenta, IReadOnlyList<Anulacion> Filas, bool CajaPropiaExcluida)
{
    public decimal Total => Filas.Sum(f => f.Total);
}

// ---------------------------------------------------------------------------------------------- offline conflicts

public sealed record Conflicto(
    Guid VentaId, string Ticket, DateTimeOffset VendidaAt, string Cajero, int PuntoDeVenta, decimal Total, bool Stock, bool Precio, bool Sesion,
    bool Fecha, EstadoVenta Estado, DateTimeOffset? RevisadaAt, string? RevisadaPor);

/// <summary>Offline sales of the period that arrived with differences, reviewed or not.</summary>
public sealed record ReporteConflictos(Periodo Periodo, int? PuntoDeVenta, IReadOnlyList<Conflicto> Filas, bool CajaPropiaExcluida)
{
    public int Pendientes => Filas.Count(f => f.RevisadaAt is null);
}

/// <summary>What the dashboard partial renders: the numbers and the zone to write times in.</summary>
public sealed record TableroVista(Tablero Tablero, TimeZoneInfo Zona, DateTimeOffset Actualizado);
