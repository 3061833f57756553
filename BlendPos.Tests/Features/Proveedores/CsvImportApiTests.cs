using System.Net;
using System.Text;
using System.Text.Json;
using BlendPos.Domain;
using BlendPos.Tests.Features.Catalogo;
using BlendPos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BlendPos.Tests.Features.Proveedores.ProveedoresKit;

namespace BlendPos.Tests.Features.Proveedores;

/// <summary>POST /v1/csv/import (API.md «Suppliers and CSV»): dry run, upsert by barcode, history, ledger, packs, refusals.</summary>
public sealed class CsvImportApiTests(CatalogoAppFixture fx) : IClassFixture<CatalogoAppFixture>
{
    private BlendPosApp App => fx.App;

    [Fact]
    public async Task Dry_run_answers_the_preview_and_writes_nothing()
    {
        var admin = await fx.AdminAsync();
        var proveedor = (await CreateAsync(admin)).Id();
        var existente = await Kit.CreateAsync(admin, precioVenta: 1000m, precioCosto: 600m, stock: 30);
        var nuevo = Kit.NewEan13();
        var csv = Header + "\n" +
                  $"{existente.Codigo()};Alfajor nuevo nombre;Golosinas;650;1.100,50;;;\n" +
                  $"{nuevo};Chicle menta;Golosinas;100,5;200;;;\n" +
                  "123;Sin código válido;Golosinas;1;2;;;\n";
        var antes = await ContarAsync();

        var json = await (await ImportAsync(admin, proveedor, csv, dryRun: true)).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(["errores", "ok", "preview", "total"], json.PropertyNames());
        Assert.Equal(3, json.GetProperty("total").GetInt32());
        Assert.Equal(2, json.GetProperty("ok").GetInt32());
        var error = json.GetProperty("errores").EnumerateArray().Single();
        Assert.Equal(["fila", "motivo"], error.PropertyNames());
        Assert.Equal(4, error.GetProperty("fila").GetInt32());
        Assert.Contains("entre 4 y 14 dígitos", error.GetProperty("motivo").GetString());

        var preview = json.GetProperty("preview").EnumerateArray().ToList();
        Assert.Equal(Kit.ProductoFields.Order(), preview[0].PropertyNames());
        Assert.Equal(existente.Id(), preview[0].Id());
        Assert.Equal(1100.50m, preview[0].GetProperty("precio_venta").GetDecimal());
        Assert.Equal(30, preview[0].GetProperty("stock_actual").GetInt32());
        Assert.Equal(69.31m, preview[0].GetProperty("margen_pct").GetDecimal()); // (1100.50 − 650) / 650
        Assert.Equal(nuevo, preview[1].Codigo());
        Assert.Equal(0, preview[1].GetProperty("stock_actual").GetInt32());
        Assert.Equal(proveedor, preview[1].GetProperty("proveedor_id").GetGuid());

        Assert.Equal(antes, await ContarAsync());
        var sigue = await (await admin.GetAsync($"/v1/productos/{existente.Id()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(1000m, sigue.GetProperty("precio_venta").GetDecimal());
    }

    [Fact]
    public async Task Import_upserts_by_barcode_keeps_stock_writes_history_and_a_zero_ledger_line_per_new_product()
    {
        var admin = await fx.AdminAsync();
        var proveedor = (await CreateAsync(admin)).Id();
        var existente = await Kit.CreateAsync(admin, precioVenta: 1000m, precioCosto: 600m, stock: 30, stockMinimo: 4);
        var igual = await Kit.CreateAsync(admin, nombre: "Sin cambios " + Kit.Tag(), precioVenta: 50m, precioCosto: 30m, categoria: "Varios", proveedorId: proveedor);
        var nuevo = Kit.NewEan13();
        var historialAntes = await App.WithDbAsync(db => db.PreciosHistorial.CountAsync(h => h.ProductoId == existente.Id()));
        var csv = "\uFEFF" + Header + "\r\n" +
                  $"{existente.Codigo()};Alfajor renombrado;Golosinas;650;1.100;;;\r\n" +
                  $"{nuevo};\"Chicle; menta\";Golosinas;100,5;200;9;;\r\n" +
                  $"{igual.Codigo()};{igual.GetProperty("nombre").GetString()};Varios;30;50;;;\r\n" +
                  $"{Kit.NewEan13()};Sin precio;Golosinas;10;;;;\r\n";

        var json = await (await ImportAsync(admin, proveedor, csv, dryRun: false)).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal((4, 3), (json.GetProperty("total").GetInt32(), json.GetProperty("ok").GetInt32()));
        Assert.Equal(5, json.GetProperty("errores")[0].GetProperty("fila").GetInt32());
        Assert.Equal("Falta precio_venta.", json.GetProperty("errores")[0].GetProperty("motivo").GetString());

        var actualizado = await (await admin.GetAsync($"/v1/productos/{existente.Id()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("Alfajor renombrado", actualizado.GetProperty("nombre").GetString());
        Assert.Equal(1100m, actualizado.GetProperty("precio_venta").GetDecimal());
        Assert.Equal(30, actualizado.GetProperty("stock_actual").GetInt32()); // never touched
        Assert.Equal(4, actualizado.GetProperty("stock_minimo").GetInt32()); // empty cell: kept
        Assert.Equal(proveedor, actualizado.GetProperty("proveedor_id").GetGuid());

        var creado = await (await admin.GetAsync($"/v1/productos/barcode/{nuevo}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("Chicle; menta", creado.GetProperty("nombre").GetString());
        Assert.Equal((0, 9, 100.5m), (creado.GetProperty("stock_actual").GetInt32(), creado.GetProperty("stock_minimo").GetInt32(),
            creado.GetProperty("precio_costo").GetDecimal()));

        var (historialExistente, historialNuevo, historialIgual, ledger) = await App.WithDbAsync(async db => (
            await db.PreciosHistorial.CountAsync(h => h.ProductoId == existente.Id()),
            await db.PreciosHistorial.Where(h => h.ProductoId == creado.Id()).Select(h => new { h.PrecioCosto, h.PrecioVenta }).ToListAsync(),
            await db.PreciosHistorial.CountAsync(h => h.ProductoId == igual.Id()),
            await db.MovimientosStock.Where(m => m.ProductoId == creado.Id()).ToListAsync()));
        Assert.Equal(historialAntes + 1, historialExistente);
        Assert.Equal(100.5m, historialNuevo.Single().PrecioCosto);
        Assert.Equal(200m, historialNuevo.Single().PrecioVenta);
        Assert.Equal(1, historialIgual); // only its creation: the import did not change its prices
        var linea = ledger.Single();
        Assert.Equal((TipoMovimientoStock.Importacion, 0, 0), (linea.Tipo, linea.Cantidad, linea.StockResultante));
        Assert.Empty(await App.WithDbAsync(db => db.MovimientosStock.Where(m => m.ProductoId == existente.Id() && m.Tipo == TipoMovimientoStock.Importacion).ToListAsync()));

        // The kardex still adds up for both.
        foreach (var id in new[] { existente.Id(), creado.Id() })
        {
            var kardex = await App.WithDbAsync(db => db.MovimientosStock.Where(m => m.ProductoId == id).SumAsync(m => m.Cantidad));
            var stock = await App.WithDbAsync(db => db.Productos.Where(p => p.Id == id).Select(p => p.StockActual).SingleAsync());
            Assert.Equal(stock, kardex);
        }
    }

    [Fact]
    public async Task Scans_and_the_offline_delta_see_the_imported_prices_at_once()
    {
        var admin = await fx.AdminAsync();
        var proveedor = (await CreateAsync(admin)).Id();
        var producto = await Kit.CreateAsync(admin, precioVenta: 100m);
        Assert.Equal(100m, (await (await admin.GetAsync($"/v1/productos/barcode/{producto.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK))
            .GetProperty("precio_venta").GetDecimal()); // now cached
        var cursor = (await (await admin.GetAsync("/v1/productos/sync")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("cursor").GetString();

        // More than 200 products: the import drops the whole catalog cache instead of one key each.
        var sb = new StringBuilder(Header + "\n");
        sb.Append($"{producto.Codigo()};Renombrado;Varios;60;125;;;\n");
        for (var i = 0; i < 250; i++) sb.Append($"{Kit.NewEan13()};Producto masivo {i};Masivos;10;20;;;\n");
        var json = await (await ImportAsync(admin, proveedor, sb.ToString(), dryRun: false)).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(251, json.GetProperty("ok").GetInt32());

        var escaneo = await (await admin.GetAsync($"/v1/productos/barcode/{producto.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(125m, escaneo.GetProperty("precio_venta").GetDecimal());
        var precio = await (await App.Client().GetAsync($"/v1/precio/{producto.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(125m, precio.GetProperty("precio_venta").GetDecimal());

        // Deltas until the import has come through: the cursor is a cluster-wide transaction horizon, so another test
        // class's open transaction may leave these rows for the next delta (by design, see SyncApiTests).
        var items = new List<JsonElement>();
        var reloj = System.Diagnostics.Stopwatch.StartNew();
        while (!(items.Any(i => i.Id() == producto.Id() && i.GetProperty("precio_venta").GetDecimal() == 125m) && items.Count >= 251))
        {
            Assert.True(reloj.Elapsed < TimeSpan.FromSeconds(30), $"the import's rows never came in a delta ({items.Count} so far)");
            var delta = await (await admin.GetAsync($"/v1/productos/sync?cursor={cursor}")).ShouldBeAsync(HttpStatusCode.OK);
            items.AddRange(delta.GetProperty("items").EnumerateArray());
            cursor = delta.GetProperty("cursor").GetString();
        }
    }

    [Fact]
    public async Task Pack_links_are_created_when_the_parent_comes_later_and_a_cycle_is_refused_with_its_row()
    {
        var admin = await fx.AdminAsync();
        var proveedor = (await CreateAsync(admin)).Id();
        var (unidad, caja, pallet) = (Kit.NewEan13(), Kit.NewEan13(), Kit.NewEan13());
        var csv = Header + "\n" +
                  $"{unidad};Alfajor x 1;Golosinas;100;150;;{caja};12\n" +
                  $"{caja};Alfajor caja x 12;Golosinas;1100;1700;;{pallet};10\n" +
                  $"{pallet};Alfajor bulto x 10 cajas;Golosinas;10000;15000;;;\n";
        var json = await (await ImportAsync(admin, proveedor, csv, dryRun: false)).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(3, json.GetProperty("ok").GetInt32());

        var cajaJson = await (await admin.GetAsync($"/v1/productos/barcode/{caja}")).ShouldBeAsync(HttpStatusCode.OK);
        var unidadJson = await (await admin.GetAsync($"/v1/productos/barcode/{unidad}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.True(cajaJson.GetProperty("es_padre").GetBoolean());
        var hijo = cajaJson.GetProperty("hijos").EnumerateArray().Single();
        Assert.Equal((unidadJson.Id(), 12), (hijo.GetProperty("producto_hijo_id").GetGuid(), hijo.GetProperty("unidades_por_padre").GetInt32()));

        // Now the pallet inside the unit: a cycle through what the catalog already holds.
        var ciclo = Header + "\n" + $"{pallet};Alfajor bulto x 10 cajas;Golosinas;10000;15000;;{unidad};2\n";
        var refused = await (await ImportAsync(admin, proveedor, ciclo, dryRun: false)).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(0, refused.GetProperty("ok").GetInt32());
        var motivo = refused.GetProperty("errores")[0];
        Assert.Equal(2, motivo.GetProperty("fila").GetInt32());
        Assert.Contains("ciclo", motivo.GetProperty("motivo").GetString());
    }

    [Fact]
    public async Task Missing_required_columns_are_400_naming_them()
    {
        var admin = await fx.AdminAsync();
        var proveedor = (await CreateAsync(admin)).Id();
        var problem = await (await ImportAsync(admin, proveedor, "codigo_barras;nombre;precio\n7790000000017;X;1\n", dryRun: true))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var detail = problem.GetProperty("errors").GetProperty("archivo")[0].GetString();
        Assert.StartsWith("Faltan las columnas obligatorias categoria, precio_costo, precio_venta.", detail);
    }

    [Fact]
    public async Task Wrong_media_type_binary_content_size_and_missing_parts_are_refused()
    {
        var admin = await fx.AdminAsync();
        var proveedor = (await CreateAsync(admin)).Id();

        var png = await ImportAsync(admin, proveedor, [0x89, 0x50, 0x4E, 0x47], dryRun: true, mediaType: "image/png", fileName: "foto.png");
        Assert.Contains("debe ser un CSV", (await png.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType)).GetProperty("detail").GetString());

        byte[] xlsx = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00];
        var binario = await ImportAsync(admin, proveedor, xlsx, dryRun: true, mediaType: "text/csv");
        Assert.Contains("no es un CSV de texto", (await binario.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType)).GetProperty("detail").GetString());

        var grande = new byte[9 * 1024 * 1024];
        Array.Fill(grande, (byte)'a');
        await (await ImportAsync(admin, proveedor, grande, dryRun: true)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        var json = await admin.PostAsync("/v1/csv/import", Http.Json("{}"));
        await json.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);

        using var sinArchivo = new MultipartFormDataContent { { new StringContent(proveedor.ToString()), "proveedor_id" } };
        var problem = await (await admin.PostAsync("/v1/csv/import", sinArchivo)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("archivo", out _));

        var desconocido = await ImportAsync(admin, Guid.NewGuid(), Header + "\n", dryRun: true);
        Assert.True((await desconocido.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("proveedor_id", out _));
    }

    private Task<(int Productos, int Historial, int Ledger)> ContarAsync() => App.WithDbAsync(async db =>
        (await db.Productos.CountAsync(), await db.PreciosHistorial.CountAsync(), await db.MovimientosStock.CountAsync()));
}
