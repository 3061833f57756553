using System.Text;
using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Proveedores;

namespace BlendPos.Tests.Domain;

/// <summary>Reading a supplier's price list (ListaDePreciosCsv) and the rules of each row (FilaDeLista).</summary>
public sealed class ListaDePreciosTests
{
    // Valid EAN-13 codes (check digit computed by Gtin in Codigo()).
    private static readonly string A = Codigo("779000000001");
    private static readonly string B = Codigo("779000000002");

    [Fact]
    public void Semicolons_decimal_commas_thousands_dots_and_a_bom_as_a_spreadsheet_exports_them()
    {
        var bytes = Utf8ConBom(
            "codigo_barras;nombre;categoria;precio_costo;precio_venta\r\n" +
            $"{A};Alfajor Jorgito Dulce de Leche;Golosinas;1.234,50;1.850\r\n" +
            $"{B};Café Dolca 170 g;Almacén;$ 2.000,05;2500,5\r\n");

        var lectura = ListaDePreciosCsv.Leer(bytes);

        Assert.True(lectura.Ok, lectura.Error);
        Assert.Equal(';', lectura.Separador);
        var filas = lectura.Filas.Select(f => FilaDeLista.Validar(f).Fila!).ToList();
        Assert.Equal([2, 3], filas.Select(f => f.Fila));
        Assert.Equal(A, filas[0].CodigoBarras); // the BOM is not part of the first header nor of the first cell
        Assert.Equal(1234.50m, filas[0].PrecioCosto);
        Assert.Equal(1850m, filas[0].PrecioVenta);
        Assert.Equal("Café Dolca 170 g", filas[1].Nombre);
        Assert.Equal(2000.05m, filas[1].PrecioCosto);
        Assert.Equal(2500.50m, filas[1].PrecioVenta);
    }

    [Fact]
    public void Commas_with_decimal_points_and_quoted_fields_holding_the_separator()
    {
        var lectura = ListaDePreciosCsv.Leer(Utf8(
            "codigo_barras,nombre,categoria,precio_costo,precio_venta\n" +
            $"{A},\"Galletitas Oreo, pack x 3\",Galletitas,\"1.234,50\",1999.99\n" +
            $"{B},\"Dice \"\"hola\"\"\",Varios,10.5,12\n"));

        Assert.True(lectura.Ok, lectura.Error);
        Assert.Equal(',', lectura.Separador);
        var filas = lectura.Filas.Select(f => FilaDeLista.Validar(f).Fila!).ToList();
        Assert.Equal("Galletitas Oreo, pack x 3", filas[0].Nombre);
        Assert.Equal(1234.50m, filas[0].PrecioCosto);
        Assert.Equal(1999.99m, filas[0].PrecioVenta);
        Assert.Equal("Dice \"hola\"", filas[1].Nombre);
        Assert.Equal(10.5m, filas[1].PrecioCosto);
    }

    [Fact]
    public void Semicolon_file_with_separators_inside_quotes()
    {
        var lectura = ListaDePreciosCsv.Leer(Utf8(
            "nombre;codigo_barras;categoria;precio_venta;precio_costo\n" +
            $"\"Mix; frutos secos\";{A};Snacks;\"1.500,00\";900\n"));

        Assert.True(lectura.Ok, lectura.Error);
        var fila = FilaDeLista.Validar(lectura.Filas.Single()).Fila!;
        Assert.Equal("Mix; frutos secos", fila.Nombre);
        Assert.Equal(1500m, fila.PrecioVenta);
        Assert.Equal(900m, fila.PrecioCosto);
    }

    [Fact]
    public void Columns_in_any_order_case_and_spaces_ignored_extra_columns_ignored()
    {
        var lectura = ListaDePreciosCsv.Leer(Utf8(
            " Precio_Venta ;observaciones;CATEGORIA;nombre;codigo_barras;precio_costo;stock_minimo;unidad_medida\n" +
            $"100;traer el lunes;Bebidas;Agua 500 ml;{A};60;12;botella\n"));

        Assert.True(lectura.Ok, lectura.Error);
        var fila = FilaDeLista.Validar(lectura.Filas.Single()).Fila!;
        Assert.Equal(new FilaValida(2, A, "Agua 500 ml", "Bebidas", 60m, 100m, 12, "botella", null, null), fila);
    }

