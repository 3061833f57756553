using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BlendPos.Domain.Facturacion;
using BlendPos.Web.Data;
using Npgsql;

namespace BlendPos.Bench;

/// <summary>
/// `./blendpos bench csv`: a supplier's 50,000-row price list through <c>POST /v1/csv/import</c> (issue 12's target:
/// the import completes within 10 s). The catalog holds 40,000 of the file's products (seeded by binary COPY, stock
/// 1..120); the file changes all their prices and supplier and adds 10,000 new ones, 2,000 of them inside packs that
/// appear later in the file — `;`, decimal commas, thousands dots and a BOM, as a spreadsheet exports it. Measured: the
/// dry run, the import, the same file again (nothing changes, nothing written), and a 10 % bulk change over the
/// supplier's 50,000 products. Checks stock untouched, history and ledger rows, links.
/// </summary>
public static class CsvBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly CultureInfo EsAr = CultureInfo.GetCultureInfo("es-AR");

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = args.Length >= 2 && args[0] == "--rows" ? int.Parse(args[1], Inv) : 50_000;
        var server = Environment.GetEnvironmentVariable("BLENDPOS_BENCH_DATABASE_URL");
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine("BLENDPOS_BENCH_DATABASE_URL is not set: run ./blendpos bench csv.");
            return 2;
        }
        var redisUrl = Environment.GetEnvironmentVariable("BLENDPOS_BENCH_REDIS_URL");
        const string DbName = "blendpos_bench_csv";
        var stamp = DateTimeOffset.Now.ToString("yyyyMMdd-HHmmss", Inv);
        var adminPassword = "bench-" + Guid.NewGuid().ToString("N")[..12] + "1";
        var jwtSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var dbUrl = new NpgsqlConnectionStringBuilder(server) { Database = DbName, Pooling = true }.ConnectionString;
        var loadBefore = BenchMain.LoadAverage();
        void Say(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

        await BenchMain.AdminExecAsync(server, $"DROP DATABASE IF EXISTS \"{DbName}\" WITH (FORCE)");
        await BenchMain.AdminExecAsync(server, $"CREATE DATABASE \"{DbName}\"");
        await using var host = new BenchHost(dbUrl, string.IsNullOrWhiteSpace(redisUrl) ? null : redisUrl, "bench-csv-" + stamp, adminPassword, jwtSecret);
        var baseUri = host.Start();

        var catalog = Catalog.Generate(rows, 20261208);
        var existentes = catalog.Take(rows * 4 / 5).ToList();
        var nuevos = catalog.Skip(existentes.Count).ToList();
        await using (var conn = new NpgsqlConnection(dbUrl))
        {
            await conn.OpenAsync();
            await Catalog.CopyAsync(conn, existentes);
            await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) productos", conn) { CommandTimeout = 600 };
            await vacuum.ExecuteNonQueryAsync();
        }
        var environment = await BenchMain.DescribeServerAsync(dbUrl);
        Say($"seeded {existentes.Count:N0} products; the file has {rows:N0} rows ({nuevos.Count:N0} new)");

        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await VentasBench.LoginAsync(http, DatabaseInitializer.AdminUserName, adminPassword));
        var cuit = "30" + "71234567";
        cuit += Cuit.ComputeCheckDigit(cuit) ?? throw new InvalidOperationException("pick another CUIT");
        var creado = await http.PostAsJsonAsync("/v1/proveedores", new { razon_social = "Distribuidora Bench", cuit });
        var proveedor = JsonDocument.Parse(await creado.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

        // The file: every existing product 8 % dearer (cost and price), the new ones; every fifth new one is a unit
        // inside the next new one (a pack of 12), which comes later in the file.
        var sb = new StringBuilder("\uFEFFcodigo_barras;nombre;categoria;precio_costo;precio_venta;stock_minimo;unidad_medida;padre_codigo_barras;unidades_por_padre\r\n");
        foreach (var p in existentes)
            sb.Append(CultureInfo.InvariantCulture, $"{p.Barcode};{p.Name};{p.Category};{Pesos(p.Cost * 1.08m)};{Pesos(p.Price * 1.08m)};;;;\r\n");
        var enPacks = 0;
        for (var i = 0; i < nuevos.Count; i++)
        {
            var p = nuevos[i];
            var padre = i % 5 == 0 && i + 1 < nuevos.Count ? nuevos[i + 1].Barcode : "";
            if (padre.Length > 0) enPacks++;
            sb.Append(CultureInfo.InvariantCulture, $"{p.Barcode};\"{p.Name}\";{p.Category};{Pesos(p.Cost)};{Pesos(p.Price)};{p.Minimum};unidad;{padre};{(padre.Length > 0 ? "12" : "")}\r\n");
        }
        var csv = Encoding.UTF8.GetBytes(sb.ToString());
        Say($"price list: {csv.Length / 1e6:0.0} MB, {enPacks:N0} units inside packs");

        var stockAntes = await ScalarAsync(dbUrl, "SELECT sum(stock_actual) FROM productos");
        var dry = await ImportAsync(http, proveedor, csv, dryRun: true);
        Say($"dry run: {dry.Ms:0} ms, {dry.Ok:N0}/{dry.Total:N0} ok");
        var import = await ImportAsync(http, proveedor, csv, dryRun: false);
        Say($"import: {import.Ms:0} ms, {import.Ok:N0}/{import.Total:N0} ok");
        var again = await ImportAsync(http, proveedor, csv, dryRun: false);
        Say($"same file again (nothing to change): {again.Ms:0} ms");

        var t0 = Stopwatch.GetTimestamp();
        using var bulk = await http.PostAsJsonAsync($"/v1/proveedores/{proveedor}/precios", new { porcentaje = 10 });
        var bulkBody = await bulk.Content.ReadAsStringAsync();
        var bulkMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        if (bulk.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"bulk: {(int)bulk.StatusCode} {bulkBody}");
        var actualizados = JsonDocument.Parse(bulkBody).RootElement.GetProperty("actualizados").GetInt32();
        Say($"bulk +10 %: {bulkMs:0} ms, {actualizados:N0} products");

        // Checks.
        var checks = new List<(string What, bool Ok, string Detail)>();
        var stockDespues = await ScalarAsync(dbUrl, "SELECT sum(stock_actual) FROM productos");
        checks.Add(("stock untouched", stockAntes == stockDespues, $"{stockAntes:N0} → {stockDespues:N0}"));
        var productos = await ScalarAsync(dbUrl, $"SELECT count(*) FROM productos WHERE proveedor_id = '{proveedor}'");
        checks.Add(("every row imported", import.Ok == rows && productos == rows, $"{import.Ok:N0} ok, {productos:N0} products of the supplier"));
        var ledger = await ScalarAsync(dbUrl, "SELECT count(*) FROM movimientos_stock WHERE tipo = 'importacion' AND cantidad = 0");
        checks.Add(("a 0 ledger line per new product", ledger == nuevos.Count, $"{ledger:N0}"));
        var historial = await ScalarAsync(dbUrl, "SELECT count(*) FROM precios_historial");
        checks.Add(("price history: import + bulk", historial == rows + actualizados, $"{historial:N0} rows"));
        var links = await ScalarAsync(dbUrl, "SELECT count(*) FROM productos_hijos WHERE unidades_por_padre = 12");
        checks.Add(("pack links", links == enPacks, $"{links:N0}"));
        var segunda = await ScalarAsync(dbUrl, "SELECT sin_cambios FROM importaciones_lista ORDER BY created_at DESC LIMIT 1");
        checks.Add(("second import: all unchanged", segunda == rows, $"{segunda:N0}"));
        foreach (var c in checks) Say($"{(c.Ok ? "OK  " : "FAIL")} {c.What}: {c.Detail}");

        var md = new StringBuilder();
        md.AppendLine($"# CSV price-list benchmark — {stamp}");
        md.AppendLine();
        md.AppendLine($"`./blendpos bench csv` — {rows:N0}-row list ({csv.Length / 1e6:0.0} MB: `;`, decimal commas, BOM), {existentes.Count:N0} of its " +
                      $"products already in the catalog, {nuevos.Count:N0} new ({enPacks:N0} inside packs listed later); {environment}; " +
                      $"Redis: {(string.IsNullOrWhiteSpace(redisUrl) ? "none" : "yes")}; {Environment.ProcessorCount} cores; " +
                      $"load average before {loadBefore}, after {BenchMain.LoadAverage()}.");
        md.AppendLine();
        md.AppendLine("Times are client-side over loopback HTTP (upload, parse, plan, write, answer). Target (issue 12): the import ≤ 10 s.");
        md.AppendLine();
        md.AppendLine("| operation | time | result |");
        md.AppendLine("|---|--:|---|");
        md.AppendLine($"| POST /v1/csv/import, dry_run=true | {dry.Ms / 1000:0.00} s | {dry.Ok:N0}/{dry.Total:N0} ok, nothing written |");
        md.AppendLine($"| POST /v1/csv/import (the import) | **{import.Ms / 1000:0.00} s** | {import.Ok:N0}/{import.Total:N0} ok: {existentes.Count:N0} price changes, {nuevos.Count:N0} new, {enPacks:N0} links |");
        md.AppendLine($"| the same file again | {again.Ms / 1000:0.00} s | all unchanged, nothing written |");
        md.AppendLine($"| POST /v1/proveedores/{{id}}/precios +10 % | {bulkMs / 1000:0.00} s | {actualizados:N0} products |");
        md.AppendLine();
        foreach (var c in checks) md.AppendLine($"- {(c.Ok ? "OK" : "**FAIL**")} {c.What}: {c.Detail}");
        var outDir = Path.Combine(Repo.Root, ".data", "bench");
        Directory.CreateDirectory(outDir);
        var file = Path.Combine(outDir, $"csv-{stamp}.md");
        await File.WriteAllTextAsync(file, md.ToString());
        Console.WriteLine(md.ToString());
        Say($"report: .data/bench/csv-{stamp}.md");

        await host.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await BenchMain.AdminExecAsync(server, $"DROP DATABASE IF EXISTS \"{DbName}\" WITH (FORCE)");
        return checks.All(c => c.Ok) ? 0 : 1;
    }

    /// <summary>es-AR with thousands dots, as a spreadsheet exports it: 1.234,56.</summary>
    private static string Pesos(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("#,##0.00", EsAr);

    private static async Task<(double Ms, int Total, int Ok)> ImportAsync(HttpClient http, Guid proveedor, byte[] csv, bool dryRun)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(proveedor.ToString()), "proveedor_id");
        form.Add(new StringContent(dryRun ? "true" : "false"), "dry_run");
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "archivo", "lista-bench.csv");
        var t0 = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync("/v1/csv/import", form);
        var body = await response.Content.ReadAsStringAsync();
        var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"import: {(int)response.StatusCode} {body[..Math.Min(body.Length, 2000)]}");
        var json = JsonDocument.Parse(body).RootElement;
        return (ms, json.GetProperty("total").GetInt32(), json.GetProperty("ok").GetInt32());
    }

    private static async Task<long> ScalarAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), Inv);
    }
}
