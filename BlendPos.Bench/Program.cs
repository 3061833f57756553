using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BlendPos.Bench;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Catalogo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StackExchange.Redis;

namespace BlendPos.Bench;

/// <summary>`./blendpos bench`: see the project file.</summary>
public static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        // ./blendpos bench [--products N] [--miss N] [--hit N] [--hot N] [--queries N] [--passes N] [--clients 1,8] [--keep-db] [--app-db-options "…"]
        if (args.Length > 0 && args[0] == "ventas") return await VentasBench.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "sync") return await SyncBench.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "catalogo-offline") return await CatalogoOfflineBench.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "csv") return await CsvBench.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "reportes") return await ReportesBench.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] is "catalogo" or "catalog") args = args[1..];
        var options = Options.Parse(args);
        if (options is null) return 2;

        var server = Environment.GetEnvironmentVariable("BLENDPOS_BENCH_DATABASE_URL");
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine("BLENDPOS_BENCH_DATABASE_URL is not set (a server-level Npgsql string): run ./blendpos bench.");
            return 2;
        }
        var redisUrl = Environment.GetEnvironmentVariable("BLENDPOS_BENCH_REDIS_URL");
        if (string.IsNullOrWhiteSpace(redisUrl)) redisUrl = null;

        const string DbName = "blendpos_bench";
        var started = DateTimeOffset.Now;
        var stamp = started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var cachePrefix = "bench-" + stamp;
        var adminPassword = "bench-" + Guid.NewGuid().ToString("N")[..12] + "1";
        var jwtSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var dbUrl = new NpgsqlConnectionStringBuilder(server) { Database = DbName, Pooling = true, MaxPoolSize = 100 }.ConnectionString;
        var rnd = new Random(options.Seed);
        var loadBefore = LoadAverage();

        void Say(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

        // ------------------------------------------------------------------ database, app, seed
        Say($"database {DbName}: drop and create");
        await AdminExecAsync(server, $"DROP DATABASE IF EXISTS \"{DbName}\" WITH (FORCE)");
        await AdminExecAsync(server, $"CREATE DATABASE \"{DbName}\"");

        Say("starting the app on a 127.0.0.1 Kestrel socket (it migrates the database)");
        // --app-db-options appends Npgsql settings to the app's DATABASE_URL only (e.g. "Max Auto Prepare=32").
        var appDbUrl = options.AppDbOptions is null ? dbUrl : dbUrl + ";" + options.AppDbOptions;
        await using var host = new BenchHost(appDbUrl, redisUrl, cachePrefix, adminPassword, jwtSecret);
        var baseUri = host.Start();
        Say($"app at {baseUri}, Redis {(redisUrl ?? "none (memory cache only)")}");

        var catalog = Catalog.Generate(options.Products, options.Seed);
        await using (var conn = new NpgsqlConnection(dbUrl))
        {
            await conn.OpenAsync();
            var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            var copied = await Catalog.CopyAsync(conn, catalog);
            Say($"seeded {copied:N0} products with binary COPY in {System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalSeconds:0.0} s");
            await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) productos", conn) { CommandTimeout = 600 };
            await vacuum.ExecuteNonQueryAsync();
        }
        var environment = await DescribeServerAsync(dbUrl);

        // ------------------------------------------------------------------ clients
        using var handler = new SocketsHttpHandler
        {
            UseCookies = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        };
        using var api = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseUri };
        using var anonymous = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseUri };
        var login = await api.PostAsJsonAsync("/v1/auth/login", new { username = DatabaseInitializer.AdminUserName, password = adminPassword });
        var loginBody = await login.Content.ReadAsStringAsync();
        if (login.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"login failed: {(int)login.StatusCode} {loginBody}");
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            JsonDocument.Parse(loginBody).RootElement.GetProperty("access_token").GetString());

        var maxClients = options.Clients.Max();
        var raws = new RawSql[maxClients];
        for (var i = 0; i < maxClients; i++) raws[i] = await RawSql.OpenAsync(dbUrl);

        async Task Get(HttpClient client, string url)
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        // ------------------------------------------------------------------ work lists
        var codes = catalog.Select(p => p.Barcode).ToArray();
        rnd.Shuffle(codes);
        var used = 0;
        string[] Fresh(int n)
        {
            if (used + n > codes.Length) throw new InvalidOperationException("not enough products for distinct cache misses");
            var slice = codes[used..(used + n)];
            used += n;
            return slice;
        }
        // The hot set: a kiosk's best sellers, active (the price check answers 404 for inactive ones).
        var active = catalog.Where(p => p.Active).Select(p => p.Barcode).ToHashSet();
        var hot = codes.Where(active.Contains).Take(options.Hot).ToArray();
        var hotSet = hot.ToHashSet();
        codes = codes.Where(c => !hotSet.Contains(c)).ToArray();

        var queries = SearchQueries.Generate(catalog.Where(p => p.Active).ToList(), options.QueriesPerKind, options.Seed);
        // Each query's path through ProductoSearch: the words pass (ranked by similarity, or by length when broad), or
        // the fuzzy fallback when no name holds every word.
        var paths = new Dictionary<SearchQuery, SearchPath>();
        foreach (var q in queries)
        {
            var matches = await raws[0].CountWordsAsync(q.Text);
            paths[q] = matches == 0 ? SearchPath.Fuzzy
                : matches > ProductoSearch.SimilarityRankLimit ? SearchPath.BroadWords : SearchPath.Words;
        }
        var wordHits = queries.Where(q => paths[q] != SearchPath.Fuzzy).ToList();
        var fuzzy = queries.Where(q => paths[q] == SearchPath.Fuzzy).ToList();
        var broad = queries.Count(q => paths[q] == SearchPath.BroadWords);
        Say($"{queries.Count} search queries: {wordHits.Count} hit on words ({broad} broad: more than " +
            $"{ProductoSearch.SimilarityRankLimit} matches), {fuzzy.Count} fall back to fuzzy");

        // Same first page as the raw queries? (The app adds counting and the pack links; the rows must be the same.)
        var parityFailures = new List<string>();
        foreach (var q in queries)
        {
            var expected = await raws[0].NamesAsync(q.Text, paths[q]);
            var page = await api.GetFromJsonAsync<JsonElement>($"/v1/productos?q={Uri.EscapeDataString(q.Text)}&size=20");
            var got = page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("nombre").GetString()!).ToList();
            if (!got.SequenceEqual(expected)) parityFailures.Add($"`{q.Text}` ({paths[q]})");
        }
        Say($"parity with raw SQL: {queries.Count - parityFailures.Count}/{queries.Count} queries return the same first page");

        // ------------------------------------------------------------------ measurements
        var rows = new List<Row>();
        var slowest = new List<string>();
        Func<int, string, Task> appBarcode = (_, c) => Get(api, "/v1/productos/barcode/" + c);
        Func<int, string, Task> appPrecio = (_, c) => Get(anonymous, "/v1/precio/" + c);
        Func<int, SearchQuery, Task> appSearch = (_, q) => Get(api, "/v1/productos?size=20&q=" + Uri.EscapeDataString(q.Text));
        Func<int, string, Task> rawBarcode = (c, code) => raws[c].BarcodeAsync(code);
        Func<int, SearchQuery, Task> rawWords = (c, q) => raws[c].WordsAsync(q.Text, paths[q] == SearchPath.BroadWords);
        Func<int, SearchQuery, Task> rawFuzzy = (c, q) => raws[c].FuzzyAsync(q.Text);

        foreach (var clients in options.Clients)
        {
            Say($"--- {clients} client(s)");

            // 1a. First look-up of each code: memory miss, Redis miss, one query, written back to both.
            await Measure.WarmUpAsync(clients, Fresh(Math.Min(400, options.Miss)), appBarcode);
            await Measure.WarmUpAsync(clients, Fresh(Math.Min(400, options.Miss)), rawBarcode);
            var (missApp, missRaw) = await Measure.PairAsync(clients, Fresh(options.Miss), appBarcode, rawBarcode, host.Timings);
            rows.Add(new Row("barcode look-up, first (cache miss)", clients, missApp, missRaw));
            Say($"barcode miss: app p99 {Report.Ms(missApp.Client.P99)} ms, raw p99 {Report.Ms(missRaw.Client.P99)} ms");

            // 1b. The hot set again and again: memory hits.
            var hits = Measure.Draw(rnd, hot, options.Hit);
            await Measure.WarmUpAsync(clients, Measure.Draw(rnd, hot, Math.Max(2_000, hot.Length * 2)), appBarcode);
            await Measure.WarmUpAsync(clients, Measure.Draw(rnd, hot, 2_000), rawBarcode);
            var (hitApp, hitRaw) = await Measure.PairAsync(clients, hits, appBarcode, rawBarcode, host.Timings);
            rows.Add(new Row("barcode look-up, hot set (cache hit)", clients, hitApp, hitRaw));
            Say($"barcode hit: app p99 {Report.Ms(hitApp.Client.P99)} ms, raw p99 {Report.Ms(hitRaw.Client.P99)} ms");

            // 2. The public price check over the same hot set (anonymous; limit raised by BLENDPOS_PRICECHECK_PER_MINUTE).
            await Measure.WarmUpAsync(clients, Measure.Draw(rnd, hot, 2_000), appPrecio);
            var (precioApp, precioRaw) = await Measure.PairAsync(clients, hits, appPrecio, rawBarcode, host.Timings);
            rows.Add(new Row("price check, hot set (cache hit)", clients, precioApp, precioRaw));
            Say($"price check: app p99 {Report.Ms(precioApp.Client.P99)} ms, raw p99 {Report.Ms(precioRaw.Client.P99)} ms");

            // 3. Name search, word hits and fuzzy fallbacks apart.
            foreach (var (label, list, raw) in new[] { ("name search, words pass", wordHits, rawWords), ("name search, fuzzy fallback", fuzzy, rawFuzzy) })
            {
                if (list.Count == 0) continue;
                var work = Measure.Passes(rnd, list, options.Passes);
                var warm = Measure.Passes(rnd, list, 1).Take(Math.Max(40, clients * 10)).ToList();
                await Measure.WarmUpAsync(clients, warm, appSearch);
                await Measure.WarmUpAsync(clients, warm, raw);
                var (app, floor) = await Measure.PairAsync(clients, work, appSearch, raw, host.Timings);
                rows.Add(new Row(label, clients, app, floor));
                var rawMedians = floor.Slowest(work, int.MaxValue).ToDictionary(x => x.Item, x => x.MedianMs);
                slowest.Add($"| {label} | {clients} | " + string.Join(", ", app.Slowest(work, 5).Select(x =>
                    $"`{x.Item.Text}` {Report.Ms(x.MedianMs)} ({Report.Ms(rawMedians[x.Item])} raw{(paths[x.Item] == SearchPath.BroadWords ? ", broad" : "")})")) + " |");
                Say($"{label}: app p99 {Report.Ms(app.Client.P99)} ms, raw p99 {Report.Ms(floor.Client.P99)} ms");
            }
        }

        // ------------------------------------------------------------------ plans and the SQL EF sends
        var sampleWords = wordHits.FirstOrDefault(q => q.Text.Contains(' ') && paths[q] == SearchPath.Words)?.Text
                          ?? wordHits.FirstOrDefault()?.Text ?? "alfajor triple";
        var sampleBroad = wordHits.FirstOrDefault(q => paths[q] == SearchPath.BroadWords)?.Text;
        string? sampleFuzzy = null;
        foreach (var q in fuzzy)
            if (await raws[0].FuzzyAsync(q.Text) > 1) { sampleFuzzy = q.Text; break; } // one that finds something
        sampleFuzzy ??= fuzzy.FirstOrDefault()?.Text ?? "alfajor tripel";
        // What EF sends for one request of each kind (captured by a command interceptor in the bench host).
        var sent = new List<(string Title, List<string> Sql)>();
        async Task CaptureAsync(string title, string url)
        {
            host.Sql.Arm();
            await Get(api, url);
            sent.Add((title, host.Sql.Disarm()));
        }
        await CaptureAsync($"Barcode look-up, cache miss (`{codes[^1]}`)", "/v1/productos/barcode/" + codes[^1]);
        await CaptureAsync($"Name search, words pass (`{sampleWords}`)", "/v1/productos?size=20&q=" + Uri.EscapeDataString(sampleWords));
        if (sampleBroad is not null)
            await CaptureAsync($"Name search, broad words pass (`{sampleBroad}`)", "/v1/productos?size=20&q=" + Uri.EscapeDataString(sampleBroad));
        await CaptureAsync($"Name search, fuzzy fallback (`{sampleFuzzy}`)", "/v1/productos?size=20&q=" + Uri.EscapeDataString(sampleFuzzy));

        var plans = new List<(string Title, string Plan)>
        {
            ($"Words, `{sampleWords}`", await ExplainAsync(dbUrl, RawSql.WordsSql(RawSql.Words(sampleWords).Length, broad: false),
                [sampleWords, .. RawSql.Words(sampleWords).Select(w => "%" + w + "%")])),
        };
        if (sampleBroad is not null)
            plans.Add(($"Broad words, `{sampleBroad}`", await ExplainAsync(dbUrl, RawSql.WordsSql(RawSql.Words(sampleBroad).Length, broad: true),
                [sampleBroad, .. RawSql.Words(sampleBroad).Select(w => "%" + w + "%")])));
        plans.Add(($"Fuzzy, `{sampleFuzzy}`", await ExplainAsync(dbUrl, RawSql.FuzzySql, [sampleFuzzy])));

        // ------------------------------------------------------------------ report
        Console.WriteLine();
        Console.WriteLine($"BlendPOS catalog benchmark — {catalog.Count:N0} products, times in ms (client-side over loopback HTTP " +
                          "unless \"srv\": inside the app), raw = prepared SQL on a plain NpgsqlConnection");
        Console.WriteLine();
        Console.Write(Report.Console(rows));
        Console.WriteLine();
        Console.WriteLine("Targets (issue 3): look-up p99 ≤ 5 ms server-side, name search p99 ≤ 30 ms.");
        var loadAfter = LoadAverage();
        if (loadBefore is not null)
            Console.WriteLine($"Machine load average (1/5/15 min) before: {loadBefore}, after: {loadAfter} — " +
                              $"{Environment.ProcessorCount} cores; anything else running shows in the tails.");

        var md = new StringBuilder();
        md.AppendLine($"# Catalog benchmark {started:yyyy-MM-dd HH:mm}");
        md.AppendLine();
        md.AppendLine($"`{string.Join(' ', args.Prepend("./blendpos bench"))}` — {catalog.Count:N0} products (binary COPY), " +
              (options.AppDbOptions is null ? "" : $"app's DATABASE_URL + `{options.AppDbOptions}`, ") +
                      $"{environment}, Redis: {(redisUrl is null ? "none (memory only)" : "yes (HybridCache L2)")}, " +
                      $"{Environment.ProcessorCount} cores, .NET {Environment.Version}" +
              (loadBefore is null ? "." : $", load average before {loadBefore}, after {loadAfter}."));
        md.AppendLine();
        md.AppendLine("Times in ms. *app* = measured by the HTTP client over loopback (includes the client, the socket and Kestrel); " +
                      "*server* = the same requests timed by a first middleware inside the app; *raw* = the same operation as one " +
                      "prepared statement on a plain NpgsqlConnection per client (no EF, no cache, no HTTP). The price check's raw " +
                      "floor is the barcode query; the words floor orders like the app (by similarity, or by length for a broad query: " +
                      $"more than {ProductoSearch.SimilarityRankLimit} matches) and, like every floor, reads the first page only " +
                      "(no count, no pack links). Closed loop, no think time; " +
                      "warm-up before every measurement; app and raw run interleaved in 10 slices so both see the same machine.");
        md.AppendLine();
        md.Append(Report.MarkdownTable(rows));
        md.AppendLine();
        md.AppendLine("Targets (issue 3): look-up p99 ≤ 5 ms server-side; name search p99 ≤ 30 ms.");
        md.AppendLine();
        md.AppendLine($"Search: {queries.Count} queries ({options.QueriesPerKind} exact words, {options.QueriesPerKind} partial words, " +
                      $"{options.QueriesPerKind} typos), {options.Passes} passes each; by the path they take:");
        md.AppendLine();
        md.AppendLine("| kind | words pass | of which broad | fuzzy fallback | examples |");
        md.AppendLine("|---|--:|--:|--:|---|");
        foreach (var kind in Enum.GetValues<QueryKind>())
        {
            var examples = string.Join(", ", queries.Where(q => q.Kind == kind).Take(4).Select(q => $"`{q.Text}`"));
            md.AppendLine($"| {kind.ToString().ToLowerInvariant()} | {wordHits.Count(q => q.Kind == kind)} | {wordHits.Count(q => q.Kind == kind && paths[q] == SearchPath.BroadWords)} | {fuzzy.Count(q => q.Kind == kind)} | {examples} |");
        }
        md.AppendLine();
        md.AppendLine("Slowest queries through the app (median ms over the passes; the raw floor's in brackets):");
        md.AppendLine();
        md.AppendLine("| operation | clients | queries |");
        md.AppendLine("|---|--:|---|");
        foreach (var line in slowest) md.AppendLine(line);
        md.AppendLine();
        md.AppendLine($"Parity: {queries.Count - parityFailures.Count}/{queries.Count} queries return the same first page through the app " +
                      $"as through the raw SQL{(parityFailures.Count > 0 ? ": differs for " + string.Join(", ", parityFailures.Take(10)) : "")}.");
        md.AppendLine();
        md.AppendLine("## SQL the app sends per request (EF Core)");
        foreach (var (title, sql) in sent)
        {
            md.AppendLine($"\n{title}: {sql.Count} statement(s)\n\n```sql");
            md.AppendLine(string.Join("\n\n", sql.Select(s => s.Trim() + ";")));
            md.AppendLine("```");
        }
        md.AppendLine("\n## Plans of the raw floor");
        foreach (var (title, plan) in plans) md.AppendLine($"\n{title}:\n\n```\n{plan}\n```");

        var outDir = Path.Combine(Repo.Root, ".data", "bench");
        Directory.CreateDirectory(outDir);
        var outFile = Path.Combine(outDir, $"catalogo-{stamp}.md");
        await File.WriteAllTextAsync(outFile, md.ToString());
        Console.WriteLine($"Report: {outFile}");

        // ------------------------------------------------------------------ clean up
        foreach (var raw in raws) await raw.DisposeAsync();
        if (redisUrl is not null && host.Services.GetService<IConnectionMultiplexer>() is { } mux)
        {
            var removed = 0;
            foreach (var endpoint in mux.GetEndPoints())
            {
                var redisServer = mux.GetServer(endpoint);
                if (redisServer.IsReplica) continue;
                var keys = new List<RedisKey>();
                await foreach (var key in redisServer.KeysAsync(pattern: $"blendpos:{cachePrefix}:*", pageSize: 1000)) keys.Add(key);
                foreach (var chunk in keys.Chunk(500)) removed += (int)await mux.GetDatabase().KeyDeleteAsync(chunk);
            }
            Say($"removed {removed:N0} cache keys from Redis");
        }
        await host.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (!options.KeepDatabase)
        {
            await AdminExecAsync(server, $"DROP DATABASE IF EXISTS \"{DbName}\" WITH (FORCE)");
            Say($"database {DbName} dropped (--keep-db keeps it)");
        }
        return 0;
    }

    internal static async Task AdminExecAsync(string server, string sql)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    internal static string? LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;

    internal static async Task<string> DescribeServerAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT split_part(version(), ' ', 2), current_setting('fsync'), current_setting('synchronous_commit'), " +
            "current_setting('shared_buffers'), pg_size_pretty(pg_total_relation_size('productos'))", conn);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return $"PostgreSQL {r.GetString(0)} (fsync={r.GetString(1)}, synchronous_commit={r.GetString(2)}, " +
               $"shared_buffers={r.GetString(3)}, productos {r.GetString(4)} with indexes)";
    }

    private static async Task<string> ExplainAsync(string cs, string sql, string[] parameters)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("EXPLAIN (ANALYZE, COSTS OFF) " + sql, conn);
        foreach (var p in parameters) cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = p });
        var lines = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) lines.Add(r.GetString(0));
        return string.Join('\n', lines);
    }
}

