using System.Globalization;
using BlendPos.Domain;
using BlendPos.Domain.Facturacion;
using BlendPos.Web.Features.Facturacion.Documentos;

namespace BlendPos.Web.Infrastructure.Pdf;

/// <summary>How the printed invoice writes things (es-AR): dates, money, quantities, rates, documents, CUITs.</summary>
public static class TextosFactura
{
    private static readonly CultureInfo EsAr = CultureInfo.GetCultureInfo("es-AR");

    public const string ConsumidorFinal = "A CONSUMIDOR FINAL";
    public const string NoValido = "Comprobante no válido como factura";
    public const string Transparencia = "Régimen de Transparencia Fiscal al Consumidor (Ley 27.743)";
    public const string NoContribuyente = "No contribuyente";

    /// <summary>27/11/2026.</summary>
    public static string Fecha(DateOnly fecha) => fecha.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Fecha(DateOnly? fecha) => fecha is { } f ? Fecha(f) : "—";

    /// <summary>$ 1.234,50 (the same as every page: <see cref="Money.Format"/>).</summary>
    public static string Dinero(decimal monto) => Money.Format(monto);

    /// <summary>1, 2,5, 0,125: up to 3 decimals, no trailing zeros.</summary>
    public static string Cantidad(decimal cantidad) => cantidad.ToString("#,##0.###", EsAr);

    /// <summary>21%, 10,5%.</summary>
    public static string Alicuota(decimal alicuota) => alicuota.ToString("0.##", EsAr) + "%";

    /// <summary>«Factura B 00001-00000012».</summary>
    public static string Comprobante(FacturaDocumento d) => $"{d.Tipo.Nombre()} {Numero(d)}";

    public static string Numero(FacturaDocumento d) => NumeroComprobante.Formatear(d.PuntoDeVenta, d.Numero);

    /// <summary>20-12345678-6 when the text has 11 digits; otherwise as given (never fails to print).</summary>
    public static string Cuit(string? cuit) =>
        string.IsNullOrWhiteSpace(cuit) ? "—" : Domain.Facturacion.Cuit.Normalize(cuit) is { } n ? Domain.Facturacion.Cuit.Format(n) : cuit;

    /// <summary>The receptor's document as printed: «CUIT: 30-71234567-1», «DNI: 12.345.678»; null for an unidentified one.</summary>
    public static string? DocumentoReceptor(ReceptorDocumento r)
    {
        if (r.DocTipo == QrAfip.DocTipoSinIdentificar) return null;
        var (nombre, esCuit) = r.DocTipo switch
        {
            80 => ("CUIT", true),
            86 => ("CUIL", true),
            87 => ("CDI", true),
            96 => ("DNI", false),
            89 => ("LE", false),
            90 => ("LC", false),
            94 => ("Pasaporte", false),
            _ => ("Documento", false),
        };
        var numero = esCuit
            ? Cuit(r.DocNro.ToString("D11", CultureInfo.InvariantCulture))
            : r.DocNro.ToString("#,0", EsAr);
        return $"{nombre}: {numero}";
    }

    /// <summary>The file name of the attachment: «factura-00001-00000012.pdf», «nota-de-credito-00001-00000003.pdf».</summary>
    public static string NombreArchivo(FacturaDocumento d) =>
        (d.Tipo.EsNotaDeCredito() ? "nota-de-credito-" : "factura-") + Numero(d) + ".pdf";
}
