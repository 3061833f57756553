using BlendPos.Domain.Facturacion;
using BlendPos.Web.Features.Facturacion.Documentos;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;
using static BlendPos.Web.Infrastructure.Pdf.LienzoPdf;

namespace BlendPos.Web.Infrastructure.Pdf;

/// <summary>
/// The A4 fiscal document (AFIP.md "What the printed Factura B/C shows") with PDFsharp: header and receptor, the line
/// table (continued on more pages when long, the header row repeated), then totals and the authorization with the
/// RG 4892 QR on the last page. Pure: the document comes resolved; nothing here reads the database.
/// </summary>
public sealed class FacturaPdf : IFacturaPdf
{
    private readonly DocumentosOptions _options;

    public FacturaPdf(DocumentosOptions options)
    {
        _options = options;
        FuentesPdf.Instalar(); // fails at start-up, with the package to install, rather than at the first invoice
    }

    /// <summary>The URL the QR encodes (null without a CAE): the configured base + <c>?p=</c> + the RG 4892 JSON.</summary>
    public string? UrlQr(FacturaDocumento d) => DatosQr(d) is { } datos ? QrAfip.Url(_options.QrUrl, datos) : null;

    /// <summary>What the QR of <paramref name="d"/> carries; null when it has no CAE (no QR is printed).</summary>
    public static DatosQrAfip? DatosQr(FacturaDocumento d)
    {
        if (string.IsNullOrEmpty(d.Cae)) return null;
        var cuit = Cuit.Normalize(d.Emisor.Cuit)
            ?? throw new InvalidOperationException("A document with a CAE needs the issuer's 11-digit CUIT for its QR.");
        return new DatosQrAfip(d.Fecha, long.Parse(cuit, System.Globalization.CultureInfo.InvariantCulture),
            d.PuntoDeVenta, d.Tipo.CbteTipo(), d.Numero, d.MontoTotal, d.Receptor.DocTipo, d.Receptor.DocNro, d.Cae);
    }

    public byte[] Render(FacturaDocumento documento)
    {
        ArgumentNullException.ThrowIfNull(documento);
        var qr = UrlQr(documento) is { } url ? QrPng(url) : null;

        using var pdf = new PdfDocument();
        pdf.Info.Title = TextosFactura.Comprobante(documento);
        pdf.Info.Author = documento.Emisor.RazonSocial ?? documento.Emisor.NombreFantasia;
        pdf.Info.Creator = "BlendPOS";

        var paginas = new List<PdfPage>();
        var lienzo = NuevaPagina(pdf, paginas);
        try
        {
            var detalle = new DetalleFactura(lienzo, documento);
            var y = detalle.DibujarCabecera(lienzo, EncabezadoFactura.Dibujar(lienzo, documento));
            foreach (var linea in documento.Lineas)
            {
                var renglones = detalle.Renglones(lienzo, linea);
                if (y + detalle.AltoFila(renglones.Count) > lienzo.Abajo - PieFactura.Numeracion)
                {
                    lienzo.Dispose();
                    lienzo = NuevaPagina(pdf, paginas);
                    y = detalle.DibujarCabecera(lienzo, EncabezadoFactura.DibujarContinuacion(lienzo, documento));
                }
                y = detalle.DibujarFila(lienzo, linea, renglones, y);
            }
            if (y + 8 > lienzo.Abajo - PieFactura.Alto(documento))
            {
                // The totals and the CAE stay together at the foot of the last page.
                lienzo.Dispose();
                lienzo = NuevaPagina(pdf, paginas);
                EncabezadoFactura.DibujarContinuacion(lienzo, documento);
            }
            PieFactura.Dibujar(lienzo, documento, qr);
        }
        finally
        {
            lienzo.Dispose();
        }
        Numerar(paginas);

        using var salida = new MemoryStream();
        pdf.Save(salida, closeStream: false);
        return salida.ToArray();
    }

    private static LienzoPdf NuevaPagina(PdfDocument pdf, List<PdfPage> paginas)
    {
        var pagina = pdf.AddPage();
        pagina.Size = PdfSharp.PageSize.A4;
        paginas.Add(pagina);
        return new LienzoPdf(XGraphics.FromPdfPage(pagina));
    }

    /// <summary>«Página 1 de 2» at the foot of each page, once the count is known.</summary>
    private static void Numerar(List<PdfPage> paginas)
    {
        for (var i = 0; i < paginas.Count; i++)
        {
            using var l = new LienzoPdf(XGraphics.FromPdfPage(paginas[i], XGraphicsPdfPageOptions.Append));
            l.TextoDerecha($"Página {i + 1} de {paginas.Count}", Fuente(7.5), l.Derecha, l.Abajo - PieFactura.Numeracion + 4);
        }
    }

    /// <summary>
    /// The QR as a PNG with explicit 8-bit colours: QRCoder's default is a 1-bit PNG that PDFsharp refuses
    /// (PLATFORM-NOTES). Error correction M, as AFIP's samples use; the quiet zone is part of the image.
    /// </summary>
    private static byte[] QrPng(string url)
    {
        using var generador = new QRCodeGenerator();
        using var datos = generador.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(datos).GetGraphic(8, [0, 0, 0], [255, 255, 255], drawQuietZones: true);
    }
}
