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
    public Guid VentaId { get; set; }
    /// <summary>For a credit note, the invoice it cancels.</summary>
    public Guid? ComprobanteAsociadoId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
