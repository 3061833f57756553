using PdfSharp.Drawing;

namespace BlendPos.Web.Infrastructure.Pdf;

/// <summary>
/// A page being drawn, in points from the top-left corner (A4 = 595 × 842), with the few text operations the invoice
/// needs: a line at a position, right-aligned, centred, «Etiqueta: valor», and word wrap to a width.
/// </summary>
internal sealed class LienzoPdf(XGraphics g) : IDisposable
{
    public const double Margen = 28;

    public XGraphics G { get; } = g;
    public double Ancho => G.PageSize.Width;
    public double Alto => G.PageSize.Height;
    public double Izquierda => Margen;
    public double Derecha => Ancho - Margen;
    public double Abajo => Alto - Margen;

    public static XFont Fuente(double tamaño, bool negrita = false, bool cursiva = false) =>
        new(FuentesPdf.Familia, tamaño, (negrita, cursiva) switch
        {
            (true, true) => XFontStyleEx.BoldItalic,
            (true, false) => XFontStyleEx.Bold,
            (false, true) => XFontStyleEx.Italic,
            _ => XFontStyleEx.Regular,
        });

    public static readonly XPen Linea = new(XColors.Black, 0.8);
    public static readonly XPen LineaFina = new(XColor.FromGrayScale(0.75), 0.4);
    public static readonly XBrush Gris = new XSolidBrush(XColor.FromGrayScale(0.9));

    /// <summary>Line height for <paramref name="fuente"/> (its size plus leading).</summary>
    public static double Renglon(XFont fuente) => fuente.Size * 1.25;

    public double Medir(string texto, XFont fuente) => G.MeasureString(texto, fuente).Width;

    /// <summary>Draws <paramref name="texto"/> with its top at <paramref name="y"/>; returns the y below it.</summary>
    public double Texto(string texto, XFont fuente, double x, double y)
    {
        G.DrawString(texto, fuente, XBrushes.Black, new XRect(x, y, Math.Max(1, Derecha - x), Renglon(fuente)), XStringFormats.TopLeft);
        return y + Renglon(fuente);
    }

    public double TextoDerecha(string texto, XFont fuente, double derecha, double y)
    {
        Texto(texto, fuente, derecha - Medir(texto, fuente), y);
        return y + Renglon(fuente);
    }

    public double TextoCentrado(string texto, XFont fuente, double centro, double y)
    {
        Texto(texto, fuente, centro - Medir(texto, fuente) / 2, y);
        return y + Renglon(fuente);
    }

    /// <summary>
    /// «Etiqueta: valor» with the label in bold, the value wrapped to <paramref name="ancho"/> (continuation lines
    /// indented under the value); returns the y below it.
    /// </summary>
    public double Etiqueta(string etiqueta, string valor, double x, double y, double ancho, double tamaño = 8.5)
    {
        var negrita = Fuente(tamaño, negrita: true);
        var normal = Fuente(tamaño);
        var etiquetaTexto = etiqueta + " ";
        var sangria = Medir(etiquetaTexto, negrita);
        Texto(etiquetaTexto, negrita, x, y);
        var renglones = Partir(valor, normal, Math.Max(ancho - sangria, 40));
        foreach (var renglon in renglones)
            y = Texto(renglon, normal, x + sangria, y);
        return renglones.Count == 0 ? y + Renglon(normal) : y;
    }

    /// <summary>Word wrap to <paramref name="ancho"/>; a word wider than the line is cut by characters.</summary>
    public List<string> Partir(string texto, XFont fuente, double ancho)
    {
        var renglones = new List<string>();
        foreach (var parrafo in texto.Replace("\r", "").Split('\n'))
        {
            var actual = "";
            foreach (var palabra in parrafo.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidato = actual.Length == 0 ? palabra : actual + " " + palabra;
                if (Medir(candidato, fuente) <= ancho)
                {
                    actual = candidato;
                    continue;
                }
                if (actual.Length > 0) renglones.Add(actual);
                actual = palabra;
                while (Medir(actual, fuente) > ancho && actual.Length > 1)
                {
                    var corte = actual.Length - 1;
                    while (corte > 1 && Medir(actual[..corte], fuente) > ancho) corte--;
                    renglones.Add(actual[..corte]);
                    actual = actual[corte..];
                }
            }
            if (actual.Length > 0) renglones.Add(actual);
        }
        return renglones;
    }

    public void Recuadro(double x, double y, double ancho, double alto, XBrush? relleno = null)
    {
        if (relleno is not null) G.DrawRectangle(relleno, x, y, ancho, alto);
        G.DrawRectangle(Linea, x, y, ancho, alto);
    }

    public void Dispose() => G.Dispose();
}
