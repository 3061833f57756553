using BlendPos.Domain;
using BlendPos.Domain.Caja;

namespace BlendPos.Web.Features.Caja;

public sealed record AbrirCajaRequest(int? PuntoDeVenta, decimal? MontoInicial);

public sealed record MovimientoRequest(Guid? SesionCajaId, TipoMovimientoCaja? Tipo, MetodoPago? MetodoPago, decimal? Monto, string? Descripcion);

public sealed record Declaracion(decimal? Efectivo, decimal? Debito, decimal? Credito, decimal? Transferencia);

public sealed record ArqueoRequest(Guid? SesionCajaId, Declaracion? Declaracion, string? Observaciones);

public sealed record CerrarCajaRequest(Guid? SesionCajaId, Declaracion? Declaracion, string? Observaciones);

/// <summary>
/// SesionCaja per API.md. <see cref="MontoEsperado"/> is null for a cashier while the session is open (blind count):
/// it is never computed for them, so no page, partial or JSON can leak it.
/// </summary>
public sealed record SesionCajaDto(
    Guid Id, int PuntoDeVenta, Guid UsuarioId, decimal MontoInicial, EstadoSesionCaja Estado,
    DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, decimal? MontoEsperado, decimal? MontoDeclarado,
    decimal? Desvio, decimal? DesvioPct, ClasificacionDesvio? Clasificacion, string? Observaciones);

public sealed record MovimientoCajaDto(
    Guid Id, Guid SesionCajaId, TipoMovimientoCaja Tipo, MetodoPago? MetodoPago, decimal Monto, string Descripcion,
    Guid? ReferenciaId, DateTimeOffset CreatedAt);

public sealed record MontosDto(decimal Efectivo, decimal Debito, decimal Credito, decimal Transferencia)
{
    public static MontosDto From(MontosPorMetodo m) => new(m.Efectivo, m.Debito, m.Credito, m.Transferencia);
}

public sealed record ArqueoDto(
    Guid SesionCajaId, MontosDto Esperado, MontosDto Declarado, decimal MontoEsperado, decimal MontoDeclarado,
    decimal Desvio, decimal DesvioPct, ClasificacionDesvio Clasificacion, EstadoSesionCaja Estado);

public sealed record SesionFiltro(DateOnly? Desde = null, DateOnly? Hasta = null, Guid? UsuarioId = null,
    int? PuntoDeVenta = null, EstadoSesionCaja? Estado = null);

/// <summary>A session with its owner's name, for the supervisor's list and the reports.</summary>
public sealed record SesionResumen(SesionCajaDto Sesion, string Usuario, string? CerradaPor);

/// <summary>Everything the printable closing report shows.</summary>
public sealed record ReporteCierre(SesionResumen Resumen, ArqueoDto? Arqueo, IReadOnlyList<MovimientoCajaDto> Movimientos,
    string? ContadoPor);

/// <summary>
/// A session's movements as the reader may see them. <see cref="VentasOcultas"/>: the session is open and the reader
/// will count it (or is a cajero), so only manual movements are listed (blind count).
/// </summary>
public sealed record MovimientosDeSesion(IReadOnlyList<MovimientoCajaDto> Items, bool VentasOcultas);
