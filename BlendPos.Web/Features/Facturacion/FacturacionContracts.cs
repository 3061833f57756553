using System.Text.Json.Serialization;
using BlendPos.Domain;
using BlendPos.Domain.Facturacion;

namespace BlendPos.Web.Features.Facturacion;

/// <summary>POST /v1/facturas (API.md), plus the receptor's optional e-mail for the PDF.</summary>
public sealed record FacturaRequest(Guid? VentaId, TipoComprobante? Tipo, string? ReceptorCuit, string? ReceptorNombre,
    string? CondicionIvaReceptor, string? ReceptorEmail = null);

/// <summary>API.md "Comprobante". <c>error</c> and <c>pdf_url</c> appear only when there is one.</summary>
public sealed record ComprobanteDto(
    Guid Id, TipoComprobante Tipo, long? Numero, int PuntoDeVenta, string? Cae, DateOnly? CaeVencimiento, string? ReceptorCuit,
    string? ReceptorNombre, decimal MontoNeto, decimal MontoIva, decimal MontoTotal, EstadoComprobante Estado,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    Guid VentaId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PdfUrl)
{
    public static ComprobanteDto From(Comprobante c) => new(
        c.Id, c.Tipo, c.Numero, c.PuntoDeVenta, c.Cae, c.CaeVencimiento, c.ReceptorCuit, c.ReceptorNombre, c.MontoNeto, c.MontoIva,
        c.MontoTotal, c.Estado, c.Error, c.VentaId, c.Estado == EstadoComprobante.Emitido ? $"/v1/facturas/{c.Id}/pdf" : null);
}

public sealed record FacturaFiltro(Guid? VentaId = null, EstadoComprobante? Estado = null, DateOnly? Desde = null, DateOnly? Hasta = null);

/// <summary>One row of the /facturacion list.</summary>
public sealed record ComprobanteFila(ComprobanteDto Comprobante, DateTimeOffset CreatedAt, string Ticket, bool ErrorPermanente,
    DateTimeOffset? ProximoIntentoAt, int Intentos, string? CorreoEstado)
{
    public string Numero => Comprobante.Numero is { } n ? $"{Comprobante.PuntoDeVenta:D5}-{n:D8}" : "—";
}
