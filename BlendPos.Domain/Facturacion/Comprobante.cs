namespace BlendPos.Domain.Facturacion;

/// <summary>
/// A fiscal document (seed 6.4). A row in <c>pendiente</c> is the invoicing job itself: it survives restarts and is
/// claimed by a worker with FOR UPDATE SKIP LOCKED.
/// </summary>
public class Comprobante
{
    public Guid Id { get; set; }
    public TipoComprobante Tipo { get; set; }
    /// <summary>The AFIP number, known once authorized.</summary>
    public long? Numero { get; set; }
    public int PuntoDeVenta { get; set; }
    public string? Cae { get; set; }
    public DateOnly? CaeVencimiento { get; set; }
    public string? ReceptorCuit { get; set; }
    public string? ReceptorNombre { get; set; }
    public string? CondicionIvaReceptor { get; set; }
    /// <summary>Line detail and VAT breakdown as sent to AFIP (jsonb).</summary>
    public string? Detalle { get; set; }
    public decimal MontoNeto { get; set; }
    public decimal MontoIva { get; set; }
    public decimal MontoTotal { get; set; }
    public EstadoComprobante Estado { get; set; } = EstadoComprobante.Pendiente;
    public string? Error { get; set; }
    public int Intentos { get; set; }
    public DateTimeOffset? ProximoIntentoAt { get; set; }
    public string? PdfPath { get; set; }
    /// <summary>The AFIP environment the number belongs to («homologacion»/«produccion»), set with the number.</summary>
    public string? Entorno { get; set; }
    /// <summary>The issuer's CUIT when the number was taken (numbering is per CUIT, punto de venta and type).</summary>
    public long? CuitEmisor { get; set; }
    /// <summary>CbteFch as sent to AFIP.</summary>
    public DateOnly? Fecha { get; set; }
    /// <summary>AFIP's receptor document: 80 CUIT, 96 DNI, 99 consumidor final sin identificar.</summary>
    public int? DocTipo { get; set; }
    public long? DocNro { get; set; }
    /// <summary>When the request for <see cref="Numero"/> was persisted and sent: after a timeout, reconcile first.</summary>
    public DateTimeOffset? EnviadoAt { get; set; }
    /// <summary>AFIP's error or observation code of the last failure.</summary>
    public int? CodigoError { get; set; }
    /// <summary>A rejection a retry cannot fix: no automatic retry; the admins are told.</summary>
    public bool ErrorPermanente { get; set; }
    public string? ReceptorEmail { get; set; }
    public EstadoCorreo? CorreoEstado { get; set; }
    public int CorreoIntentos { get; set; }
    public DateTimeOffset? CorreoProximoIntentoAt { get; set; }
    public string? CorreoError { get; set; }
    public Guid VentaId { get; set; }
    /// <summary>For a credit note, the invoice it cancels.</summary>
    public Guid? ComprobanteAsociadoId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
