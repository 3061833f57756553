using System.Net;
using System.Text.Json;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Features.Catalogo;
using Npgsql;
using NpgsqlTypes;

namespace BlendPos.Tests.Features.Catalogo;

/// <summary>
/// A catalog of thousands of names that share words: broad searches ("chocolate" matches thousands of names) take
/// the paths a handful of products never reaches. Totals and paging must stay exact on every path; the database's
/// own query, ordered the same way, is the oracle.
/// </summary>
public sealed class BusquedaAmpliaFixture : AppFixture, IAsyncLifetime
{
    /// <summary>A word in every seeded name: more matches than the search reads as ids.</summary>
    public const string Todos = "zorzalito";
    /// <summary>A word in 700 of them: broad (ranked by length) but within the ids read.</summary>
    public const string Algunos = "calandria";
    public const int Cantidad = ProductoSearch.IdListLimit + 150;
    public const int ConAlgunos = 700;

    public Guid Pack { get; private set; }
    public HttpClient Admin { get; private set; } = null!;

    protected override BlendPosApp CreateApp(TestDatabase db) => new(db, configure: BlendPosApp.DistinctClientAddresses);

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Admin = await App.AdminAsync();
        await using var conn = App.Database.Open();
        var now = DateTimeOffset.UtcNow;
        var rnd = new Random(7);
        await using (var copy = await conn.BeginBinaryImportAsync(
                         "COPY productos (id, codigo_barras, nombre, categoria, precio_costo, precio_venta, stock_actual, " +
                         "es_padre, activo, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < Cantidad; i++)
            {
                var id = Guid.NewGuid();
                if (i == 3) Pack = id;
                // Varied lengths so the length ranking is not just the name order.
                var nombre = $"{Todos} {(i < ConAlgunos ? Algunos + " " : "")}{new string('x', rnd.Next(0, 12))} item {i:D5}";
                await copy.StartRowAsync();
                await copy.WriteAsync(id, NpgsqlDbType.Uuid);
                await copy.WriteAsync($"2{i:D10}", NpgsqlDbType.Varchar);
                await copy.WriteAsync(nombre, NpgsqlDbType.Varchar);
                await copy.WriteAsync("Amplia", NpgsqlDbType.Varchar);
                await copy.WriteAsync(100m, NpgsqlDbType.Numeric);
                await copy.WriteAsync(150m, NpgsqlDbType.Numeric);
                await copy.WriteAsync(10, NpgsqlDbType.Integer);
                await copy.WriteAsync(i == 3, NpgsqlDbType.Boolean);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        // The pack (product 3) opens into product 4.
        await using var link = new NpgsqlCommand(
            "INSERT INTO productos_hijos (id, producto_padre_id, producto_hijo_id, unidades_por_padre, desarme_auto) " +
            "SELECT $1, $2, id, 12, true FROM productos WHERE codigo_barras = '20000000004'", conn);
        link.Parameters.AddWithValue(Guid.NewGuid());
        link.Parameters.AddWithValue(Pack);
        await link.ExecuteNonQueryAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE productos", conn);
        await analyze.ExecuteNonQueryAsync();
    }
}

public sealed class BusquedaAmpliaTests(BusquedaAmpliaFixture fx) : IClassFixture<BusquedaAmpliaFixture>
{
    [Fact]
    public async Task A_broad_words_search_pages_by_name_length_with_an_exact_total_and_the_pack_links()
    {
        var expected = await OracleAsync(
            $"nombre ILIKE '%{BusquedaAmpliaFixture.Algunos}%' ORDER BY length(nombre), nombre");
        Assert.Equal(BusquedaAmpliaFixture.ConAlgunos, expected.Count);

        var page1 = await PageAsync(BusquedaAmpliaFixture.Algunos, 1, 50);
        var page2 = await PageAsync(BusquedaAmpliaFixture.Algunos, 2, 50);
        var last = await PageAsync(BusquedaAmpliaFixture.Algunos, 14, 50);

        Assert.Equal(BusquedaAmpliaFixture.ConAlgunos, page1.GetProperty("total").GetInt32());
        Assert.Equal(expected[..50], page1.GetProperty("items").Ids());
        Assert.Equal(expected[50..100], page2.GetProperty("items").Ids());
        Assert.Equal(expected[650..], last.GetProperty("items").Ids());
        var packPage = await PageAsync(BusquedaAmpliaFixture.Algunos, expected.IndexOf(fx.Pack) / 50 + 1, 50);
        var pack = packPage.GetProperty("items").EnumerateArray().Single(p => p.Id() == fx.Pack);
        Assert.Equal(1, pack.GetProperty("hijos").GetArrayLength());
        Assert.Equal(12, pack.GetProperty("hijos")[0].GetProperty("unidades_por_padre").GetInt32());
    }

    [Fact]
    public async Task A_search_matching_more_names_than_it_reads_as_ids_still_counts_them_all_and_pages_past_them()
    {
        var expected = await OracleAsync($"nombre ILIKE '%{BusquedaAmpliaFixture.Todos}%' ORDER BY length(nombre), nombre");

        var page1 = await PageAsync(BusquedaAmpliaFixture.Todos, 1, 200);
        var pastTheIds = await PageAsync(BusquedaAmpliaFixture.Todos, ProductoSearch.IdListLimit / 200 + 1, 200);

        Assert.Equal(BusquedaAmpliaFixture.Cantidad, page1.GetProperty("total").GetInt32());
        Assert.Equal(expected[..200], page1.GetProperty("items").Ids());
        Assert.Equal(BusquedaAmpliaFixture.Cantidad, pastTheIds.GetProperty("total").GetInt32());
        Assert.Equal(expected[ProductoSearch.IdListLimit..], pastTheIds.GetProperty("items").Ids());
    }

    [Fact]
    public async Task A_typo_with_hundreds_of_near_names_pages_the_fuzzy_matches_nearest_first_with_an_exact_total()
    {
        const string typo = "calandrai";
        var expected = await OracleAsync($"'{typo}' <% nombre ORDER BY '{typo}' <<-> nombre, nombre");
        Assert.True(expected.Count > 100, $"the typo should be near many names, got {expected.Count}");

        var page1 = await PageAsync(typo, 1, 50);
        var page3 = await PageAsync(typo, 3, 50);

        Assert.Equal(expected.Count, page1.GetProperty("total").GetInt32());
        Assert.Equal(expected[..50], page1.GetProperty("items").Ids());
        Assert.Equal(expected[100..150], page3.GetProperty("items").Ids());
    }

    private async Task<JsonElement> PageAsync(string q, int page, int size)
    {
        return await (await fx.Admin.GetAsync($"/v1/productos?q={Uri.EscapeDataString(q)}&page={page}&size={size}"))
            .ShouldBeAsync(HttpStatusCode.OK);
    }

    private async Task<List<Guid>> OracleAsync(string whereAndOrder)
    {
        await using var conn = fx.App.Database.Open();
        await using var cmd = new NpgsqlCommand($"SELECT id FROM productos WHERE activo AND {whereAndOrder}", conn);
        var ids = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }
}
