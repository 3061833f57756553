using System.Text.Json;
using BlendPos.Domain;
using BlendPos.Domain.Facturacion;
using BlendPos.Web.Features.Facturacion.Configuracion;
using BlendPos.Web.Infrastructure.Errors;

namespace BlendPos.Web.Features.Facturacion;

/// <summary>The receptor as asked for (at checkout, by POST /v1/facturas or from the sales list).</summary>
public sealed record PedidoFactura(TipoComprobante? Tipo, string? ReceptorCuit, string? ReceptorNombre, string? CondicionIvaReceptor,
    string? ReceptorEmail = null);

/// <summary>
/// What is kept in <c>comprobantes.detalle</c> (jsonb): the VAT split computed with the comprobante, the receptor's
/// condition id, and — once a number is taken — the exact request sent to AFIP (for reconciliation and audit).
/// </summary>
public sealed record DetalleComprobante(IReadOnlyList<AlicuotaIva> Alicuotas, int CondicionIvaReceptorId, int Concepto = 1,
    SolicitudEnviada? Solicitud = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DetalleComprobante? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<DetalleComprobante>(json, Json);
}

/// <summary>The FECAESolicitar detail as persisted before sending.</summary>
public sealed record SolicitudEnviada(int CbteTipo, int PuntoDeVenta, long Numero, string CbteFch, int DocTipo, long DocNro,
    decimal ImpTotal, decimal ImpNeto, decimal ImpIva, IReadOnlyList<AfipAsociadoEnviado> Asociados);

public sealed record AfipAsociadoEnviado(int Tipo, int PuntoDeVenta, long Numero, long Cuit, string CbteFch);

/// <summary>
/// The one place that turns a sale and a receptor into a pending comprobante row: letter (issuer × receptor), receptor
/// document and threshold, VAT split of the sale's lines and discount (<see cref="DesgloseIva"/>), the issuer's AFIP
/// punto de venta. Used inside the sale's transaction (checkout) and by POST /v1/facturas; the Spanish refusals name
/// the request's fields with <paramref name="prefijo"/>.
/// </summary>
public static class NuevoComprobante
{
    public const string Deshabilitada = "La facturación electrónica está deshabilitada: un administrador la configura en Facturación › Configuración.";

    public static Comprobante ParaVenta(EmisorFacturacion? emisor, PedidoFactura pedido, Guid ventaId, IReadOnlyList<LineaGravada> lineas,
        decimal descuentoTotal, decimal total, DateTimeOffset now, string prefijo = "")
    {
        if (emisor is null) throw new ConflictException(Deshabilitada);
        if (total <= 0) throw new ValidationException(prefijo + "tipo", "Una venta sin importe no se factura.");
        var (receptor, errores) = ReceptorRules.Resolver(emisor.CondicionIva, pedido.ReceptorCuit, pedido.CondicionIvaReceptor, pedido.Tipo,
            total, emisor.UmbralConsumidorFinal, prefijo);
        if (receptor is null)
            throw new ValidationException(errores.ToDictionary(kv => kv.Key, kv => new[] { kv.Value }), errores.Count == 1 ? errores.First().Value : null);
        var email = pedido.ReceptorEmail?.Trim();
        if (!string.IsNullOrEmpty(email) && (email.Length > 200 || !System.Net.Mail.MailAddress.TryCreate(email, out _)))
            throw new ValidationException(prefijo + "receptor_email", "El e-mail del receptor no es válido.");
        var nombre = pedido.ReceptorNombre?.Trim();
        if (nombre?.Length > 200) throw new ValidationException(prefijo + "receptor_nombre", "El nombre del receptor admite hasta 200 caracteres.");

        var importes = DesgloseIva.Calcular(receptor.Tipo, lineas, descuentoTotal);
        if (importes.Total != total) throw new InvalidOperationException($"VAT split total {importes.Total} differs from the sale's {total}.");
        return new Comprobante
        {
            Id = Guid.NewGuid(), Tipo = receptor.Tipo, PuntoDeVenta = emisor.PuntoDeVenta, VentaId = ventaId,
            ReceptorCuit = receptor.DocumentoTexto, ReceptorNombre = string.IsNullOrEmpty(nombre) ? null : nombre,
            CondicionIvaReceptor = receptor.Condicion.Codigo, DocTipo = receptor.Documento.DocTipo, DocNro = receptor.Documento.DocNro,
            ReceptorEmail = string.IsNullOrEmpty(email) ? null : email,
            MontoNeto = importes.Neto, MontoIva = importes.Iva, MontoTotal = importes.Total,
            Detalle = new DetalleComprobante(importes.Alicuotas, receptor.Condicion.Id).ToJson(),
            Estado = EstadoComprobante.Pendiente, CreatedAt = now, UpdatedAt = now,
        };
    }

    /// <summary>The credit note of an invoice: same receptor, amounts and VAT split, the invoice as its CbtesAsoc.</summary>
    public static Comprobante NotaDeCredito(Comprobante factura, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), Tipo = TiposComprobante.NotaDeCredito(factura.Tipo), PuntoDeVenta = factura.PuntoDeVenta, VentaId = factura.VentaId,
        ReceptorCuit = factura.ReceptorCuit, ReceptorNombre = factura.ReceptorNombre, CondicionIvaReceptor = factura.CondicionIvaReceptor,
        DocTipo = factura.DocTipo, DocNro = factura.DocNro, ReceptorEmail = factura.ReceptorEmail,
        MontoNeto = factura.MontoNeto, MontoIva = factura.MontoIva, MontoTotal = factura.MontoTotal,
        Detalle = DetalleComprobante.FromJson(factura.Detalle) is { } d ? (d with { Solicitud = null }).ToJson() : null,
        Estado = EstadoComprobante.Pendiente, ComprobanteAsociadoId = factura.Id, CreatedAt = now, UpdatedAt = now,
    };
}
