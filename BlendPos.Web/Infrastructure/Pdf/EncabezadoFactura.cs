using BlendPos.Domain.Facturacion;
using BlendPos.Web.Features.Facturacion.Documentos;
using PdfSharp.Drawing;
using static BlendPos.Web.Infrastructure.Pdf.LienzoPdf;

namespace BlendPos.Web.Infrastructure.Pdf;

/// <summary>
/// The top of the first page, laid out like every Argentine electronic invoice: «ORIGINAL», the issuer on the left, the
/// letter in a box with its AFIP code in the middle, the document's name, number and dates on the right, then the
/// receptor (and, for a nota de crédito, the invoice it cancels).
/// </summary>
internal static class EncabezadoFactura
{
    private const double AltoOriginal = 20;
    private const double AltoEmisor = 112;
    private const double LadoLetra = 46;

    /// <summary>Draws the header and the receptor block; returns the y below them.</summary>
    public static double Dibujar(LienzoPdf l, FacturaDocumento d)
    {
        var y = Margen;
        var centro = (l.Izquierda + l.Derecha) / 2;
        l.Recuadro(l.Izquierda, y, l.Derecha - l.Izquierda, AltoOriginal);
        l.TextoCentrado("ORIGINAL", Fuente(11, negrita: true), centro, y + 4);
        y += AltoOriginal;

        l.Recuadro(l.Izquierda, y, l.Derecha - l.Izquierda, AltoEmisor);
        Letra(l, d, centro, y);
        Emisor(l, d, y, centro - LadoLetra / 2 - 10);
        Comprobante(l, d, y, centro + LadoLetra / 2 + 12);
        y += AltoEmisor + 6;

        return Receptor(l, d, y);
    }

    /// <summary>The one-line header of a continuation page; returns the y below it.</summary>
    public static double DibujarContinuacion(LienzoPdf l, FacturaDocumento d)
    {
        var y = Margen;
        l.Texto($"{TextosFactura.Comprobante(d)} — {d.Emisor.RazonSocial ?? d.Emisor.NombreFantasia} (continuación)",
            Fuente(9, negrita: true), l.Izquierda, y);
        y += 16;
        l.G.DrawLine(Linea, l.Izquierda, y, l.Derecha, y);
        return y + 8;
    }

    private static void Letra(LienzoPdf l, FacturaDocumento d, double centro, double y)
    {
        var x = centro - LadoLetra / 2;
        var alto = LadoLetra + 6;
        l.Recuadro(x, y, LadoLetra, alto, XBrushes.White);
        l.TextoCentrado(d.Tipo.Letra().ToString(), Fuente(30, negrita: true), centro, y + 3);
        l.TextoCentrado("COD. " + d.Tipo.Codigo(), Fuente(7, negrita: true), centro, y + alto - 12);
        // The divider runs from under the letter box to the bottom, splitting issuer and document.
        l.G.DrawLine(Linea, centro, y + alto, centro, y + AltoEmisor);
    }

    private static void Emisor(LienzoPdf l, FacturaDocumento d, double y, double derecha)
    {
        var e = d.Emisor;
        var x = l.Izquierda + 8;
        var ancho = derecha - x;
        var titulo = Fuente(14, negrita: true);
        y += 8;
        foreach (var renglon in l.Partir(e.NombreFantasia, titulo, ancho).Take(2))
            y = l.Texto(renglon, titulo, x, y);
        y += 6;
        if (!string.IsNullOrWhiteSpace(e.RazonSocial)) y = l.Etiqueta("Razón Social:", e.RazonSocial, x, y, ancho);
        y = l.Etiqueta("Domicilio Comercial:", e.Domicilio ?? "—", x, y, ancho);
        l.Etiqueta("Condición frente al IVA:", e.CondicionIva ?? "—", x, y, ancho);
    }

    private static void Comprobante(LienzoPdf l, FacturaDocumento d, double y, double x)
    {
        var ancho = l.Derecha - 8 - x;
        var e = d.Emisor;
        y += 8;
        y = l.Texto(d.Tipo.Titulo(), Fuente(17, negrita: true), x, y) + 4;
        var numero = Fuente(9.5, negrita: true);
        var pv = $"Punto de Venta: {d.PuntoDeVenta:D5}";
        l.Texto(pv, numero, x, y);
        y = l.Texto($"Comp. Nro: {d.Numero:D8}", numero, x + l.Medir(pv, numero) + 14, y);
        y = l.Etiqueta("Fecha de Emisión:", TextosFactura.Fecha(d.Fecha), x, y + 2, ancho, 9.5) + 6;
        y = l.Etiqueta("CUIT:", TextosFactura.Cuit(e.Cuit), x, y, ancho);
        y = l.Etiqueta("Ingresos Brutos:", string.IsNullOrWhiteSpace(e.IngresosBrutos) ? TextosFactura.NoContribuyente : e.IngresosBrutos, x, y, ancho);
        l.Etiqueta("Fecha de Inicio de Actividades:", TextosFactura.Fecha(e.InicioActividades), x, y, ancho);
    }

    private static double Receptor(LienzoPdf l, FacturaDocumento d, double arriba)
    {
        var r = d.Receptor;
        var centro = (l.Izquierda + l.Derecha) / 2;
        var x = l.Izquierda + 8;
        var xDerecha = centro + 8;
        var anchoIzq = centro - 8 - x;
        var anchoDer = l.Derecha - 8 - xDerecha;
        var y = arriba + 7;
        var yDer = y;

        if (TextosFactura.DocumentoReceptor(r) is { } documento)
        {
            var partes = documento.Split(": ", 2);
            y = l.Etiqueta(partes[0] + ":", partes[1], x, y, anchoIzq);
            y = l.Etiqueta("Apellido y Nombre / Razón Social:", r.Nombre ?? "—", x, y, anchoIzq);
            if (!string.IsNullOrWhiteSpace(r.Domicilio)) y = l.Etiqueta("Domicilio:", r.Domicilio, x, y, anchoIzq);
        }
        else
        {
            y = l.Texto(TextosFactura.ConsumidorFinal, Fuente(10, negrita: true), x, y);
            if (!string.IsNullOrWhiteSpace(r.Nombre)) y = l.Etiqueta("Nombre:", r.Nombre, x, y, anchoIzq);
        }
        yDer = l.Etiqueta("Condición frente al IVA:", r.CondicionIva, xDerecha, yDer, anchoDer);
        // A kiosk is paid at the till: every sale it invoices was collected on the spot.
        yDer = l.Etiqueta("Condición de venta:", "Contado", xDerecha, yDer, anchoDer);
        y = Math.Max(y, yDer);
        if (d.Tipo.EsNotaDeCredito())
            y = l.Etiqueta("Comprobante asociado:", d.ComprobanteAsociado ?? "—", x, y + 2, l.Derecha - 8 - x);

        var abajo = y + 5;
        l.Recuadro(l.Izquierda, arriba, l.Derecha - l.Izquierda, abajo - arriba);
        return abajo + 6;
    }
}
