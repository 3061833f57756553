using BlendPos.Domain.Catalogo;

namespace BlendPos.Domain.Proveedores;

/// <summary>A product of the catalog as the import sees it (looked up by barcode).</summary>
public sealed record ProductoActual(
    Guid Id, string CodigoBarras, string Nombre, string Categoria, decimal PrecioCosto, decimal PrecioVenta,
    int StockActual, int StockMinimo, string UnidadMedida, Guid? ProveedorId, bool Activo);

/// <summary>What a row will do (or did).</summary>
public enum TipoDeCambio { Nuevo, CambioDePrecio, Actualizado, SinCambios, Error }

/// <summary>One row of the preview: what happens to it, with the old and new sale price of an existing product.</summary>
public sealed record ResultadoDeFila(
    int Fila, string CodigoBarras, string Nombre, TipoDeCambio Tipo,
    decimal? PrecioVentaAnterior, decimal? PrecioVenta, decimal? PrecioCostoAnterior, decimal? PrecioCosto,
    string? Motivo)
{
    /// <summary>Change of the sale price in percent, 2 decimals; null for a new product or a price that was 0.</summary>
    public decimal? VariacionPct => PrecioVentaAnterior is > 0m && PrecioVenta is { } nuevo
        ? Math.Round((nuevo - PrecioVentaAnterior.Value) * 100m / PrecioVentaAnterior.Value, 2, MidpointRounding.AwayFromZero)
        : null;
}

/// <summary>A product row to upsert, with every column final (empty optional cells already filled from the catalog).</summary>
public sealed record ProductoAEscribir(
    Guid Id, string CodigoBarras, string Nombre, string Categoria, decimal PrecioCosto, decimal PrecioVenta,
    int StockMinimo, string UnidadMedida, bool Nuevo, bool CambiaPrecio);

/// <summary>A pack link to upsert: <see cref="PadreCodigoBarras"/> opens into <see cref="UnidadesPorPadre"/> of the child.</summary>
public sealed record VinculoAEscribir(string PadreCodigoBarras, string HijoCodigoBarras, int UnidadesPorPadre);