    [Fact]
    public void Missing_required_columns_are_named_in_the_message()
    {
        var lectura = ListaDePreciosCsv.Leer(Utf8("codigo_barras;nombre;categoria;costo\n" + $"{A};X;Y;1\n"));

        Assert.False(lectura.Ok);
        Assert.StartsWith("Faltan las columnas obligatorias precio_costo, precio_venta.", lectura.Error);
        Assert.Contains("codigo_barras, nombre, categoria, precio_costo, precio_venta", lectura.Error);
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00 }, "no es un CSV de texto")]
    [InlineData(new byte[] { 0x63, 0x6F, 0x64, 0xE9, 0x3B, 0x0A }, "no está en UTF-8")] // "cod\xE9;" in Latin-1
    [InlineData(new byte[0], "vacío")]
    public void Binary_latin1_and_empty_files_are_refused_before_parsing(byte[] bytes, string motivo)
    {
        var lectura = ListaDePreciosCsv.Leer(bytes);
        Assert.False(lectura.Ok);
        Assert.Contains(motivo, lectura.Error);
    }

    [Fact]
    public void Blank_rows_are_skipped_and_row_numbers_stay_those_of_the_file()
    {
        var lectura = ListaDePreciosCsv.Leer(Utf8(
            "codigo_barras;nombre;categoria;precio_costo;precio_venta\n" +
            $"{A};Uno;C;1;2\n" +
            ";;;;\n" +
            "\n" +
            $"{B};Dos;C;1;2\n"));

        Assert.True(lectura.Ok, lectura.Error);
        Assert.Equal([2, 5], lectura.Filas.Select(f => f.Fila));
    }

    [Theory]
    [InlineData("@MALO", "Alfajor", "Golosinas", "10", "20", "", "", "dígito verificador")]
    [InlineData("77,9E+12", "Alfajor", "Golosinas", "10", "20", "", "", "notación científica")]
    [InlineData("12ab", "Alfajor", "Golosinas", "10", "20", "", "", "solo admite dígitos")]
    [InlineData("@A", "", "Golosinas", "10", "20", "", "", "Falta el nombre.")]
    [InlineData("@A", "Alfajor", "", "10", "20", "", "", "Falta la categoría.")]
    [InlineData("@A", "Alfajor", "Golosinas", "", "20", "", "", "Falta precio_costo.")]
    [InlineData("@A", "Alfajor", "Golosinas", "10", "-5", "", "", "precio_venta no puede ser negativo.")]
    [InlineData("@A", "Alfajor", "Golosinas", "10", "1,234", "", "", "precio_venta «1,234» no es un importe")]
    [InlineData("@A", "Alfajor", "Golosinas", "10", "12,345", "", "", "no es un importe")]
    [InlineData("@A", "Alfajor", "Golosinas", "10", "abc", "", "", "no es un importe")]
    [InlineData("@A", "Alfajor", "Golosinas", "10", "100000000", "", "", "precio_venta es demasiado alto.")]
    [InlineData("@A", "Alfajor", "Golosinas", "10", "20", "@B", "", "Indicá unidades_por_padre")]
    [InlineData("@A", "Alfajor", "Golosinas", "10", "20", "", "12", "unidades_por_padre sin padre_codigo_barras")]
    [InlineData("@A", "Alfajor", "Golosinas", "10", "20", "@B", "0", "unidades_por_padre debe estar entre 1 y 100.000.")]
    [InlineData("@A", "Alfajor", "Golosinas", "10", "20", "@B", "2,5", "unidades_por_padre «2,5» debe ser un número entero.")]
    [InlineData("@A", "Alfajor", "Golosinas", "10", "20", "@A", "6", "Un producto no puede ser su propio pack.")]
    public void Row_validation_reasons(string codigo, string nombre, string categoria, string costo, string venta,
        string padre, string unidades, string motivo)
    {
        string Sub(string s) => s.Replace("@MALO", A[..^1] + (char)('0' + (A[^1] - '0' + 1) % 10)).Replace("@A", A).Replace("@B", B);
        var fila = new FilaCsv(7, new Dictionary<string, string?>
        {
            ["codigo_barras"] = Sub(codigo), ["nombre"] = nombre, ["categoria"] = categoria, ["precio_costo"] = costo,
            ["precio_venta"] = venta, ["padre_codigo_barras"] = Sub(padre), ["unidades_por_padre"] = unidades,
        });

        var (valida, error) = FilaDeLista.Validar(fila);

        Assert.Null(valida);
        Assert.Equal(7, error!.Fila);
        Assert.Contains(motivo, error.Motivo);
    }

    [Fact]
    public void Every_reason_of_a_row_is_reported_at_once()
    {
        var fila = new FilaCsv(3, new Dictionary<string, string?>
        {
            ["codigo_barras"] = "", ["nombre"] = "", ["categoria"] = "X", ["precio_costo"] = "1", ["precio_venta"] = "x",
        });
        var motivo = FilaDeLista.Validar(fila).Error!.Motivo;
        Assert.Contains("El código de barras es obligatorio.", motivo);
        Assert.Contains("Falta el nombre.", motivo);
        Assert.Contains("precio_venta «x» no es un importe", motivo);
    }

    [Fact]
    public void Errors_csv_escapes_formulas_and_quotes_separators()
    {
        var csv = ErroresCsv.Escribir([new ResultadoDeFila(4, "123", "=HYPERLINK(\"x\")", TipoDeCambio.Error, null, null, null, null, "Falta; algo")]);
        var lineas = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("fila;codigo_barras;nombre;motivo", lineas[0]);
        Assert.Contains("'=HYPERLINK", lineas[1]);
        Assert.EndsWith("\"Falta; algo\"", lineas[1]);
        // It reads back with the same reader the import uses.
        var relectura = CsvHelper.CsvReader.FromText(csv, null);
        Assert.True(relectura.Read());
        Assert.Equal("Falta; algo", relectura.GetString(3));
    }

    internal static string Codigo(string doce) => doce + Gtin.ComputeCheckDigit(doce);
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
    private static byte[] Utf8ConBom(string text) => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)];
}
