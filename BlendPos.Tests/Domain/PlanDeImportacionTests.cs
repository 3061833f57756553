using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Proveedores;

namespace BlendPos.Tests.Domain;

/// <summary>PlanDeImportacion: what each row of a price list does to the catalog, before anything is written.</summary>
public sealed class PlanDeImportacionTests
{
    private static readonly Guid Proveedor = Guid.NewGuid();
    private static readonly string Unidad = ListaDePreciosTests.Codigo("779100000001");
    private static readonly string Caja = ListaDePreciosTests.Codigo("779100000002");
    private static readonly string Pallet = ListaDePreciosTests.Codigo("779100000003");
    private static readonly string Otro = ListaDePreciosTests.Codigo("779100000004");

    private static FilaCsv Fila(int n, string codigo, string venta, string costo = "100", string nombre = "Producto",
        string? padre = null, string? unidades = null, string? minimo = null) =>
        new(n, new Dictionary<string, string?>
        {
            ["codigo_barras"] = codigo, ["nombre"] = nombre, ["categoria"] = "Golosinas", ["precio_costo"] = costo,
            ["precio_venta"] = venta, ["padre_codigo_barras"] = padre ?? "", ["unidades_por_padre"] = unidades ?? "",
            ["stock_minimo"] = minimo ?? "",
        });

    private static ProductoActual Existente(string codigo, decimal venta, decimal costo = 100m, string nombre = "Producto",
        int stock = 40, Guid? proveedor = null) =>
        new(Guid.NewGuid(), codigo, nombre, "Golosinas", costo, venta, stock, 7, "unidad", proveedor ?? Proveedor, true);

    private static PlanDeImportacion Armar(IReadOnlyList<FilaCsv> filas, IEnumerable<ProductoActual>? existentes = null,
        IReadOnlyList<PackLink>? vinculos = null) =>
        PlanDeImportacion.Armar(filas, Proveedor, (existentes ?? []).ToDictionary(p => p.CodigoBarras), vinculos ?? [], Guid.NewGuid);

    [Fact]
    public void New_product_price_change_with_percentage_unchanged_and_error()
    {
        var plan = Armar(
            [Fila(2, Unidad, "150"), Fila(3, Caja, "1.100"), Fila(4, Pallet, "500"), Fila(5, "123", "1")],
            [Existente(Caja, 1000m), Existente(Pallet, 500m)]);

        Assert.Equal(4, plan.Total);
        Assert.Equal(3, plan.Ok);
        Assert.Equal([TipoDeCambio.Nuevo, TipoDeCambio.CambioDePrecio, TipoDeCambio.SinCambios, TipoDeCambio.Error],
            plan.Filas.Select(f => f.Tipo));
        var cambio = plan.Filas[1];
        Assert.Equal((1000m, 1100m, 10.00m), (cambio.PrecioVentaAnterior!.Value, cambio.PrecioVenta!.Value, cambio.VariacionPct!.Value));
        Assert.Equal(new ErrorDeFila(5, "El código de barras debe tener entre 4 y 14 dígitos. («123»)"), plan.Errores.Single());
        // Unchanged rows are not written (their version would move and every terminal would download them again).
        Assert.Equal([Unidad, Caja], plan.Productos.Select(p => p.CodigoBarras));
        Assert.True(plan.Productos[0] is { Nuevo: true, CambiaPrecio: true, StockMinimo: 5, UnidadMedida: "unidad" });
    }

    [Fact]
    public void Empty_optional_cells_keep_the_catalog_values_and_a_new_supplier_counts_as_a_change()
    {
        var otroProveedor = Existente(Unidad, 150m, proveedor: Guid.NewGuid());
        var plan = Armar([Fila(2, Unidad, "150")], [otroProveedor]);

        Assert.Equal(TipoDeCambio.Actualizado, plan.Filas.Single().Tipo);
        var escrito = plan.Productos.Single();
        Assert.Equal((otroProveedor.Id, 7, "unidad", false), (escrito.Id, escrito.StockMinimo, escrito.UnidadMedida, escrito.CambiaPrecio));
    }

    [Fact]
    public void A_barcode_repeated_in_the_file_is_refused_on_its_second_row()
    {
        var plan = Armar([Fila(2, Unidad, "10"), Fila(9, Unidad, "12")]);
        Assert.Equal("El código " + Unidad + " ya aparece en la fila 2.", plan.Errores.Single().Motivo);
        Assert.Equal(9, plan.Errores.Single().Fila);
    }

