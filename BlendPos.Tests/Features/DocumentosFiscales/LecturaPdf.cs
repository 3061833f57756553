using System.Diagnostics;
using System.Text;
using BlendPos.Tests.Infrastructure;
using UglyToad.PdfPig;
using ZXing;
using ZXing.Common;

namespace BlendPos.Tests.Features.DocumentosFiscales;

/// <summary>Reads a rendered PDF back: its words (PdfPig), a page as PNG and the QR decoded from the page's pixels (pdftoppm + ZXing).</summary>
public static class LecturaPdf
{
    /// <summary>Each page's words joined by single spaces («$ 2.972,50», «A CONSUMIDOR FINAL»).</summary>
    public static IReadOnlyList<string> Paginas(byte[] pdf)
    {
        using var documento = PdfDocument.Open(pdf);
        return documento.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
    }

    public static string Texto(byte[] pdf) => string.Join("\n", Paginas(pdf));

    /// <summary>Page <paramref name="pagina"/> as PNG under .data/screenshots/ (to look at); returns the path.</summary>
    public static async Task<string> GuardarPngAsync(byte[] pdf, string nombre, int pagina = 1)
    {
        var dir = Path.Combine(TestServers.RepoRoot, ".data", "screenshots");
        Directory.CreateDirectory(dir);
        var prefijo = Path.Combine(dir, nombre);
        await PdftoppmAsync(pdf, $"-r 110 -png -singlefile -f {pagina} -l {pagina}", prefijo);
        return prefijo + ".png";
    }

    /// <summary>The text of the QR found on page 1, read from its pixels at 200 dpi; null when there is none.</summary>
    public static async Task<string?> QrAsync(byte[] pdf)
    {
        var prefijo = Path.Combine(Path.GetTempPath(), "blendpos-qr-" + Guid.NewGuid().ToString("N"));
        try
        {
            await PdftoppmAsync(pdf, "-r 200 -gray -singlefile -f 1 -l 1", prefijo);
            var (ancho, alto, pixeles) = LeerPgm(await File.ReadAllBytesAsync(prefijo + ".pgm"));
            var fuente = new RGBLuminanceSource(pixeles, ancho, alto, RGBLuminanceSource.BitmapFormat.Gray8);
            var lector = new ZXing.QrCode.QRCodeReader();
            var resultado = lector.decode(new BinaryBitmap(new HybridBinarizer(fuente)),
                new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true });
            return resultado?.Text;
        }
        finally
        {
            File.Delete(prefijo + ".pgm");
        }
    }

    private static async Task PdftoppmAsync(byte[] pdf, string opciones, string prefijo)
    {
        var entrada = Path.Combine(Path.GetTempPath(), "blendpos-" + Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(entrada, pdf);
        try
        {
            var inicio = new ProcessStartInfo("pdftoppm", $"{opciones} \"{entrada}\" \"{prefijo}\"")
            {
                RedirectStandardError = true, UseShellExecute = false,
            };
            using var proceso = Process.Start(inicio)
                ?? throw new InvalidOperationException("pdftoppm did not start (Debian package poppler-utils; ./blendpos test installs it).");
            var error = proceso.StandardError.ReadToEndAsync();
            await proceso.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            if (proceso.ExitCode != 0) throw new InvalidOperationException($"pdftoppm failed ({proceso.ExitCode}): {await error}");
        }
        finally
        {
            File.Delete(entrada);
        }
    }

    /// <summary>A binary PGM (P5, 8-bit): header «P5 width height 255» then one byte per pixel.</summary>
    private static (int Ancho, int Alto, byte[] Pixeles) LeerPgm(byte[] pgm)
    {
        var campos = new List<string>();
        var i = 0;
        while (campos.Count < 4)
        {
            while (char.IsWhiteSpace((char)pgm[i])) i++;
            var inicio = i;
            while (!char.IsWhiteSpace((char)pgm[i])) i++;
            campos.Add(Encoding.ASCII.GetString(pgm, inicio, i - inicio));
        }
        i++; // the single whitespace after maxval
        if (campos[0] != "P5" || campos[3] != "255") throw new InvalidDataException("Not an 8-bit binary PGM: " + string.Join(" ", campos));
        int ancho = int.Parse(campos[1]), alto = int.Parse(campos[2]);
        return (ancho, alto, pgm[i..(i + ancho * alto)]);
    }
}
