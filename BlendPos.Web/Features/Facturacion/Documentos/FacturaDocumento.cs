using BlendPos.Domain;

namespace BlendPos.Web.Features.Facturacion.Documentos;

/// <summary>
/// Everything a printed fiscal document shows (AFIP.md "What the printed Factura B/C shows"), already resolved: the
/// renderer formats, it does not look anything up. Built by invoicing from a comprobante row and the issuer data.
/// </summary>
public sealed record FacturaDocumento(
    DatosComercio Emisor,
    TipoComprobante Tipo,
    int PuntoDeVenta,
    long Numero,
    DateOnly Fecha,
    ReceptorDocumento Receptor,
    IReadOnlyList<LineaDocumento> Lineas,
    decimal MontoNeto,
    IReadOnlyList<IvaDocumento> Iva,
    decimal MontoTotal,
    string? Cae,
    DateOnly? CaeVencimiento,
    /// <summary>For a nota de crédito: the invoice it cancels, e.g. «Factura B 0001-00000012».</summary>
    string? ComprobanteAsociado);

/// <summary>The buyer. <c>DocTipo</c> is AFIP's code (80 CUIT, 96 DNI, 99 consumidor final sin identificar).</summary>
public sealed record ReceptorDocumento(int DocTipo, long DocNro, string? Nombre, string CondicionIva, string? Domicilio);

public sealed record LineaDocumento(string Descripcion, decimal Cantidad, decimal PrecioUnitario, decimal AlicuotaIva, decimal Importe);

/// <summary>One VAT rate's base and amount (AFIP's AlicIva).</summary>
public sealed record IvaDocumento(decimal Alicuota, decimal BaseImponible, decimal Importe);

/// <summary>Renders a fiscal document as an A4 PDF (with the RG 4892 QR when it has a CAE).</summary>
public interface IFacturaPdf
{
    byte[] Render(FacturaDocumento documento);
}

/// <summary>
/// Queues the e-mail of an emitted document to the receptor. Sending happens later, with its own retries; a failure
/// never touches the comprobante's state.
/// </summary>
public interface IFacturaCorreo
{
    Task EncolarAsync(Guid comprobanteId, string destinatario, FacturaDocumento documento, CancellationToken ct);
}

/// <summary>
/// Builds the document of a stored comprobante (issuer, receptor, lines, VAT, CAE). Implemented by invoicing; used by
/// the PDF endpoint and by the e-mail sender's retries, which only keep the comprobante id.
/// </summary>
public interface IFacturaDocumentos
{
    /// <summary>Null when there is no such comprobante.</summary>
    Task<FacturaDocumento?> ArmarAsync(Guid comprobanteId, CancellationToken ct);
}
