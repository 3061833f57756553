using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlendPos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BlendPos.Tests.Features.Catalogo;

/// <summary>
/// GET /v1/productos/sync: the offline catalog's delta.
/// </summary>
/// <remarks>
/// The cursor is a transaction-id horizon, and transaction ids are shared by the whole PostgreSQL cluster: while some
/// other test class (another database) has a transaction running, a delta may leave a row just committed here for the
/// next one. That is the design (nothing is skipped, some things come one delta later), so the tests that expect
/// particular rows read deltas until a "fence" (a product written last) has come through, and then check everything
/// that came. No other writes happen in this class's database while a test runs (tests of a class run one at a time).
/// </remarks>
public sealed class SyncApiTests(CatalogoAppFixture fx) : IClassFixture<CatalogoAppFixture>
{
    private BlendPosApp App => fx.App;

    [Fact]
    public async Task Without_a_cursor_it_answers_every_active_product_and_a_cursor()
    {
        var admin = await fx.AdminAsync();
        var active1 = await Kit.CreateAsync(admin);
        var padre = await Kit.CreateAsync(admin);
        await (await Kit.LinkAsync(admin, padre.Id(), active1.Id(), 6)).ShouldBeAsync(HttpStatusCode.Created);
        var inactive = await Kit.CreateAsync(admin);
        await (await admin.DeleteAsync($"/v1/productos/{inactive.Id()}")).ShouldBeAsync(HttpStatusCode.OK);
        var fence = await Kit.CreateAsync(admin);

        var first = await SyncAsync(null);
        var delta = await ReadUntilAsync(first.Cursor, fence.Id(), first);

        Assert.Equal(["cursor", "eliminados", "items"], first.Json.PropertyNames());
        Assert.False(string.IsNullOrEmpty(first.Cursor));
        Assert.Empty(first.Eliminados); // a fresh catalog has nothing to remove
        Assert.All(first.Items, i => Assert.True(i.GetProperty("activo").GetBoolean()));
        Assert.Equal(Kit.ProductoFields.Order().ToArray(), delta.Items.Values.First().PropertyNames());
        var activeInDb = await App.WithDbAsync(db => db.Productos.Where(p => p.Activo).Select(p => p.Id).OrderBy(x => x).ToListAsync());
        Assert.Equal(activeInDb, delta.Items.Keys.Order().ToList());
        Assert.DoesNotContain(inactive.Id(), delta.Items.Keys);
        var synced = delta.Items[padre.Id()];
        Assert.True(synced.GetProperty("es_padre").GetBoolean());
        Assert.Equal([active1.Id()], synced.GetProperty("hijos").Ids("producto_hijo_id"));
    }

    [Fact]
    public async Task With_a_cursor_it_answers_only_what_changed_and_announces_deactivations()
    {
        var admin = await fx.AdminAsync();
        var toUpdate = await Kit.CreateAsync(admin, precioVenta: 100m);
        var toDeactivate = await Kit.CreateAsync(admin);
        var untouched = await Kit.CreateAsync(admin);
        var fence = await Kit.CreateAsync(admin);
        var baseline = await ReadUntilAsync(null, fence.Id());

        var created = await Kit.CreateAsync(admin);
        await (await admin.PutAsJsonAsync($"/v1/productos/{toUpdate.Id()}", new { precio_venta = 125m })).ShouldBeAsync(HttpStatusCode.OK);
        await (await admin.DeleteAsync($"/v1/productos/{toDeactivate.Id()}")).ShouldBeAsync(HttpStatusCode.OK);
        await TouchAsync(admin, fence.Id());
        var delta = await ReadUntilAsync(baseline.Cursor, fence.Id());

        Assert.Equal(new[] { created.Id(), toUpdate.Id(), fence.Id() }.Order(), delta.Items.Keys.Order());
        Assert.Equal([toDeactivate.Id()], delta.Eliminados);
        Assert.DoesNotContain(untouched.Id(), delta.Items.Keys);
        Assert.Equal(125m, delta.Items[toUpdate.Id()].GetProperty("precio_venta").GetDecimal());

        var again = await SyncAsync(delta.Cursor);
        Assert.Empty(again.Items);
        Assert.Empty(again.Eliminados);
        Assert.False(string.IsNullOrEmpty(again.Cursor));
    }