/// <summary>The whole outcome: per row, and the writes for the valid rows that change something.</summary>
public sealed record PlanDeImportacion(
    IReadOnlyList<ResultadoDeFila> Filas, IReadOnlyList<ProductoAEscribir> Productos, IReadOnlyList<VinculoAEscribir> Vinculos)
{
    public int Total => Filas.Count;
    public int Ok => Filas.Count(f => f.Tipo != TipoDeCambio.Error);
    public IEnumerable<ErrorDeFila> Errores => Filas.Where(f => f.Tipo == TipoDeCambio.Error).Select(f => new ErrorDeFila(f.Fila, f.Motivo!));
    public int Contar(TipoDeCambio tipo) => Filas.Count(f => f.Tipo == tipo);

    public const int StockMinimoPorDefecto = 5; // the catalog's default (productos.stock_minimo)
    public const string UnidadPorDefecto = "unidad";

    /// <summary>
    /// Plans an import of <paramref name="filas"/> (read by <see cref="ListaDePreciosCsv"/>) for supplier
    /// <paramref name="proveedorId"/>: upsert by barcode of name, category, prices, supplier, minimum, unit and pack
    /// link; stock is never touched (a new product starts at 0). Nothing here reads or writes the database.
    /// </summary>
    /// <param name="existentes">Catalog products with the barcodes of the file (rows and parents), by barcode.</param>
    /// <param name="vinculos">Every pack link of the catalog (for the cycle check).</param>
    /// <param name="nuevoId">Id for a new product (ids are needed for <see cref="PackGraph"/>).</param>
    public static PlanDeImportacion Armar(
        IReadOnlyList<FilaCsv> filas, Guid proveedorId, IReadOnlyDictionary<string, ProductoActual> existentes,
        IReadOnlyList<PackLink> vinculos, Func<Guid> nuevoId)
    {
        ArgumentNullException.ThrowIfNull(filas);
        ArgumentNullException.ThrowIfNull(existentes);
        ArgumentNullException.ThrowIfNull(vinculos);
        ArgumentNullException.ThrowIfNull(nuevoId);

        // 1. Fields of each row; a barcode repeated in the file is refused after its first row.
        var errores = new Dictionary<int, string>();
        var validas = new List<FilaValida>();
        var primeraFila = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var fila in filas)
        {
            var (valida, error) = FilaDeLista.Validar(fila);
            if (error is not null) { errores[fila.Fila] = error.Motivo; continue; }
            if (primeraFila.TryGetValue(valida!.CodigoBarras, out var anterior))
            {
                errores[fila.Fila] = $"El código {valida.CodigoBarras} ya aparece en la fila {anterior}.";
                continue;
            }
            primeraFila[valida.CodigoBarras] = fila.Fila;
            validas.Add(valida);
        }

        var enArchivo = filas.Select(f => f[ListaDePreciosCsv.CodigoBarras] ?? "").ToHashSet(StringComparer.Ordinal);
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var (codigo, p) in existentes) ids[codigo] = p.Id;
        foreach (var f in validas)
            if (!ids.ContainsKey(f.CodigoBarras)) ids[f.CodigoBarras] = nuevoId();

        // 2. Pack links, until nothing changes: a refused row is not written, so a child whose pack was that row (a new
        // product) is refused in turn, wherever it is in the file (the parent may come later than the child).
        var aceptadas = validas.ToDictionary(f => f.CodigoBarras, StringComparer.Ordinal);
        var conVinculo = validas.Where(f => f.PadreCodigoBarras is not null).ToList();
        List<PackLink> grafo;
        bool cambio;
        do
        {
            cambio = false;
            grafo = [.. vinculos];
            // Only a child that is itself a pack can close a cycle; most rows (units into a box) skip the search.
            var padres = vinculos.Select(l => l.PadreId).ToHashSet();
            foreach (var f in conVinculo)
            {
                if (!aceptadas.ContainsKey(f.CodigoBarras)) continue;
                var padre = f.PadreCodigoBarras!;
                if (!aceptadas.ContainsKey(padre) && !existentes.ContainsKey(padre))
                {
                    errores[f.Fila] = enArchivo.Contains(padre)
                        ? $"El pack {padre} no se importa (su fila tiene errores), así que este vínculo no se puede crear."
                        : $"El pack {padre} no existe en el catálogo ni en el archivo.";
                    aceptadas.Remove(f.CodigoBarras);
                    cambio = true;
                    continue;
                }
                var padreId = ids[padre];
                var hijoId = ids[f.CodigoBarras];
                if (padres.Contains(hijoId) && PackGraph.FindCycle(grafo, padreId, hijoId) is { } ciclo)
                {
                    var nombres = ciclo.Select(id => CodigoDe(id)).ToList();
                    errores[f.Fila] = $"Ese vínculo formaría un ciclo de packs ({string.Join(" → ", nombres)}).";
                    aceptadas.Remove(f.CodigoBarras);
                    cambio = true;
                    continue;
                }
                grafo.Add(new PackLink(padreId, hijoId, f.UnidadesPorPadre!.Value));
                padres.Add(padreId);
            }
        } while (cambio);

        // 3. What each row does.
        var linksActuales = vinculos.ToDictionary(l => (l.PadreId, l.HijoId), l => l.UnidadesPorPadre);
        var resultados = new List<ResultadoDeFila>(filas.Count);
        var productos = new List<ProductoAEscribir>();
        var vinculosAEscribir = new List<VinculoAEscribir>();
        var porFila = validas.ToDictionary(f => f.Fila);
        foreach (var fila in filas)
        {
            if (errores.TryGetValue(fila.Fila, out var motivo) || !porFila.TryGetValue(fila.Fila, out var f) || !aceptadas.ContainsKey(f.CodigoBarras))
            {
                resultados.Add(new ResultadoDeFila(fila.Fila, fila[ListaDePreciosCsv.CodigoBarras] ?? "", fila[ListaDePreciosCsv.Nombre] ?? "",
                    TipoDeCambio.Error, null, null, null, null, motivo ?? "Fila no válida."));
                continue;
            }

            var vinculoCambia = false;
            if (f.PadreCodigoBarras is { } padreCodigo)
            {
                var clave = (ids[padreCodigo], ids[f.CodigoBarras]);
                vinculoCambia = !linksActuales.TryGetValue(clave, out var unidades) || unidades != f.UnidadesPorPadre;
                if (vinculoCambia) vinculosAEscribir.Add(new VinculoAEscribir(padreCodigo, f.CodigoBarras, f.UnidadesPorPadre!.Value));
            }

            if (!existentes.TryGetValue(f.CodigoBarras, out var actual))
            {
                productos.Add(new ProductoAEscribir(ids[f.CodigoBarras], f.CodigoBarras, f.Nombre, f.Categoria, f.PrecioCosto, f.PrecioVenta,
                    f.StockMinimo ?? StockMinimoPorDefecto, f.UnidadMedida ?? UnidadPorDefecto, Nuevo: true, CambiaPrecio: true));
                resultados.Add(new ResultadoDeFila(f.Fila, f.CodigoBarras, f.Nombre, TipoDeCambio.Nuevo, null, f.PrecioVenta, null, f.PrecioCosto, null));
                continue;
            }

            var minimo = f.StockMinimo ?? actual.StockMinimo;
            var unidad = f.UnidadMedida ?? actual.UnidadMedida;
            var cambiaPrecio = f.PrecioCosto != actual.PrecioCosto || f.PrecioVenta != actual.PrecioVenta;
            var cambiaDatos = f.Nombre != actual.Nombre || f.Categoria != actual.Categoria || actual.ProveedorId != proveedorId ||
                              minimo != actual.StockMinimo || unidad != actual.UnidadMedida || vinculoCambia;
            var tipo = cambiaPrecio ? TipoDeCambio.CambioDePrecio : cambiaDatos ? TipoDeCambio.Actualizado : TipoDeCambio.SinCambios;
            if (tipo != TipoDeCambio.SinCambios)
                productos.Add(new ProductoAEscribir(actual.Id, f.CodigoBarras, f.Nombre, f.Categoria, f.PrecioCosto, f.PrecioVenta,
                    minimo, unidad, Nuevo: false, CambiaPrecio: cambiaPrecio));
            resultados.Add(new ResultadoDeFila(f.Fila, f.CodigoBarras, f.Nombre, tipo,
                actual.PrecioVenta, f.PrecioVenta, actual.PrecioCosto, f.PrecioCosto, null));
        }
        return new PlanDeImportacion(resultados, productos, vinculosAEscribir);

        string CodigoDe(Guid id) => ids.FirstOrDefault(kv => kv.Value == id).Key ?? id.ToString();
    }
}
