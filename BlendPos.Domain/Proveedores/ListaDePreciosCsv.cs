using System.Text;
using CsvHelper;

namespace BlendPos.Domain.Proveedores;

/// <summary>One data row of a price list as read: its row number in the file and the cells of the known columns.</summary>
/// <param name="Fila">The line of the file where the row starts, as a spreadsheet numbers it (the header is row 1).</param>
/// <param name="Celdas">Trimmed cell per known column (see <see cref="ListaDePreciosCsv.Columnas"/>); null when the file has
/// no such column, empty when the cell is empty.</param>
public sealed record FilaCsv(int Fila, IReadOnlyDictionary<string, string?> Celdas)
{
    public string? this[string columna] => Celdas.TryGetValue(columna, out var v) ? v : null;
}

/// <summary>What reading a file gave: its rows, or why the file as a whole cannot be read.</summary>
public sealed record LecturaCsv(IReadOnlyList<FilaCsv> Filas, string? Error, char Separador)
{
    public bool Ok => Error is null;
}

/// <summary>
/// Reads a supplier's price list (API.md, «Suppliers and CSV»): a header row with the column names in any order (extra
/// columns ignored), <c>;</c> or <c>,</c> between fields (detected), UTF-8 with or without BOM, fields quoted when they
/// hold the separator. Spreadsheets exported by kiosk owners usually have <c>;</c>, decimal commas and thousands dots;
/// the amounts themselves are read by <see cref="FilaDeLista"/>. CsvHelper does the splitting and unquoting.
/// </summary>
public static class ListaDePreciosCsv
{
    /// <summary>Upload limit: a 50,000-product list is about 5 MB.</summary>
    public const int MaxBytes = 8 * 1024 * 1024;
    public const int MaxFilas = 100_000;

    public const string CodigoBarras = "codigo_barras";
    public const string Nombre = "nombre";
    public const string Categoria = "categoria";
    public const string PrecioCosto = "precio_costo";
    public const string PrecioVenta = "precio_venta";
    public const string StockMinimo = "stock_minimo";
    public const string UnidadMedida = "unidad_medida";
    public const string PadreCodigoBarras = "padre_codigo_barras";
    public const string UnidadesPorPadre = "unidades_por_padre";

    public static readonly IReadOnlyList<string> Obligatorias = [CodigoBarras, Nombre, Categoria, PrecioCosto, PrecioVenta];
    public static readonly IReadOnlyList<string> Opcionales = [StockMinimo, UnidadMedida, PadreCodigoBarras, UnidadesPorPadre];
    public static readonly IReadOnlyList<string> Columnas = [.. Obligatorias, .. Opcionales];

    public static readonly string FormatoEsperado =
        $"La primera fila debe nombrar las columnas: {string.Join(", ", Obligatorias)} " +
        $"(y, si querés, {string.Join(", ", Opcionales)}), separadas por punto y coma o coma.";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// True when <paramref name="contenido"/> looks like text a spreadsheet exported: no NUL byte (binary files, a .xlsx
    /// renamed .csv) and valid UTF-8. Checked before parsing so the user gets a reason, not a page of garbage rows.
    /// </summary>
    public static string? ValidarContenido(ReadOnlySpan<byte> contenido)
    {
        if (contenido.Length == 0) return "El archivo está vacío.";
        if (contenido.Length > MaxBytes) return $"El archivo supera el máximo de {MaxBytes / (1024 * 1024)} MB.";
        // A .xlsx is a zip ("PK\x03\x04"); an old .xls an OLE file: both hold NULs.
        if (contenido.IndexOf((byte)0) >= 0)
            return "El archivo no es un CSV de texto (¿es una planilla .xlsx?). En Excel: Guardar como → «CSV UTF-8 (delimitado por comas)».";
        try
        {
            StrictUtf8.GetCharCount(contenido);
        }
        catch (DecoderFallbackException)
        {
            return "El archivo no está en UTF-8. En Excel: Guardar como → «CSV UTF-8 (delimitado por comas)».";
        }
        return null;
    }

    public static LecturaCsv Leer(byte[] contenido)
    {
        ArgumentNullException.ThrowIfNull(contenido);
        if (ValidarContenido(contenido) is { } invalido) return new LecturaCsv([], invalido, ';');

        var options = new CsvReaderOptions
        {
            // Separator left null: detected among , ; tab | from the first lines (a ; file with decimal commas still
            // detects ; because it appears the same number of times on every line). Refused below unless , or ;.
            TrimWhitespace = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MaxRecordSize = 64 * 1024,
        };
        using var reader = CsvReader.Create(contenido, options);

        IReadOnlyList<string> headers;
        char separador;
        try
        {
            headers = reader.Headers;
            separador = reader.Separator;
        }
        catch (CsvFormatException)
        {
            return new LecturaCsv([], "No se pudo leer la fila de títulos. " + FormatoEsperado, ';');
        }

        var indices = new Dictionary<string, int>();
        foreach (var columna in Columnas)
            if (reader.TryGetFieldIndex(columna, out var i)) indices[columna] = i;
        var faltan = Obligatorias.Where(c => !indices.ContainsKey(c)).ToList();
        if (faltan.Count > 0)
        {
            var que = faltan.Count == 1 ? "Falta la columna obligatoria" : "Faltan las columnas obligatorias";
            return new LecturaCsv([], $"{que} {string.Join(", ", faltan)}. {FormatoEsperado}", separador);
        }
        if (separador is not (';' or ','))
            return new LecturaCsv([], "Separá las columnas con punto y coma (;) o coma (,). " + FormatoEsperado, separador);

        var filas = new List<FilaCsv>();
        try
        {
            while (reader.Read())
            {
                if (filas.Count == MaxFilas)
                    return new LecturaCsv([], $"El archivo tiene más de {MaxFilas:N0} filas: dividilo en partes.".Replace(',', '.'), separador);
                var celdas = new Dictionary<string, string?>(indices.Count);
                var vacia = true;
                foreach (var (columna, i) in indices)
                {
                    var valor = i < reader.FieldCount ? reader.GetString(i).Trim() : "";
                    if (valor.Length > 0) vacia = false;
                    celdas[columna] = valor;
                }
                // A row of only separators (";;;;") is what a spreadsheet exports for a blank line.
                if (vacia) continue;
                filas.Add(new FilaCsv((int)reader.LineNumber, celdas));
            }
        }
        catch (CsvFormatException e)
        {
            return new LecturaCsv([], $"El archivo está mal formado cerca de la fila {reader.LineNumber}: {e.Message}", separador);
        }
        return new LecturaCsv(filas, null, separador);
    }
}
