using System.Globalization;
using BlendPos.Domain.Catalogo;
using static BlendPos.Domain.Proveedores.ListaDePreciosCsv;

namespace BlendPos.Domain.Proveedores;

/// <summary>A row whose fields are all valid. Optional cells left empty are null: the product keeps what it has.</summary>
public sealed record FilaValida(
    int Fila, string CodigoBarras, string Nombre, string Categoria, decimal PrecioCosto, decimal PrecioVenta,
    int? StockMinimo, string? UnidadMedida, string? PadreCodigoBarras, int? UnidadesPorPadre);

/// <summary>A row that will not be applied, with its row number and the reason in Spanish.</summary>
public sealed record ErrorDeFila(int Fila, string Motivo);

/// <summary>
/// The rules of one price-list row, the same as the product form's (<c>ProductoValidation</c>): GS1 barcode, name and
/// category present and short enough, prices that are amounts of at most 2 decimals within numeric(10,2), a
/// non-negative whole minimum, a pack link that names another product with a positive number of units. Amounts are
/// read by <see cref="Money.TryParse"/>: <c>1.234,50</c>, <c>1234,50</c>, <c>1234.50</c>, <c>$ 1.234,50</c>.
/// </summary>
public static class FilaDeLista
{
    public const decimal MaxPrecio = 99_999_999.99m; // numeric(10,2)
    public const int MaxNombre = 200;
    public const int MaxCategoria = 80;
    public const int MaxUnidad = 20;
    public const int MaxStockMinimo = 1_000_000;
    public const int MaxUnidadesPorPadre = 100_000;

    /// <summary>Validates a row; every reason found is joined into one message, so the user fixes the row at once.</summary>
    public static (FilaValida? Fila, ErrorDeFila? Error) Validar(FilaCsv fila)
    {
        ArgumentNullException.ThrowIfNull(fila);
        var motivos = new List<string>();

        var codigo = fila[CodigoBarras] ?? "";
        if (PareceNotacionCientifica(codigo))
            motivos.Add($"El código de barras «{codigo}» quedó en notación científica: en la planilla, poné la columna {CodigoBarras} como texto.");
        else if (Gtin.Validate(codigo) is { } errorCodigo)
            motivos.Add(codigo.Length == 0 ? errorCodigo : $"{errorCodigo} («{codigo}»)");

        var nombre = fila[Nombre] ?? "";
        if (nombre.Length == 0) motivos.Add("Falta el nombre.");
        else if (nombre.Length > MaxNombre) motivos.Add($"El nombre admite hasta {MaxNombre} caracteres.");

        var categoria = fila[Categoria] ?? "";
        if (categoria.Length == 0) motivos.Add("Falta la categoría.");
        else if (categoria.Length > MaxCategoria) motivos.Add($"La categoría admite hasta {MaxCategoria} caracteres.");

        var costo = Importe(fila[PrecioCosto], "precio_costo", motivos);
        var venta = Importe(fila[PrecioVenta], "precio_venta", motivos);

        int? minimo = null;
        if (fila[StockMinimo] is { Length: > 0 } textoMinimo)
            minimo = Entero(textoMinimo, "stock_minimo", 0, MaxStockMinimo, motivos);

        var unidad = fila[UnidadMedida] is { Length: > 0 } u ? u : null;
        if (unidad is { Length: > MaxUnidad }) motivos.Add($"La unidad de medida admite hasta {MaxUnidad} caracteres.");

        var padre = fila[PadreCodigoBarras] is { Length: > 0 } p ? p : null;
        int? unidades = null;
        if (fila[UnidadesPorPadre] is { Length: > 0 } textoUnidades)
            unidades = Entero(textoUnidades, "unidades_por_padre", 1, MaxUnidadesPorPadre, motivos);
        if (padre is not null)
        {
            if (Gtin.Validate(padre) is { } errorPadre) motivos.Add($"padre_codigo_barras: {errorPadre} («{padre}»)");
            else if (padre == codigo) motivos.Add(PackGraph.MensajePropioPack);
            if (fila[UnidadesPorPadre] is null or "") motivos.Add("Indicá unidades_por_padre: cuántas unidades de este producto trae el pack.");
        }
        else if (fila[UnidadesPorPadre] is { Length: > 0 })
        {
            motivos.Add("unidades_por_padre sin padre_codigo_barras: indicá el código del pack que las contiene.");
        }

        if (motivos.Count > 0) return (null, new ErrorDeFila(fila.Fila, string.Join(" ", motivos)));
        return (new FilaValida(fila.Fila, codigo, nombre, categoria, costo!.Value, venta!.Value, minimo, unidad, padre, unidades), null);
    }

    private static decimal? Importe(string? texto, string columna, List<string> motivos)
    {
        if (string.IsNullOrEmpty(texto))
        {
            motivos.Add($"Falta {columna}.");
            return null;
        }
        if (!Money.TryParse(texto, out var valor, allowNegative: true))
        {
            motivos.Add($"{columna} «{texto}» no es un importe (ejemplos: 1234,50 o 1.234,50).");
            return null;
        }
        if (valor < 0) { motivos.Add($"{columna} no puede ser negativo."); return null; }
        if (valor > MaxPrecio) { motivos.Add($"{columna} es demasiado alto."); return null; }
        return valor;
    }

    private static int? Entero(string texto, string columna, int min, int max, List<string> motivos)
    {
        // Through Money.TryParse so "1.000" (thousands dot) reads 1000, as the spreadsheet showed it.
        if (!Money.TryParse(texto, out var valor, allowNegative: true) || valor != decimal.Truncate(valor))
        {
            motivos.Add($"{columna} «{texto}» debe ser un número entero.");
            return null;
        }
        if (valor < min || valor > max)
        {
            motivos.Add($"{columna} debe estar entre {min.ToString("N0", EsAr)} y {max.ToString("N0", EsAr)}.");
            return null;
        }
        return (int)valor;
    }

    private static readonly CultureInfo EsAr = CultureInfo.GetCultureInfo("es-AR");

    /// <summary>"7,79123E+12": what Excel shows for a long barcode in a number column, and what it then exports.</summary>
    private static bool PareceNotacionCientifica(string texto) =>
        texto.Length > 0 && char.IsAsciiDigit(texto[0]) && texto.Contains("E+", StringComparison.OrdinalIgnoreCase);
}
