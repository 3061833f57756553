using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BlendPos.Domain;
using BlendPos.Tests.Infrastructure;
using Npgsql;
using NpgsqlTypes;
using static BlendPos.Tests.Browser.PosOfflineKit;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>
/// A catalog of a few thousand products reaches IndexedDB whole (the full load is written in blocks, db.js), and after a
/// network cut and a reload, which rebuilds the POS's memory from IndexedDB alone, the last product of the download
/// scans and is found by name. A delta then lands on top of the blocks (a price change, a withdrawn product) and an
/// offline reload reads both back from IndexedDB. `./blendpos bench catalogo-offline` times the same path with 50,000 products.
/// </summary>
public sealed class PosOfflineCatalogoBrowserTests(KestrelAppFixture fx) : BrowserTest(fx)
{
    private const int Productos = 3_500;

    [Fact]
    public Task A_catalog_of_thousands_lands_whole_in_IndexedDB_and_its_last_product_scans_offline() =>
        ConCapturaAsync(Context, "pos-offline-catalogo", CatalogoGrandeAsync);

    private async Task CatalogoGrandeAsync()
    {
        using var admin = await App.AdminAsync();
        var productos = Enumerable.Range(1, Productos)
            .Select(i => new Producto(Guid.NewGuid(), Ean13(), $"Artículo {i:D4} Surtido Grande", 100m + i, 40))
            .ToList();
        var activos = await InsertarAsync(productos);
        await HorizonteAsync();
        // Inserted last, so the newest version: the last product of the download.
        var ultimo = productos[^1];
        var sesion = await CajeroConCajaAsync(App, admin, "cat.grande", 73);
        var errores = PageErrors(Page);
        await IngresarAsync(Page, "cat.grande");
        await AbrirPosOnlineAsync(Page, sesion);
        Assert.Equal(activos, await Page.EvaluateAsync<int>(ContarJs));

        // The cut, then a reload: the page from the service worker, the catalog from IndexedDB.
        await Context.SetOfflineAsync(true);
        await Page.ReloadAsync();
        await ListoAsync(Page, sesion);
        await Expect(Page.Locator("#pos-conexion")).ToHaveAttributeAsync("data-estado", "offline");
        await EscanearAsync(Page, ultimo);
        await Expect(Cantidad(Page, ultimo)).ToHaveTextAsync("1");
        await BuscarAsync(Page, "articulo 3499 surtido", productos[^2]);
        await TotalAsync(Page, ultimo.Precio + productos[^2].Precio, 2);

        // Meanwhile a price changes and a product is withdrawn; back online, the delta brings both.
        var cambiado = productos[0];
        var retirado = productos[1];
        Assert.True((await admin.PutAsJsonAsync($"/v1/productos/{cambiado.Id}", new { precio_venta = 9999m })).IsSuccessStatusCode);
        Assert.True((await admin.DeleteAsync($"/v1/productos/{retirado.Id}")).IsSuccessStatusCode);
        await HorizonteAsync();
        await Context.SetOfflineAsync(false);
        await Expect(Page.Locator("[data-pos]")).ToHaveAttributeAsync("data-catalogo-sync", new Regex("^delta "), new() { Timeout = 15_000 });
        Assert.Equal(activos - 1, await Page.EvaluateAsync<int>(ContarJs));

        // Offline again, a reload: the changed price and the withdrawal come from IndexedDB.
        await Context.SetOfflineAsync(true);
        await Page.ReloadAsync();
        await ListoAsync(Page, sesion);
        await EscanearAsync(Page, cambiado);
        await Expect(Page.Locator($"#pos-lineas tr[data-barcode='{cambiado.Codigo}'] [data-campo='subtotal']")).ToHaveTextAsync(Money.Format(9999m));
        await EscanearAsync(Page, retirado);
        await Expect(Page.Locator("#pos-mensaje")).ToContainTextAsync($"No hay un producto con el código {retirado.Codigo}.");
        await TotalAsync(Page, ultimo.Precio + productos[^2].Precio + 9999m, 3);
        Assert.Empty(errores);
    }

    /// <summary>The products straight into the table (the API would take a minute for thousands); the active count.</summary>
    private async Task<int> InsertarAsync(List<Producto> productos)
    {
        await using var conn = new NpgsqlConnection(App.Database.ConnectionString);
        await conn.OpenAsync();
        var now = DateTimeOffset.UtcNow;
        await using (var writer = await conn.BeginBinaryImportAsync(
            "COPY productos (id, codigo_barras, nombre, categoria, precio_costo, precio_venta, alicuota_iva, stock_actual, " +
            "stock_minimo, unidad_medida, es_padre, activo, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var p in productos)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(p.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(p.Codigo, NpgsqlDbType.Varchar);
                await writer.WriteAsync(p.Nombre, NpgsqlDbType.Varchar);
                await writer.WriteAsync("Almacén", NpgsqlDbType.Varchar);
                await writer.WriteAsync(Math.Round(p.Precio * 0.6m, 2), NpgsqlDbType.Numeric);
                await writer.WriteAsync(p.Precio, NpgsqlDbType.Numeric);
                await writer.WriteAsync(21m, NpgsqlDbType.Numeric);
                await writer.WriteAsync(p.Stock, NpgsqlDbType.Integer);
                await writer.WriteAsync(5, NpgsqlDbType.Integer);
                await writer.WriteAsync("unidad", NpgsqlDbType.Varchar);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }
        await using var count = new NpgsqlCommand("SELECT count(*) FROM productos WHERE activo", conn);
        var activos = (int)(long)(await count.ExecuteScalarAsync())!;
        Assert.True(activos >= Productos, $"{activos} active products after inserting {Productos}");
        return activos;
    }

    /// <summary>
    /// Waits until the sync's horizon (the cluster's oldest running transaction, as CatalogoService.SyncAsync reads it)
    /// has passed every product write so far. Another test class's open transaction holds it back, and a row behind it
    /// comes one sync later by design (SyncApiTests): past this point the POS's next sync must bring all of them.
    /// </summary>
    private async Task HorizonteAsync()
    {
        await using var conn = new NpgsqlConnection(App.Database.ConnectionString);
        await conn.OpenAsync();
        await using var ultima = new NpgsqlCommand("SELECT max(version) FROM productos", conn);
        var version = (long)(await ultima.ExecuteScalarAsync())!;
        await using var horizonte = new NpgsqlCommand("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint", conn);
        var clock = Stopwatch.StartNew();
        while ((long)(await horizonte.ExecuteScalarAsync())! <= version)
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the sync horizon never passed version {version}");
    }

    /// <summary>Distinct products in IndexedDB as db.js reads them: full-load blocks, per-product delta changes on top.</summary>
    private const string ContarJs = """
        () => new Promise((ok, ko) => {
          const abrir = indexedDB.open('blendpos-pos');
          abrir.onerror = () => ko(abrir.error);
          abrir.onsuccess = () => {
            const db = abrir.result;
            const tx = db.transaction(['catalogo_bloques', 'catalogo']);
            const ids = new Set();
            const bloques = tx.objectStore('catalogo_bloques').getAll();
            bloques.onsuccess = () => { for (const b of bloques.result) for (const p of b.productos) ids.add(p.id); };
            const cambios = tx.objectStore('catalogo').getAll();
            cambios.onsuccess = () => { for (const c of cambios.result) c.eliminado ? ids.delete(c.id) : ids.add(c.id); };
            tx.oncomplete = () => { db.close(); ok(ids.size); };
            tx.onerror = () => ko(tx.error);
          };
        })
        """;
}