    [Fact]
    public async Task Stock_changes_and_new_pack_links_come_in_the_delta()
    {
        var admin = await fx.AdminAsync();
        var supervisor = await fx.SupervisorAsync();
        var unidad = await Kit.CreateAsync(admin, stock: 1);
        var caja = await Kit.CreateAsync(admin, stock: 1);
        var fence = await Kit.CreateAsync(admin);
        var baseline = await ReadUntilAsync(null, fence.Id());

        await (await supervisor.PostAsJsonAsync("/v1/inventario/ajuste", new { producto_id = unidad.Id(), cantidad = 4, motivo = "Recuento" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        await (await Kit.LinkAsync(admin, caja.Id(), unidad.Id(), 20)).ShouldBeAsync(HttpStatusCode.Created);
        await TouchAsync(admin, fence.Id());
        var delta = await ReadUntilAsync(baseline.Cursor, fence.Id());

        Assert.Equal(new[] { unidad.Id(), caja.Id(), fence.Id() }.Order(), delta.Items.Keys.Order());
        Assert.Equal(5, delta.Items[unidad.Id()].GetProperty("stock_actual").GetInt32());
        Assert.Equal([unidad.Id()], delta.Items[caja.Id()].GetProperty("hijos").Ids("producto_hijo_id"));
    }

    [Fact]
    public async Task A_change_still_uncommitted_when_the_cursor_is_taken_is_delivered_after_it_commits()
    {
        var admin = await fx.AdminAsync();
        var slow = await Kit.CreateAsync(admin, nombre: "Lento " + Kit.Tag());
        var fast = await Kit.CreateAsync(admin);
        var fence = await Kit.CreateAsync(admin);
        var baseline = await ReadUntilAsync(null, fence.Id());

        await using var conn = await OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand("UPDATE productos SET nombre = 'Lento editado' WHERE id = $1", conn, tx))
        {
            update.Parameters.AddWithValue(slow.Id());
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }
        // A later transaction that commits first: a cursor that jumped past it would skip the slow one forever.
        await (await admin.PutAsJsonAsync($"/v1/productos/{fast.Id()}", new { precio_venta = 777m })).ShouldBeAsync(HttpStatusCode.OK);

        var during = await SyncAsync(baseline.Cursor);
        var duringAgain = await SyncAsync(during.Cursor);
        Assert.DoesNotContain(slow.Id(), during.Items.Select(i => i.Id()));
        Assert.DoesNotContain(slow.Id(), duringAgain.Items.Select(i => i.Id()));

        await tx.CommitAsync();
        await TouchAsync(admin, fence.Id());
        var after = await ReadUntilAsync(duringAgain.Cursor, fence.Id(), during, duringAgain);

        Assert.True(after.Items.TryGetValue(slow.Id(), out var delivered), "the change committed late was skipped");
        Assert.Equal("Lento editado", delivered.GetProperty("nombre").GetString());
        Assert.Equal(777m, after.Items[fast.Id()].GetProperty("precio_venta").GetDecimal());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999999")]
    public async Task A_malformed_cursor_is_400_problem(string cursor)
    {
        var problem = await (await (await fx.CajeroAsync()).GetAsync($"/v1/productos/sync?cursor={Uri.EscapeDataString(cursor)}"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
    }

    [Fact]
    public async Task A_cursor_this_database_never_handed_out_is_400_so_the_terminal_starts_over()
    {
        var current = await SyncAsync(null);
        var fromTheFuture = (long.Parse(current.Cursor) + 1_000_000_000L).ToString();

        var problem = await (await (await fx.CajeroAsync()).GetAsync($"/v1/productos/sync?cursor={fromTheFuture}"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
        await (await (await fx.CajeroAsync()).GetAsync($"/v1/productos/sync?cursor={current.Cursor}")).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Sync_needs_a_signed_in_user()
    {
        await (await App.Client().GetAsync("/v1/productos/sync")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await (await fx.CajeroAsync()).GetAsync("/v1/productos/sync")).ShouldBeAsync(HttpStatusCode.OK);
    }

    // ---------------------------------------------------------------- helpers

    private sealed record Delta(JsonElement Json, List<JsonElement> Items, List<Guid> Eliminados, string Cursor);

    private sealed record Accumulated(Dictionary<Guid, JsonElement> Items, List<Guid> Eliminados, string Cursor);

    private async Task<Delta> SyncAsync(string? cursor)
    {
        var client = await fx.CajeroAsync();
        var url = cursor is null ? "/v1/productos/sync" : $"/v1/productos/sync?cursor={Uri.EscapeDataString(cursor)}";
        var json = await (await client.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK);
        return new Delta(json, json.GetProperty("items").EnumerateArray().ToList(),
            json.GetProperty("eliminados").EnumerateArray().Select(e => e.GetGuid()).ToList(), json.GetProperty("cursor").GetString()!);
    }

    /// <summary>
    /// Reads deltas from <paramref name="cursor"/> (everything when null), after the ones already read
    /// (<paramref name="already"/>), until <paramref name="fence"/> came through; what came, later deltas winning.
    /// </summary>
    private async Task<Accumulated> ReadUntilAsync(string? cursor, Guid fence, params Delta[] already)
    {
        var items = new Dictionary<Guid, JsonElement>();
        var eliminados = new List<Guid>();
        void Add(Delta d)
        {
            foreach (var i in d.Items) { items[i.Id()] = i; eliminados.Remove(i.Id()); }
            foreach (var e in d.Eliminados) { items.Remove(e); if (!eliminados.Contains(e)) eliminados.Add(e); }
        }
        foreach (var d in already) Add(d);

        var clock = Stopwatch.StartNew();
        while (!items.ContainsKey(fence))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"The fence {fence} never came through the sync (cursor {cursor})");
            var delta = await SyncAsync(cursor);
            Add(delta);
            cursor = delta.Cursor;
        }
        return new Accumulated(items, eliminados, cursor!);
    }

    [Fact]
    public async Task The_catalog_download_is_compressed_when_the_terminal_accepts_it_and_other_answers_are_not()
    {
        var admin = await fx.AdminAsync();
        await Kit.CreateAsync(admin);

        using var sync = new HttpRequestMessage(HttpMethod.Get, "/v1/productos/sync");
        sync.Headers.AcceptEncoding.ParseAdd("gzip");
        using var comprimida = await admin.SendAsync(sync);
        Assert.Equal(HttpStatusCode.OK, comprimida.StatusCode);
        Assert.Equal(["gzip"], comprimida.Content.Headers.ContentEncoding);
        await using (var gz = new System.IO.Compression.GZipStream(await comprimida.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress))
        {
            var json = await JsonDocument.ParseAsync(gz);
            Assert.NotEmpty(json.RootElement.GetProperty("items").EnumerateArray());
        }

        // Answers that may carry secrets or reflect input (tokens, users) are never compressed (BREACH).
        using var otra = new HttpRequestMessage(HttpMethod.Get, "/v1/productos?page=1");
        otra.Headers.AcceptEncoding.ParseAdd("gzip");
        using var plana = await admin.SendAsync(otra);
        Assert.Equal(HttpStatusCode.OK, plana.StatusCode);
        Assert.Empty(plana.Content.Headers.ContentEncoding);
    }

    /// <summary>A committed change to <paramref name="id"/> that comes after everything the test did before.</summary>
    private static async Task TouchAsync(HttpClient admin, Guid id) =>
        await (await admin.PutAsJsonAsync($"/v1/productos/{id}", new { nombre = "Fence " + Kit.Tag() })).ShouldBeAsync(HttpStatusCode.OK);

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var conn = new NpgsqlConnection(App.Database.ConnectionString);
        await conn.OpenAsync();
        return conn;
    }
}
