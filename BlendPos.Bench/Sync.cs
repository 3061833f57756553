using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BlendPos.Web.Data;
using Npgsql;

namespace BlendPos.Bench;

/// <summary>
/// `./blendpos bench sync`: the offline figures of issue 6. The full catalog download a terminal makes when its POS opens
/// (<c>GET /v1/productos/sync</c> without a cursor, 50,000 products): time and size, raw and as a browser gets it (compressed); a delta after 100 price changes; and the replay of a 500-sale outbox in one
/// <c>POST /v1/ventas/sync-batch</c> (5 lines each), then the same batch again (all <c>duplicada</c>).
/// </summary>
public static class SyncBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        var products = args.Length >= 2 && args[0] == "--products" ? int.Parse(args[1], Inv) : 50_000;
        var server = Environment.GetEnvironmentVariable("BLENDPOS_BENCH_DATABASE_URL");
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine("BLENDPOS_BENCH_DATABASE_URL is not set: run ./blendpos bench sync.");
            return 2;
        }
        var redisUrl = Environment.GetEnvironmentVariable("BLENDPOS_BENCH_REDIS_URL");
        const string DbName = "blendpos_bench_sync";
        var stamp = DateTimeOffset.Now.ToString("yyyyMMdd-HHmmss", Inv);
        var adminPassword = "bench-" + Guid.NewGuid().ToString("N")[..12] + "1";
        var jwtSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var dbUrl = new NpgsqlConnectionStringBuilder(server) { Database = DbName, Pooling = true }.ConnectionString;
        var loadBefore = BenchMain.LoadAverage();
        void Say(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

        await BenchMain.AdminExecAsync(server, $"DROP DATABASE IF EXISTS \"{DbName}\" WITH (FORCE)");
        await BenchMain.AdminExecAsync(server, $"CREATE DATABASE \"{DbName}\"");
        await using var host = new BenchHost(dbUrl, string.IsNullOrWhiteSpace(redisUrl) ? null : redisUrl, "bench-sync-" + stamp, adminPassword, jwtSecret);
        var baseUri = host.Start();
        var catalog = Catalog.Generate(products, 20261127);
        await using (var conn = new NpgsqlConnection(dbUrl))
        {
            await conn.OpenAsync();
            await Catalog.CopyAsync(conn, catalog);
            await using (var cmd = new NpgsqlCommand("UPDATE productos SET stock_actual = 1000000", conn) { CommandTimeout = 600 })
                await cmd.ExecuteNonQueryAsync();
            await using (var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) productos", conn) { CommandTimeout = 600 })
                await vacuum.ExecuteNonQueryAsync();
        }
        Say($"seeded {catalog.Count:N0} products");

        using var http = new HttpClient { BaseAddress = baseUri };
        http.DefaultRequestHeaders.Add(BenchHost.ClientIpHeader, "10.0.9.1");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await VentasBench.LoginAsync(http, DatabaseInitializer.AdminUserName, adminPassword));
        var created = await http.PostAsJsonAsync("/v1/usuarios", new { username = "cajasync", nombre_completo = "Caja sync", rol = "cajero", punto_de_venta = 201, password = "bench-cajero-1234" });
        if (created.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException("creating the cajero: " + await created.Content.ReadAsStringAsync());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await VentasBench.LoginAsync(http, "cajasync", "bench-cajero-1234"));
        var abrir = await http.PostAsJsonAsync("/v1/caja/abrir", new { monto_inicial = 10000m });
        var sesion = JsonDocument.Parse(await abrir.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

        // ---- full catalog: one warm-up, then 5 timed downloads
        async Task<(double Ms, byte[] Body)> GetAsync(string url)
        {
            var t0 = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();
            var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
            return (ms, body);
        }
        await GetAsync("/v1/productos/sync");
        var full = new List<(double Ms, byte[] Body)>();
        for (var i = 0; i < 5; i++) full.Add(await GetAsync("/v1/productos/sync"));
        var fullBody = full[^1].Body;
        var json = JsonDocument.Parse(fullBody).RootElement;
        var items = json.GetProperty("items").GetArrayLength();
        var cursor = json.GetProperty("cursor").GetString()!;
        var gzip = Gzip(fullBody);
        // What a browser gets: it asks for br/gzip and the app compresses this one answer.
        var wire = new List<(double Ms, long Bytes, string Encoding)>();
        for (var i = 0; i < 5; i++)
        {
            using var req = new HttpRequestMessage(HttpMethod.Get, "/v1/productos/sync");
            req.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
            var t0 = Stopwatch.GetTimestamp();
            using var resp = await http.SendAsync(req);
            var bytes = (await resp.Content.ReadAsByteArrayAsync()).LongLength;
            wire.Add((Stopwatch.GetElapsedTime(t0).TotalMilliseconds, bytes, string.Join(",", resp.Content.Headers.ContentEncoding)));
        }
        Say($"compressed ({wire[^1].Encoding}): {wire[^1].Bytes / 1e6:0.00} MB, median {Median(wire.Select(w => w.Ms)):0} ms");
        Say($"full catalog: {items:N0} products, {fullBody.Length / 1e6:0.0} MB JSON ({gzip / 1e6:0.0} MB gzip), median {Median(full.Select(f => f.Ms)):0} ms");

        // ---- delta after 100 price changes
        var cambiados = catalog.Where(p => p.Active).Take(100).Select(p => p.Id).ToArray();
        await using (var conn = new NpgsqlConnection(dbUrl))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("UPDATE productos SET precio_venta = precio_venta + 10 WHERE id = ANY($1)", conn);
            cmd.Parameters.Add(new NpgsqlParameter { Value = cambiados });
            await cmd.ExecuteNonQueryAsync();
        }
        var delta = await GetAsync("/v1/productos/sync?cursor=" + Uri.EscapeDataString(cursor));
        var deltaItems = JsonDocument.Parse(delta.Body).RootElement.GetProperty("items").GetArrayLength();
        Say($"delta: {deltaItems} products, {delta.Body.Length / 1e3:0.0} kB, {delta.Ms:0.0} ms");

        // ---- replay of a 500-sale outbox (5 lines each), then the same batch again
        var rnd = new Random(7);
        var vendibles = catalog.Where(p => p.Active && !cambiados.Contains(p.Id)).ToArray();
        var ahora = DateTimeOffset.UtcNow;
        var ventas = Enumerable.Range(0, 500).Select(i =>
        {
            var lineas = Enumerable.Range(0, 5).Select(_ => vendibles[rnd.Next(vendibles.Length)]).DistinctBy(p => p.Id)
                .Select(p => new { barcode = p.Barcode, cantidad = rnd.Next(1, 4), precio_unitario = p.Price }).ToArray();
            var total = lineas.Sum(l => l.cantidad * l.precio_unitario);
            return new
            {
                id = Guid.NewGuid(), sesion_caja_id = sesion, created_at = ahora.AddMinutes(-500 + i), items = lineas,
                pagos = new object[] { new { metodo = "efectivo", monto = Math.Ceiling(total / 1000m) * 1000m } },
            };
        }).ToArray();
        async Task<(double Ms, string[] Estados)> ReplayAsync()
        {
            var t0 = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync("/v1/ventas/sync-batch", new { ventas });
            var body = await response.Content.ReadAsStringAsync();
            var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"sync-batch: {(int)response.StatusCode} {body}");
            var estados = JsonDocument.Parse(body).RootElement.GetProperty("resultados").EnumerateArray().Select(r => r.GetProperty("estado").GetString()!).ToArray();
            return (ms, estados);
        }
        var primera = await ReplayAsync();
        var segunda = await ReplayAsync();
        Say($"replay 500: {primera.Ms:0} ms ({primera.Estados.Count(e => e == "procesada")} procesada); again: {segunda.Ms:0} ms ({segunda.Estados.Count(e => e == "duplicada")} duplicada)");
        if (primera.Estados.Any(e => e != "procesada") || segunda.Estados.Any(e => e != "duplicada"))
            throw new InvalidOperationException("the replay did not answer procesada ×500 then duplicada ×500");

        var md = new StringBuilder();
        md.AppendLine($"# Offline sync benchmark — {stamp}");
        md.AppendLine();
        md.AppendLine($"`./blendpos bench sync` — {catalog.Count:N0} products; load average before {loadBefore}, after {BenchMain.LoadAverage()}.");
        md.AppendLine();
        md.AppendLine("| operation | figure |");
        md.AppendLine("|---|--:|");
        md.AppendLine($"| full catalog download (GET /v1/productos/sync, {items:N0} active products), median of 5 | {Median(full.Select(f => f.Ms)):0} ms |");
        md.AppendLine($"| full catalog size, JSON | {fullBody.Length / 1e6:0.0} MB |");
        md.AppendLine($"| full catalog size, gzip | {gzip / 1e6:0.00} MB |");
        md.AppendLine($"| full catalog as a browser gets it ({wire[^1].Encoding}, Accept-Encoding: gzip, deflate, br), median of 5 | {wire[^1].Bytes / 1e6:0.00} MB in {Median(wire.Select(w => w.Ms)):0} ms |");
        md.AppendLine($"| delta after 100 price changes | {deltaItems} products, {delta.Body.Length / 1e3:0.0} kB, {delta.Ms:0.0} ms |");
        md.AppendLine($"| replay of 500 offline sales (5 lines) in one sync-batch | {primera.Ms:0} ms ({primera.Ms / 500:0.0} ms a sale) |");
        md.AppendLine($"| the same 500 again (all duplicada) | {segunda.Ms:0} ms |");
        var outDir = Path.Combine(Repo.Root, ".data", "bench");
        Directory.CreateDirectory(outDir);
        var file = Path.Combine(outDir, $"sync-{stamp}.md");
        await File.WriteAllTextAsync(file, md.ToString());
        Console.WriteLine(md.ToString());
        Say($"report: .data/bench/sync-{stamp}.md");
        await BenchMain.AdminExecAsync(server, $"DROP DATABASE IF EXISTS \"{DbName}\" WITH (FORCE)");
        return 0;
    }

    private static double Median(IEnumerable<double> xs)
    {
        var s = xs.Order().ToArray();
        return s[s.Length / 2];
    }

    private static long Gzip(byte[] body)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(body);
        return ms.Length;
    }
}