    [Fact]
    public void Pack_parent_may_come_later_in_the_file()
    {
        var plan = Armar([Fila(2, Unidad, "100", padre: Caja, unidades: "12"), Fila(3, Caja, "1100")]);

        Assert.Equal(2, plan.Ok);
        Assert.Equal(new VinculoAEscribir(Caja, Unidad, 12), plan.Vinculos.Single());
    }

    [Fact]
    public void Pack_parent_missing_or_refused_makes_the_child_row_an_error()
    {
        var plan = Armar([Fila(2, Unidad, "100", padre: Caja, unidades: "12"), Fila(3, Otro, "5", padre: Pallet, unidades: "2"),
            Fila(4, Caja, "-1")]);

        Assert.Equal(0, plan.Ok);
        var motivos = plan.Errores.ToDictionary(e => e.Fila, e => e.Motivo);
        Assert.Contains("no se importa (su fila tiene errores)", motivos[2]);
        Assert.Equal($"El pack {Pallet} no existe en el catálogo ni en el archivo.", motivos[3]);
        Assert.Empty(plan.Productos);
    }

    [Fact]
    public void A_link_that_closes_a_cycle_with_the_catalog_is_refused_and_so_are_the_rows_that_needed_it()
    {
        var unidad = Existente(Unidad, 100m);
        var caja = Existente(Caja, 1100m);
        // The catalog says: caja → unidad. The file says unidad is a pack of caja (a cycle), and a new pallet of unidad.
        var plan = Armar(
            [Fila(2, Caja, "1100", padre: Unidad, unidades: "2"), Fila(3, Otro, "1", padre: Caja, unidades: "3")],
            [unidad, caja], [new PackLink(caja.Id, unidad.Id, 12)]);

        var motivos = plan.Errores.ToDictionary(e => e.Fila, e => e.Motivo);
        Assert.Equal($"Ese vínculo formaría un ciclo de packs ({Unidad} → {Caja} → {Unidad}).", motivos[2]);
        // Row 3 needs caja as its pack; caja exists in the catalog, so only row 2 is refused.
        Assert.False(motivos.ContainsKey(3));
        Assert.Equal(new VinculoAEscribir(Caja, Otro, 3), plan.Vinculos.Single());
    }

    [Fact]
    public void An_existing_link_with_the_same_units_is_not_a_change_and_new_units_are()
    {
        var unidad = Existente(Unidad, 100m);
        var caja = Existente(Caja, 1100m);
        var links = new[] { new PackLink(caja.Id, unidad.Id, 12) };

        var igual = Armar([Fila(2, Unidad, "100", padre: Caja, unidades: "12")], [unidad, caja], links);
        var distinto = Armar([Fila(2, Unidad, "100", padre: Caja, unidades: "10")], [unidad, caja], links);

        Assert.Equal(TipoDeCambio.SinCambios, igual.Filas.Single().Tipo);
        Assert.Empty(igual.Vinculos);
        Assert.Equal(TipoDeCambio.Actualizado, distinto.Filas.Single().Tipo);
        Assert.Equal(10, distinto.Vinculos.Single().UnidadesPorPadre);
    }

    [Theory]
    [InlineData(1000, 10, 1100)]
    [InlineData(999.99, 12.5, 1124.99)]   // 1124.98875 → 1124.99
    [InlineData(10.01, -50, 5.01)]        // 5.005 → 5.01 (half away from zero, as PostgreSQL's round)
    [InlineData(0, 30, 0)]
    public void Bulk_percentage_rounds_to_the_cent_half_away_from_zero(decimal precio, decimal pct, decimal esperado) =>
        Assert.Equal(esperado, AumentoDePrecios.Aplicar(precio, pct));

    [Theory]
    [InlineData(null, "Ingresá el porcentaje")]
    [InlineData(0.0, "no puede ser 0")]
    [InlineData(-95.0, "entre -90 % y 1000 %")]
    [InlineData(1000.5, "entre -90 % y 1000 %")]
    [InlineData(1.234, "hasta 2 decimales")]
    public void Bulk_percentage_limits(double? pct, string motivo) =>
        Assert.Contains(motivo, AumentoDePrecios.Validar(pct is null ? null : (decimal)pct.Value));
}