internal sealed record Options(int Products, int Miss, int Hit, int Hot, int QueriesPerKind, int Passes, int[] Clients,
    bool KeepDatabase, int Seed, string? AppDbOptions = null)
{
    public static Options? Parse(string[] args)
    {
        var o = new Options(50_000, 2_000, 20_000, 200, 100, 3, [1, 8], false, 20261127);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--products": o = o with { Products = Int() }; break;
                case "--miss": o = o with { Miss = Int() }; break;
                case "--hit": o = o with { Hit = Int() }; break;
                case "--hot": o = o with { Hot = Int() }; break;
                case "--queries": o = o with { QueriesPerKind = Int() }; break;
                case "--passes": o = o with { Passes = Int() }; break;
                case "--seed": o = o with { Seed = Int() }; break;
                case "--clients":
                    o = o with { Clients = Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() };
                    break;
                case "--keep-db": o = o with { KeepDatabase = true }; break;
                case "--app-db-options": o = o with { AppDbOptions = Next() }; break;
                default:
                    Console.Error.WriteLine(
                        "usage: ./blendpos bench [--products 50000] [--miss 2000] [--hit 20000] [--hot 200] [--queries 100] " +
                        "[--passes 3] [--clients 1,8] [--seed N] [--keep-db] [--app-db-options \"Max Auto Prepare=32\"]");
                    return null;
            }
        }
        return o;
    }
}
