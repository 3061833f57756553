namespace BlendPos.Domain.Caja;

/// <summary>A cashier's shift at one punto de venta (seed 6.3).</summary>
public class SesionCaja
{
    public Guid Id { get; set; }
    public int PuntoDeVenta { get; set; }
    public Guid UsuarioId { get; set; }
    public decimal MontoInicial { get; set; }
    public decimal? MontoEsperado { get; set; }
    public decimal? MontoDeclarado { get; set; }
    public decimal? Desvio { get; set; }
    public decimal? DesvioPct { get; set; }
    public ClasificacionDesvio? Clasificacion { get; set; }
    public EstadoSesionCaja Estado { get; set; } = EstadoSesionCaja.Abierta;
    public string? Observaciones { get; set; }
    /// <summary>The supervisor who closed or justified it, when it was not the cashier's own count.</summary>
    public Guid? CerradaPorId { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    public List<MovimientoCaja> Movimientos { get; set; } = [];
}

/// <summary>An immutable money event (ADR-004). The database rejects UPDATE and DELETE on this table.</summary>
public class MovimientoCaja
{
    public Guid Id { get; set; }
    public Guid SesionCajaId { get; set; }
    public TipoMovimientoCaja Tipo { get; set; }
    public MetodoPago? MetodoPago { get; set; }
    /// <summary>Signed: egresos and voids are negative.</summary>
    public decimal Monto { get; set; }
    public string Descripcion { get; set; } = "";
    /// <summary>The sale this movement belongs to, if any.</summary>
    public Guid? ReferenciaId { get; set; }
    public Guid? UsuarioId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The blind count of a session: taken once (unique per session), per payment method.</summary>
public class Arqueo
{
    public Guid Id { get; set; }
    public Guid SesionCajaId { get; set; }
    public Guid UsuarioId { get; set; }
    public decimal DeclaradoEfectivo { get; set; }
    public decimal DeclaradoDebito { get; set; }
    public decimal DeclaradoCredito { get; set; }
    public decimal DeclaradoTransferencia { get; set; }
    public decimal EsperadoEfectivo { get; set; }
    public decimal EsperadoDebito { get; set; }
    public decimal EsperadoCredito { get; set; }
    public decimal EsperadoTransferencia { get; set; }
    public string? Observaciones { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
