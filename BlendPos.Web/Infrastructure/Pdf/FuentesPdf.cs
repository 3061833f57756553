using PdfSharp.Fonts;

namespace BlendPos.Web.Infrastructure.Pdf;

/// <summary>
/// PDFsharp on Linux finds no fonts by itself: it needs an <see cref="IFontResolver"/>, set once per process before any
/// text is drawn (PLATFORM-NOTES). This one serves Liberation Sans (metric-compatible with Arial), or DejaVu Sans when
/// only that is installed, from the Debian packages <c>fonts-liberation</c> / <c>fonts-dejavu-core</c> that
/// <c>./blendpos</c> installs. Every family name the documents ask for maps to it; they only ask for <see cref="Familia"/>.
/// </summary>
public sealed class FuentesPdf : IFontResolver
{
    public const string Familia = "BlendPOS Sans";

    private static readonly string[] Carpetas = ["/usr/share/fonts", "/usr/local/share/fonts"];

    // Regular, bold, italic, bold italic: the first family with all four files wins.
    private static readonly string[][] Familias =
    [
        ["LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf"],
        ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"],
    ];

    private static readonly Lock InstalarLock = new();
    private static FuentesPdf? _instalada;

    private readonly string[] _archivos;
    private readonly Dictionary<string, byte[]> _cache = [];

    private FuentesPdf(string[] archivos) => _archivos = archivos;

    /// <summary>The font files in use (regular, bold, italic, bold italic).</summary>
    public IReadOnlyList<string> Archivos => _archivos;

    /// <summary>
    /// Sets the resolver for the process on the first call; later calls (another app instance in the same test
    /// process) reuse it, as PDFsharp requires the same instance every time.
    /// </summary>
    /// <exception cref="InvalidOperationException">No usable font is installed; the message says which package to add.</exception>
    public static FuentesPdf Instalar()
    {
        lock (InstalarLock)
        {
            if (_instalada is not null) return _instalada;
            var fuentes = new FuentesPdf(Buscar());
            GlobalFontSettings.FontResolver = fuentes;
            _instalada = fuentes;
            return fuentes;
        }
    }

    private static string[] Buscar()
    {
        var disponibles = Carpetas.Where(Directory.Exists)
            .SelectMany(c => Directory.EnumerateFiles(c, "*.ttf", SearchOption.AllDirectories))
            .GroupBy(Path.GetFileName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key!, g => g.First(), StringComparer.Ordinal);
        foreach (var familia in Familias)
            if (familia.All(disponibles.ContainsKey))
                return familia.Select(f => disponibles[f]).ToArray();
        throw new InvalidOperationException(
            "The invoice PDF needs Liberation Sans or DejaVu Sans and found neither under " + string.Join(" or ", Carpetas) +
            ": install the Debian package fonts-liberation (or fonts-dejavu-core); ./blendpos run installs both.");
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(Cara(bold, italic));

    public byte[]? GetFont(string faceName)
    {
        lock (_cache)
        {
            if (_cache.TryGetValue(faceName, out var bytes)) return bytes;
            var indice = faceName switch { "regular" => 0, "bold" => 1, "italic" => 2, "bolditalic" => 3, _ => -1 };
            if (indice < 0) return null;
            bytes = File.ReadAllBytes(_archivos[indice]);
            _cache[faceName] = bytes;
            return bytes;
        }
    }

    private static string Cara(bool bold, bool italic) => (bold, italic) switch
    {
        (true, true) => "bolditalic",
        (true, false) => "bold",
        (false, true) => "italic",
        _ => "regular",
    };
}
