using BlendPos.Domain.Facturacion;
using BlendPos.Web.Features.Facturacion.Documentos;
using PdfSharp.Drawing;
using static BlendPos.Web.Infrastructure.Pdf.LienzoPdf;

namespace BlendPos.Web.Infrastructure.Pdf;

/// <summary>
/// The bottom of the last page: the totals (itemised VAT on an «A»; on a «B» the Ley 27.743 block with the VAT it
/// contains, RG 5614), then the authorization: QR, CAE and its expiry — or, without a CAE, «Comprobante no válido
/// como factura».
/// </summary>
internal static class PieFactura
{
    private const double AltoAutorizacion = 102;
    private const double AltoRenglonTotal = 16;
    private const double AnchoTotales = 235;
    /// <summary>Room under the footer for the page number.</summary>
    public const double Numeracion = 14;

    private static IEnumerable<(string Etiqueta, decimal Monto)> Totales(FacturaDocumento d)
    {
        if (d.Tipo.Letra() == 'A')
        {
            yield return ("Importe Neto Gravado:", d.MontoNeto);
            foreach (var iva in d.Iva.OrderByDescending(i => i.Alicuota))
                yield return ($"IVA {TextosFactura.Alicuota(iva.Alicuota)}:", iva.Importe);
        }
    }

    private const double AltoTransparencia = 40;

    /// <summary>The totals box and the transparency block beside it share one height.</summary>
    private static double AltoTotales(FacturaDocumento d) =>
        Math.Max((Totales(d).Count() + 1) * AltoRenglonTotal + 12, ConTransparencia(d) ? AltoTransparencia : 0);

    private static bool ConTransparencia(FacturaDocumento d) => d.Tipo.Letra() == 'B';

    /// <summary>How much of the page bottom the footer takes.</summary>
    public static double Alto(FacturaDocumento d) => AltoTotales(d) + 8 + AltoAutorizacion + Numeracion;

    public static void Dibujar(LienzoPdf l, FacturaDocumento d, byte[]? qrPng)
    {
        var yAutorizacion = l.Abajo - Numeracion - AltoAutorizacion;
        var altoTotales = AltoTotales(d);
        var yTotales = yAutorizacion - 8 - altoTotales;

        DibujarTotales(l, d, yTotales, altoTotales);
        if (ConTransparencia(d)) DibujarTransparencia(l, d, yTotales, altoTotales);
        DibujarAutorizacion(l, d, yAutorizacion, qrPng);
    }

    private static void DibujarTotales(LienzoPdf l, FacturaDocumento d, double y, double alto)
    {
        var x = l.Derecha - AnchoTotales;
        l.Recuadro(x, y, AnchoTotales, alto);
        var etiqueta = Fuente(9, negrita: true);
        var valor = Fuente(9);
        var renglones = Totales(d).Count() + 1;
        var yr = y + (alto - renglones * AltoRenglonTotal) / 2 + 2;
        foreach (var (texto, monto) in Totales(d))
        {
            l.TextoDerecha(texto, etiqueta, l.Derecha - 100, yr);
            l.TextoDerecha(TextosFactura.Dinero(monto), valor, l.Derecha - 8, yr);
            yr += AltoRenglonTotal;
        }
        var total = Fuente(11, negrita: true);
        l.TextoDerecha("Importe Total:", total, l.Derecha - 100, yr);
        l.TextoDerecha(TextosFactura.Dinero(d.MontoTotal), total, l.Derecha - 8, yr);
    }

    private static void DibujarTransparencia(LienzoPdf l, FacturaDocumento d, double y, double alto)
    {
        var ancho = l.Derecha - AnchoTotales - 10 - l.Izquierda;
        l.Recuadro(l.Izquierda, y, ancho, alto);
        var x = l.Izquierda + 8;
        var yr = l.Texto(TextosFactura.Transparencia, Fuente(8.5, negrita: true), x, y + 6) + 3;
        l.Etiqueta("IVA Contenido:", TextosFactura.Dinero(d.Iva.Sum(i => i.Importe)), x, yr, ancho - 16, 9);
    }

    private static void DibujarAutorizacion(LienzoPdf l, FacturaDocumento d, double y, byte[]? qrPng)
    {
        var ancho = l.Derecha - l.Izquierda;
        l.Recuadro(l.Izquierda, y, ancho, AltoAutorizacion);
        if (d.Cae is null || qrPng is null)
        {
            l.TextoCentrado(TextosFactura.NoValido, Fuente(14, negrita: true), (l.Izquierda + l.Derecha) / 2, y + AltoAutorizacion / 2 - 10);
            return;
        }

        const double lado = AltoAutorizacion - 10;
        using (var stream = new MemoryStream(qrPng))
        {
            var qr = XImage.FromStream(stream);
            qr.Interpolate = false; // crisp modules when printed or rasterized
            l.G.DrawImage(qr, l.Izquierda + 5, y + 5, lado, lado);
        }

        var etiqueta = Fuente(10, negrita: true);
        var valor = Fuente(10);
        var derecha = l.Derecha - 10;
        var cae = d.Cae;
        var vto = TextosFactura.Fecha(d.CaeVencimiento);
        var anchoValor = Math.Max(l.Medir(cae, valor), l.Medir(vto, valor));
        var xEtiquetas = derecha - anchoValor - 6;
        l.TextoDerecha("CAE N°:", etiqueta, xEtiquetas, y + 16);
        l.TextoDerecha(cae, valor, derecha, y + 16);
        l.TextoDerecha("Fecha de Vto. de CAE:", etiqueta, xEtiquetas, y + 34);
        l.TextoDerecha(vto, valor, derecha, y + 34);

        // Between the QR and the CAE: the legend, wrapped so it never runs into the labels.
        var x = l.Izquierda + lado + 18;
        var anchoLeyenda = xEtiquetas - l.Medir("Fecha de Vto. de CAE:", etiqueta) - 16 - x;
        var yr = l.Texto("Comprobante Autorizado", Fuente(11, negrita: true, cursiva: true), x, y + 16) + 4;
        var leyenda = Fuente(7.5);
        foreach (var renglon in l.Partir("Verificá este comprobante escaneando el código QR (RG 4892/2020).", leyenda, anchoLeyenda))
            yr = l.Texto(renglon, leyenda, x, yr);
    }
}
