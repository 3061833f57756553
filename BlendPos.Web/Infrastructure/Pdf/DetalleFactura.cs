using BlendPos.Domain.Facturacion;
using BlendPos.Web.Features.Facturacion.Documentos;
using PdfSharp.Drawing;
using static BlendPos.Web.Infrastructure.Pdf.LienzoPdf;

namespace BlendPos.Web.Infrastructure.Pdf;

/// <summary>
/// The line table: description (wrapped), quantity, unit price, the VAT rate on an «A» (where VAT is itemised) and the
/// line amount. Rows are measured before drawing so the page breaks between rows, never inside one.
/// </summary>
internal sealed class DetalleFactura
{
    private const double Relleno = 3;
    private static readonly XFont Cabecera = Fuente(8, negrita: true);
    private static readonly XFont Celda = Fuente(8.5);

    private readonly List<(string Titulo, double Ancho, bool Derecha)> _columnas;

    public DetalleFactura(LienzoPdf l, FacturaDocumento d)
    {
        var conIva = d.Tipo.Letra() == 'A';
        var fijas = new List<(string, double, bool)> { ("Cantidad", 54, true), ("Precio unit.", 82, true) };
        if (conIva) fijas.Add(("IVA", 44, true));
        fijas.Add(("Importe", 86, true));
        var descripcion = l.Derecha - l.Izquierda - fijas.Sum(c => c.Item2);
        _columnas = [("Descripción", descripcion, false), .. fijas];
        ConIva = conIva;
    }

    public bool ConIva { get; }

    public double AltoCabecera => Renglon(Cabecera) + 2 * Relleno;

    public double DibujarCabecera(LienzoPdf l, double y)
    {
        var x = l.Izquierda;
        l.Recuadro(x, y, l.Derecha - l.Izquierda, AltoCabecera, Gris);
        foreach (var (titulo, ancho, derecha) in _columnas)
        {
            if (derecha) l.TextoDerecha(titulo, Cabecera, x + ancho - Relleno - 2, y + Relleno);
            else l.Texto(titulo, Cabecera, x + Relleno + 2, y + Relleno);
            x += ancho;
        }
        return y + AltoCabecera;
    }

    /// <summary>The description's lines at its column width.</summary>
    public List<string> Renglones(LienzoPdf l, LineaDocumento linea) =>
        l.Partir(linea.Descripcion, Celda, _columnas[0].Ancho - 2 * Relleno - 4) is { Count: > 0 } r ? r : [""];

    public double AltoFila(int renglones) => renglones * Renglon(Celda) + 2 * Relleno;

    public double DibujarFila(LienzoPdf l, LineaDocumento linea, List<string> renglones, double y)
    {
        var x = l.Izquierda;
        var arriba = y + Relleno;
        var yTexto = arriba;
        foreach (var renglon in renglones) yTexto = l.Texto(renglon, Celda, x + Relleno + 2, yTexto);
        x += _columnas[0].Ancho;

        var valores = new List<string> { TextosFactura.Cantidad(linea.Cantidad), TextosFactura.Dinero(linea.PrecioUnitario) };
        if (ConIva) valores.Add(TextosFactura.Alicuota(linea.AlicuotaIva));
        valores.Add(TextosFactura.Dinero(linea.Importe));
        for (var i = 0; i < valores.Count; i++)
        {
            var ancho = _columnas[i + 1].Ancho;
            l.TextoDerecha(valores[i], Celda, x + ancho - Relleno - 2, arriba);
            x += ancho;
        }
        var abajo = y + AltoFila(renglones.Count);
        l.G.DrawLine(LineaFina, l.Izquierda, abajo, l.Derecha, abajo);
        return abajo;
    }
}
