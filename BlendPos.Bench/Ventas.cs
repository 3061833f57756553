using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BlendPos.Web.Data;
using Npgsql;
using NpgsqlTypes;

namespace BlendPos.Bench;

/// <summary>
/// `./blendpos bench ventas`: terminals selling over HTTP (<c>POST /v1/ventas</c>), each with its own cajero, punto de
/// venta and open cash session, next to the same writes as one raw SQL transaction per sale; the POS scan (cart render,
/// <c>POST /pos?handler=Linea</c> with the page cookie and antiforgery token) and the API barcode look-up. Every sale has
/// 5 lines, one of them a unit product with 0 stock whose pack parent (desarme automático) is opened, so each sale
/// breaks exactly one pack; it sells exactly one pack's worth of units, so the unit goes back to 0 and the next sale of
/// it breaks a pack again. Payment: debit card for half, cash for the rest rounded up (change).
/// </summary>
public static partial class VentasBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private const string Password = "bench-cajero-1234";
    private const int BigStock = 1_000_000;

    private sealed record Prod(int Index, Guid Id, string Barcode, string Name, decimal Price, decimal Iva);

    private sealed record Pair(Prod Unit, Prod Pack, int Units);

    private sealed class Terminal
    {
        public required int Number;
        public required int PuntoDeVenta;
        public required Guid UserId;
        public required Guid SesionId;
        public required HttpClient Api;
        public required HttpClient Page;
        public required string PageToken;
        public required Pair[] Pairs;
        public required Prod[] Ordinary;
        public required Random Rnd;
        public RawVenta? Raw;
        public RawSql? RawLookup;
    }

    private sealed record Line(Prod Prod, int Qty);

    private sealed record Sale(Guid Id, Line[] Lines, Pair Pair, decimal Total, decimal Debito, decimal Efectivo)
    {
        public decimal Vuelto => Debito + Efectivo - Total;
    }

    private sealed record VOptions(int Products, int Pairs, int Sales, int Scans, int[] Clients, int Units, bool KeepDatabase,
        int Seed, string[] Variants, int TurnoSegundos = 0, bool Readme = false)
    {
        public static VOptions? Parse(string[] args)
        {
            var o = new VOptions(50_000, 2_000, 2_000, 4_000, [1, 8], 6, false, 20261127, ["spread", "hot"]);
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                int Int() => int.Parse(Next(), Inv);
                switch (args[i])
                {
                    case "--products": o = o with { Products = Int() }; break;
                    case "--pairs": o = o with { Pairs = Int() }; break;
                    case "--sales": o = o with { Sales = Int() }; break;
                    case "--scans": o = o with { Scans = Int() }; break;
                    case "--units": o = o with { Units = Int() }; break;
                    case "--seed": o = o with { Seed = Int() }; break;
                    case "--keep-db": o = o with { KeepDatabase = true }; break;
                    case "--clients": o = o with { Clients = Next().Split(',').Select(s => int.Parse(s, Inv)).ToArray() }; break;
                    case "--variants": o = o with { Variants = Next().Split(',') }; break;
                    case "--turno": o = o with { TurnoSegundos = Int() }; break;
                    case "--readme": o = o with { Readme = true }; break;
                    default:
                        Console.Error.WriteLine("usage: ./blendpos bench ventas [--products 50000] [--pairs 2000] [--sales 2000] " +
                                                "[--scans 4000] [--clients 1,8] [--units 6] [--variants spread,hot] [--seed N] [--keep-db] " +
                                                "[--turno SECONDS (the shift scenario instead) [--readme]]");
                        return null;
                }
            }
            return o;
        }
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var options = VOptions.Parse(args);
        if (options is null) return 2;
        var server = Environment.GetEnvironmentVariable("BLENDPOS_BENCH_DATABASE_URL");
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine("BLENDPOS_BENCH_DATABASE_URL is not set (a server-level Npgsql string): run ./blendpos bench ventas.");
            return 2;
        }
        var redisUrl = Environment.GetEnvironmentVariable("BLENDPOS_BENCH_REDIS_URL");
        if (string.IsNullOrWhiteSpace(redisUrl)) redisUrl = null;

        // Its own database: a catalog run at the same time must not drop it.
        const string DbName = "blendpos_bench_ventas";
        var started = DateTimeOffset.Now;
        var stamp = started.ToString("yyyyMMdd-HHmmss", Inv);
        var cachePrefix = "bench-ventas-" + stamp;
        var adminPassword = "bench-" + Guid.NewGuid().ToString("N")[..12] + "1";
        var jwtSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var dbUrl = new NpgsqlConnectionStringBuilder(server) { Database = DbName, Pooling = true, MaxPoolSize = 100 }.ConnectionString;
        var rnd = new Random(options.Seed);
        var loadBefore = BenchMain.LoadAverage();
        var maxClients = options.Clients.Max();
        void Say(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

        Say($"database {DbName}: drop and create");
        await BenchMain.AdminExecAsync(server, $"DROP DATABASE IF EXISTS \"{DbName}\" WITH (FORCE)");
        await BenchMain.AdminExecAsync(server, $"CREATE DATABASE \"{DbName}\"");
        await using var host = new BenchHost(dbUrl, redisUrl, cachePrefix, adminPassword, jwtSecret);
        var baseUri = host.Start();
        Say($"app at {baseUri}, Redis {(redisUrl ?? "none (memory cache only)")}");

        // ------------------------------------------------------------------ seed: catalog, pack pairs, stock
        var catalog = Catalog.Generate(options.Products, options.Seed);
        var active = catalog.Where(p => p.Active).ToArray();
        rnd.Shuffle(active);
        var prods = active.Select((p, i) => new Prod(i, p.Id, p.Barcode, p.Name, p.Price, p.Iva)).ToArray();
        var perTerminalOrdinary = 500;
        var need = options.Pairs * 2 + perTerminalOrdinary * maxClients + 1;
        if (need > prods.Length) throw new InvalidOperationException($"need {need} active products, have {prods.Length}");
        var pairs = Enumerable.Range(0, options.Pairs).Select(i => new Pair(prods[2 * i], prods[2 * i + 1], options.Units)).ToArray();
        var ordinary = prods.Skip(options.Pairs * 2).Take(perTerminalOrdinary * maxClients).ToArray();
        var hot = prods[need - 1];
        var touched = pairs.SelectMany(p => new[] { p.Unit, p.Pack }).Concat(ordinary).Append(hot).ToArray();
        var initial = new Dictionary<Guid, int>();
        await using (var conn = new NpgsqlConnection(dbUrl))
        {
            await conn.OpenAsync();
            var t0 = Stopwatch.GetTimestamp();
            var copied = await Catalog.CopyAsync(conn, catalog);
            Say($"seeded {copied:N0} products with binary COPY in {Stopwatch.GetElapsedTime(t0).TotalSeconds:0.0} s");
            await using (var cmd = new NpgsqlCommand(
                "UPDATE productos p SET stock_actual = v.s FROM unnest($1::uuid[], $2::int[]) AS v(id, s) WHERE p.id = v.id", conn))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = touched.Select(p => p.Id).ToArray() });
                cmd.Parameters.Add(new NpgsqlParameter { Value = touched.Select(p => pairs.Any(x => x.Unit == p) ? 0 : BigStock).ToArray() });
                await cmd.ExecuteNonQueryAsync();
            }
            await using (var cmd = new NpgsqlCommand(
                "INSERT INTO productos_hijos (id, producto_padre_id, producto_hijo_id, unidades_por_padre, desarme_auto) " +
                "SELECT gen_random_uuid(), padre, hijo, $3, true FROM unnest($1::uuid[], $2::uuid[]) AS v(padre, hijo)", conn))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = pairs.Select(p => p.Pack.Id).ToArray() });
                cmd.Parameters.Add(new NpgsqlParameter { Value = pairs.Select(p => p.Unit.Id).ToArray() });
                cmd.Parameters.Add(new NpgsqlParameter { Value = options.Units });
                await cmd.ExecuteNonQueryAsync();
            }
            await using (var cmd = new NpgsqlCommand("UPDATE productos SET es_padre = true WHERE id = ANY($1)", conn))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = pairs.Select(p => p.Pack.Id).ToArray() });
                await cmd.ExecuteNonQueryAsync();
            }
            await using (var vacuum = new NpgsqlCommand("VACUUM (ANALYZE)", conn) { CommandTimeout = 600 })
                await vacuum.ExecuteNonQueryAsync();
            await using (var cmd = new NpgsqlCommand("SELECT id, stock_actual FROM productos WHERE id = ANY($1)", conn))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = touched.Select(p => p.Id).ToArray() });
                await using var r = await cmd.ExecuteReaderAsync();
                while (await r.ReadAsync()) initial[r.GetGuid(0)] = r.GetInt32(1);
            }
        }
        Say($"{options.Pairs:N0} unit/pack pairs (unit stock 0, pack of {options.Units} with desarme_auto), " +
            $"{ordinary.Length:N0} ordinary products ({perTerminalOrdinary} per terminal), 1 hot product");
        var environment = await BenchMain.DescribeServerAsync(dbUrl);

        // ------------------------------------------------------------------ users, sessions, page logins
        using var handler = new SocketsHttpHandler
        {
            UseCookies = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        };
        using var admin = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseUri };
        admin.DefaultRequestHeaders.Add(BenchHost.ClientIpHeader, "10.0.0.1");
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await LoginAsync(admin, DatabaseInitializer.AdminUserName, adminPassword));
        var terminals = new Terminal[maxClients];
        var pageHandlers = new List<SocketsHttpHandler>();
        for (var t = 0; t < maxClients; t++)
        {
            var username = $"caja{t + 1}";
            var pdv = 101 + t;
            var created = await admin.PostAsJsonAsync("/v1/usuarios", new
            {
                username, nombre_completo = "Cajero de banco " + (t + 1), rol = "cajero", punto_de_venta = pdv, password = Password,
            });
            var createdBody = await created.Content.ReadAsStringAsync();
            if (created.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"creating {username}: {(int)created.StatusCode} {createdBody}");
            var userId = JsonDocument.Parse(createdBody).RootElement.GetProperty("id").GetGuid();

            var api = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseUri };
            api.DefaultRequestHeaders.Add(BenchHost.ClientIpHeader, $"10.0.1.{t + 1}");
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await LoginAsync(api, username, Password));
            var abrir = await api.PostAsJsonAsync("/v1/caja/abrir", new { punto_de_venta = pdv, monto_inicial = 10000m });
            var abrirBody = await abrir.Content.ReadAsStringAsync();
            if (!abrir.IsSuccessStatusCode) throw new InvalidOperationException($"opening the till of {username}: {(int)abrir.StatusCode} {abrirBody}");
            var sesionId = JsonDocument.Parse(abrirBody).RootElement.GetProperty("id").GetGuid();

            var ph = new SocketsHttpHandler
            {
                UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            };
            pageHandlers.Add(ph);
            var page = new HttpClient(ph, disposeHandler: false) { BaseAddress = baseUri };
            page.DefaultRequestHeaders.Add(BenchHost.ClientIpHeader, $"10.0.2.{t + 1}");
            var loginPage = await page.GetStringAsync("/login");
            var signIn = await page.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Username"] = username, ["Input.Password"] = Password,
                ["__RequestVerificationToken"] = HiddenInput(loginPage, "__RequestVerificationToken"),
            }));
            if (signIn.StatusCode != HttpStatusCode.Redirect)
                throw new InvalidOperationException($"page login of {username}: {(int)signIn.StatusCode}");
            var pos = await page.GetAsync("/pos");
            var posHtml = await pos.Content.ReadAsStringAsync();
            if (pos.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"/pos for {username}: {(int)pos.StatusCode}");

            terminals[t] = new Terminal
            {
                Number = t, PuntoDeVenta = pdv, UserId = userId, SesionId = sesionId, Api = api, Page = page,
                PageToken = HiddenInput(posHtml, "__RequestVerificationToken"),
                Pairs = pairs.Where((_, i) => i % maxClients == t).ToArray(),
                Ordinary = ordinary.Skip(t * perTerminalOrdinary).Take(perTerminalOrdinary).ToArray(),
                Rnd = new Random(options.Seed + t),
                Raw = await RawVenta.OpenAsync(dbUrl),
                RawLookup = await RawSql.OpenAsync(dbUrl),
            };
        }
        Say($"{maxClients} cajeros, each with its own punto de venta (101…{100 + maxClients}), open session and page login");

        // ------------------------------------------------------------------ the work
        var delta = new long[prods.Length];
        long appSales = 0, rawSales = 0;
        var hotMode = false;

        Sale Make(Terminal t)
        {
            var lines = new List<Line>();
            var pair = t.Pairs[t.Rnd.Next(t.Pairs.Length)];
            var picked = new HashSet<int>();
            var ordinaryLines = hotMode ? 3 : 4;
            while (picked.Count < ordinaryLines) picked.Add(t.Rnd.Next(t.Ordinary.Length));
            foreach (var i in picked) lines.Add(new Line(t.Ordinary[i], t.Rnd.Next(1, 4)));
            if (hotMode) lines.Add(new Line(hot, 1));
            lines.Insert(t.Rnd.Next(lines.Count + 1), new Line(pair.Unit, pair.Units));
            var total = lines.Sum(l => l.Qty * l.Prod.Price);
            var debito = Math.Floor(total / 2);
            var efectivo = Math.Ceiling((total - debito) / 1000m) * 1000m + 1000m; // a bigger bill: there is change
            return new Sale(Guid.NewGuid(), lines.ToArray(), pair, total, debito, efectivo);
        }

        void Account(Sale s)
        {
            foreach (var l in s.Lines) Interlocked.Add(ref delta[l.Prod.Index], -l.Qty);
            Interlocked.Add(ref delta[s.Pair.Unit.Index], s.Pair.Units);
            Interlocked.Add(ref delta[s.Pair.Pack.Index], -1);
        }

        async Task AppSale(int client, int _)
        {
            var t = terminals[client];
            var s = Make(t);
            using var response = await t.Api.PostAsJsonAsync("/v1/ventas", new
            {
                id = s.Id, sesion_caja_id = t.SesionId,
                items = s.Lines.Select(l => new { barcode = l.Prod.Barcode, cantidad = l.Qty }).ToArray(),
                pagos = new object[] { new { metodo = "debito", monto = s.Debito }, new { metodo = "efectivo", monto = s.Efectivo } },
            });
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"POST /v1/ventas: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await response.Content.LoadIntoBufferAsync();
            Account(s);
            Interlocked.Increment(ref appSales);
        }

        async Task RawSale(int client, int _)
        {
            var t = terminals[client];
            var s = Make(t);
            await t.Raw!.SellAsync(t, s);
            Account(s);
            Interlocked.Increment(ref rawSales);
        }

        // The scan: a cart of 4 lines already on the page, the 5th code scanned; the cart comes back rendered.
        async Task AppScan(int client, int _)
        {
            var t = terminals[client];
            var s = Make(t);
            var form = new List<KeyValuePair<string, string>>();
            foreach (var l in s.Lines.Take(4))
            {
                form.Add(new("linea_barcode", l.Prod.Barcode));
                form.Add(new("linea_cantidad", l.Qty.ToString(Inv)));
            }
            form.Add(new("codigo", s.Lines[4].Prod.Barcode));
            form.Add(new("parcial", "1")); // as pos.js sends a scan into a cart with no marked line: the answer is that line
            form.Add(new("__RequestVerificationToken", t.PageToken));
            using var response = await t.Page.PostAsync("/pos?handler=Linea", new FormUrlEncodedContent(form));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || !body.Contains(s.Lines[4].Prod.Barcode, StringComparison.Ordinal))
                throw new InvalidOperationException($"POST /pos?handler=Linea: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
        }

        async Task AppLookup(int client, int _)
        {
            var t = terminals[client];
            var code = t.Ordinary[t.Rnd.Next(t.Ordinary.Length)].Barcode;
            using var response = await t.Api.GetAsync("/v1/productos/barcode/" + code);
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET barcode {code}: {(int)response.StatusCode}");
            await response.Content.LoadIntoBufferAsync();
        }

        Task RawLookup(int client, int _)
        {
            var t = terminals[client];
            return t.RawLookup!.BarcodeAsync(t.Ordinary[t.Rnd.Next(t.Ordinary.Length)].Barcode);
        }

        // What EF sends for one sale.
        host.Sql.Arm();
        await AppSale(0, 0);
        var saleSql = host.Sql.Disarm();

        var rows = new List<Row>();
        var seq = (int n) => Enumerable.Range(0, n).ToArray();
        string? turno = null;
        if (options.TurnoSegundos > 0)
        {
            turno = await TurnoAsync(terminals, options.TurnoSegundos, host.Timings, Make, Account, RawLookup, RawSale, Say);
            Interlocked.Add(ref appSales, UltimoTurnoVentas);
            if (options.Readme) EscribirEnReadme(turno);
        }
        foreach (var clients in options.TurnoSegundos > 0 ? [] : options.Clients)
        {
            Say($"--- {clients} terminal(s)");
            await Measure.WarmUpAsync(clients, seq(Math.Max(200, clients * 50)), AppScan);
            await Measure.WarmUpAsync(clients, seq(500), RawLookup);
            var (scanApp, scanRaw) = await Measure.PairAsync(clients, seq(options.Scans), AppScan, RawLookup, host.Timings);
            rows.Add(new Row("scan: POST /pos?handler=Linea (4-line cart + 1 scanned, the new line rendered, page cookie)", clients, scanApp, scanRaw));
            Say($"scan (page): p50 {Report.Ms(scanApp.Client.P50)} p99 {Report.Ms(scanApp.Client.P99)} ms, srv p99 {Report.Ms(scanApp.Server!.P99)} ms");
            Say("  " + scanApp.Runtime!.Describe(scanApp.Client.Count, TimeSpan.FromSeconds(scanApp.Client.Count / scanApp.Client.PerSecond)));
            await Measure.WarmUpAsync(clients, seq(500), AppLookup);
            var (lookApp, lookRaw) = await Measure.PairAsync(clients, seq(options.Scans), AppLookup, RawLookup, host.Timings);
            rows.Add(new Row("scan: GET /v1/productos/barcode/{code}", clients, lookApp, lookRaw));
            Say($"scan (API look-up): p50 {Report.Ms(lookApp.Client.P50)} p99 {Report.Ms(lookApp.Client.P99)} ms");

            foreach (var variant in options.Variants)
            {
                hotMode = variant == "hot";
                var label = hotMode
                    ? "sale: 5 lines, 1 pack break, card+cash, + 1 hot product shared by all terminals"
                    : "sale: 5 lines, 1 pack break, card+cash (terminals on disjoint products)";
                await Measure.WarmUpAsync(clients, seq(Math.Max(100, clients * 25)), AppSale);
                await Measure.WarmUpAsync(clients, seq(Math.Max(100, clients * 25)), RawSale);
                var (app, raw) = await Measure.PairAsync(clients, seq(options.Sales), AppSale, RawSale, host.Timings);
                rows.Add(new Row(label, clients, app, raw));
                Say($"sale {variant}: app p50 {Report.Ms(app.Client.P50)} p99 {Report.Ms(app.Client.P99)} ms " +
                    $"{app.Client.PerSecond:0}/s; raw p50 {Report.Ms(raw.Client.P50)} p99 {Report.Ms(raw.Client.P99)} ms {raw.Client.PerSecond:0}/s");
            }
        }
        hotMode = false;

        // ------------------------------------------------------------------ correctness
        var checks = await VerifyAsync(dbUrl, touched, initial, delta, appSales + rawSales);
        foreach (var c in checks) Say(c);
        var ok = checks.All(c => c.StartsWith("OK", StringComparison.Ordinal));

        // ------------------------------------------------------------------ report
        var loadAfter = BenchMain.LoadAverage();
        Console.WriteLine();
        Console.Write(Report.Console(rows));
        Console.WriteLine();
        Console.WriteLine("Targets (issue 5): scan p99 ≤ 10 ms, sale p99 ≤ 30 ms, ≥ 300 sales/s (8 terminals, 2 cores).");
        Console.WriteLine($"Correctness: {(ok ? "OK" : "FAIL")}");

        var md = new StringBuilder();
        md.AppendLine($"# Sales benchmark {started:yyyy-MM-dd HH:mm}");
        md.AppendLine();
        md.AppendLine($"`{string.Join(' ', args.Prepend("./blendpos bench ventas"))}` — {catalog.Count:N0} products, {environment}, " +
                      $"Redis: {(redisUrl is null ? "none" : "yes")}, {Environment.ProcessorCount} cores, .NET {Environment.Version}" +
                      (loadBefore is null ? "." : $", load average before {loadBefore}, after {loadAfter}."));
        md.AppendLine();
        md.AppendLine($"Each terminal is a cajero with its own punto de venta and open cash session. A sale: 5 lines, one of them a unit " +
                      $"product with stock 0 sold ×{options.Units} whose pack parent (×{options.Units}, desarme_auto) is opened — exactly " +
                      "one pack break per sale — paid half by debit card and the rest in cash rounded up to a bigger bill (change): 2 " +
                      $"payments, 2 cash movements, 7 ledger rows. {options.Pairs:N0} unit/pack pairs and 500 ordinary products per " +
                      "terminal, dealt out so that terminals never share a row (*spread*); the *hot* variant replaces one line of " +
                      "every sale with one product shared by all terminals (the contended case). Closed loop, no think time, " +
                      $"{options.Sales:N0} sales per measurement after a warm-up.");
        md.AppendLine();
        md.AppendLine("*app* = client-side over loopback HTTP (`POST /v1/ventas`, bearer token); *server* = inside the app; " +
                      "*raw* (the floor) = the same writes as ONE transaction on a plain NpgsqlConnection per terminal in 2 round " +
                      "trips: `BEGIN` + lock the 6 product rows `ORDER BY id FOR UPDATE`; then one batch: stock update (unnest), " +
                      "counter upsert + sale insert (one CTE), 5 items, 7 ledger rows, 2 payments, 2 cash movements, `COMMIT`. " +
                      "App and raw run interleaved in 10 slices. For the scans, *raw* is one barcode query. The scan is measured on its own " +
                      "(after a warm-up, so the catalog cache is warm), not inside the sales loop.");
        md.AppendLine();
        if (turno is not null) md.AppendLine(turno);
        md.Append(Report.MarkdownTable(rows));
        md.AppendLine();
        md.AppendLine("Targets (issue 5): scan p99 ≤ 10 ms, sale p99 ≤ 30 ms, ≥ 300 sales/s with 8 terminals on 2 cores.");
        md.AppendLine();
        md.AppendLine($"## Correctness: {(ok ? "OK" : "FAIL")}");
        md.AppendLine();
        md.AppendLine($"{appSales:N0} sales through the app and {rawSales:N0} raw ones (warm-ups included).");
        md.AppendLine();
        foreach (var c in checks) md.AppendLine("- " + c);
        md.AppendLine();
        md.AppendLine($"## SQL EF Core sends for one sale: {saleSql.Count} statement(s)");
        md.AppendLine();
        md.AppendLine("The sale's own reads, locks and writes go as two Npgsql batches that EF does not see (VentaService.Sql.cs): " +
                      "sale id + session FOR SHARE + pack links + product locks + ticket number, then stock + sale + items + payments + " +
                      "ledger + drawer movements; then COMMIT.");
        md.AppendLine();
        md.AppendLine("```sql");
        md.AppendLine(string.Join("\n\n", saleSql.Select(s => s.Trim() + ";")));
        md.AppendLine("```");
        var outDir = Path.Combine(Repo.Root, ".data", "bench");
        Directory.CreateDirectory(outDir);
        var outFile = Path.Combine(outDir, $"ventas-{stamp}.md");
        await File.WriteAllTextAsync(outFile, md.ToString());
        Console.WriteLine($"Report: {outFile}");

        // ------------------------------------------------------------------ clean up
        foreach (var t in terminals)
        {
            await t.Raw!.DisposeAsync();
            await t.RawLookup!.DisposeAsync();
            t.Api.Dispose();
            t.Page.Dispose();
        }
        foreach (var ph in pageHandlers) ph.Dispose();
        await host.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (!options.KeepDatabase)
        {
            await BenchMain.AdminExecAsync(server, $"DROP DATABASE IF EXISTS \"{DbName}\" WITH (FORCE)");
            Say($"database {DbName} dropped (--keep-db keeps it)");
        }
        return ok ? 0 : 1;
    }

    private static async Task<List<string>> VerifyAsync(string cs, Prod[] touched, Dictionary<Guid, int> initial, long[] delta, long sales)
    {
        var checks = new List<string>();
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();

        var final = new Dictionary<Guid, int>();
        var ledger = new Dictionary<Guid, long>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT p.id, p.stock_actual, coalesce((SELECT sum(m.cantidad) FROM movimientos_stock m WHERE m.producto_id = p.id), 0) " +
            "FROM productos p WHERE p.id = ANY($1)", conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = touched.Select(p => p.Id).ToArray() });
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                final[r.GetGuid(0)] = r.GetInt32(1);
                ledger[r.GetGuid(0)] = r.GetInt64(2);
            }
        }
        var stockBad = touched.Count(p => final[p.Id] != initial[p.Id] + delta[p.Index]);
        checks.Add($"{(stockBad == 0 ? "OK" : "FAIL")}: final stock = initial − sold + opened × units for all {touched.Length:N0} " +
                   $"seeded sale products ({stockBad} differ)");
        var ledgerBad = touched.Count(p => ledger[p.Id] != final[p.Id] - initial[p.Id]);
        checks.Add($"{(ledgerBad == 0 ? "OK" : "FAIL")}: the stock ledger of every product sums to its change ({ledgerBad} differ)");

        async Task<T> Scalar<T>(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            return (T)(await cmd.ExecuteScalarAsync())!;
        }
        var ventas = await Scalar<long>("SELECT count(*) FROM ventas");
        checks.Add($"{(ventas == sales ? "OK" : "FAIL")}: {ventas:N0} sales stored, {sales:N0} made");
        var totalVentas = await Scalar<decimal>("SELECT coalesce(sum(total), 0) FROM ventas");
        var totalCaja = await Scalar<decimal>("SELECT coalesce(sum(monto), 0) FROM movimientos_caja WHERE tipo = 'venta'");
        checks.Add($"{(totalVentas == totalCaja ? "OK" : "FAIL")}: sum of sales {totalVentas.ToString("N2", Inv)} = sum of their " +
                   $"cash movements {totalCaja.ToString("N2", Inv)}");
        var gaps = await Scalar<long>(
            "SELECT count(*) FROM (SELECT punto_de_venta, count(*) AS n, count(DISTINCT numero_ticket) AS d, min(numero_ticket) AS lo, " +
            "max(numero_ticket) AS hi, (SELECT ultimo_numero FROM contadores_ticket c WHERE c.punto_de_venta = v.punto_de_venta) AS last " +
            "FROM ventas v GROUP BY punto_de_venta) AS s WHERE n <> d OR lo <> 1 OR hi <> n OR last <> n");
        var pdvs = await Scalar<long>("SELECT count(DISTINCT punto_de_venta) FROM ventas");
        checks.Add($"{(gaps == 0 ? "OK" : "FAIL")}: ticket numbers 1…n gap-free and unique in each of the {pdvs} puntos de venta " +
                   $"({gaps} with a gap or duplicate)");
        var breaks = await Scalar<long>(
            "SELECT count(*) FROM ventas v WHERE (SELECT count(*) FROM movimientos_stock m WHERE m.referencia_id = v.id AND m.tipo = 'desarme_salida') <> 1 " +
            "OR (SELECT count(*) FROM movimientos_stock m WHERE m.referencia_id = v.id) <> 7 " +
            "OR (SELECT count(*) FROM movimientos_caja m WHERE m.referencia_id = v.id) <> 2 " +
            "OR (SELECT count(*) FROM venta_items i WHERE i.venta_id = v.id) <> 5 " +
            "OR (SELECT count(*) FROM venta_pagos p WHERE p.venta_id = v.id) <> 2");
        checks.Add($"{(breaks == 0 ? "OK" : "FAIL")}: every sale has 5 items, 2 payments, 2 cash movements, 7 ledger rows with exactly " +
                   $"one pack break ({breaks} don't)");
        return checks;
    }

    internal static async Task<string> LoginAsync(HttpClient client, string username, string password)
    {
        var login = await client.PostAsJsonAsync("/v1/auth/login", new { username, password });
        var body = await login.Content.ReadAsStringAsync();
        if (login.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"login of {username}: {(int)login.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    private static string HiddenInput(string html, string name)
    {
        var tag = Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*>");
        if (!tag.Success) throw new InvalidOperationException($"no input named {name} in the page");
        return WebUtility.HtmlDecode(Regex.Match(tag.Value, "value=\"([^\"]*)\"").Groups[1].Value);
    }

    /// <summary>The floor: one sale as one transaction in two round trips on a plain connection.</summary>
    private sealed class RawVenta : IAsyncDisposable
    {
        private readonly NpgsqlConnection _conn;
        private readonly NpgsqlBatch _lock;
        private readonly NpgsqlBatch _write;

        private RawVenta(NpgsqlConnection conn)
        {
            _conn = conn;
            _lock = new NpgsqlBatch(conn)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("BEGIN"),
                    new NpgsqlBatchCommand("SELECT id, stock_actual FROM productos WHERE id = ANY($1) ORDER BY id FOR UPDATE")
                        { Parameters = { new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid } } },
                },
            };
            NpgsqlBatchCommand C(string sql, params NpgsqlDbType[] types)
            {
                var c = new NpgsqlBatchCommand(sql);
                foreach (var t in types) c.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = t });
                return c;
            }
            const NpgsqlDbType A = NpgsqlDbType.Array;
            _write = new NpgsqlBatch(conn)
            {
                BatchCommands =
                {
                    C("UPDATE productos p SET stock_actual = v.s, updated_at = $3 FROM unnest($1, $2) AS v(id, s) WHERE p.id = v.id",
                        A | NpgsqlDbType.Uuid, A | NpgsqlDbType.Integer, NpgsqlDbType.TimestampTz),
                    C("WITH n AS (INSERT INTO contadores_ticket (punto_de_venta, ultimo_numero) VALUES ($1, 1) ON CONFLICT (punto_de_venta) " +
                      "DO UPDATE SET ultimo_numero = contadores_ticket.ultimo_numero + 1 RETURNING ultimo_numero) " +
                      "INSERT INTO ventas (id, numero_ticket, punto_de_venta, sesion_caja_id, usuario_id, subtotal, descuento_total, total, " +
                      "vuelto, estado, conflicto_stock, conflicto_precio, conflicto_sesion, offline, created_at) " +
                      "SELECT $2, n.ultimo_numero, $1, $3, $4, $5, 0, $5, $6, 'completada', false, false, false, false, $7 FROM n",
                        NpgsqlDbType.Integer, NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Numeric,
                        NpgsqlDbType.Numeric, NpgsqlDbType.TimestampTz),
                    C("INSERT INTO venta_items (id, venta_id, producto_id, codigo_barras, nombre, cantidad, precio_unitario, descuento_item, " +
                      "subtotal, alicuota_iva) SELECT i, $1, p, c, n, q, pu, 0, q * pu, iva FROM unnest($2, $3, $4, $5, $6, $7, $8) AS v(i, p, c, n, q, pu, iva)",
                        NpgsqlDbType.Uuid, A | NpgsqlDbType.Uuid, A | NpgsqlDbType.Uuid, A | NpgsqlDbType.Varchar, A | NpgsqlDbType.Varchar,
                        A | NpgsqlDbType.Integer, A | NpgsqlDbType.Numeric, A | NpgsqlDbType.Numeric),
                    C("INSERT INTO venta_pagos (id, venta_id, metodo, monto) VALUES ($1, $3, 'debito', $4), ($2, $3, 'efectivo', $5)",
                        NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Numeric, NpgsqlDbType.Numeric),
                    C("INSERT INTO movimientos_stock (producto_id, tipo, cantidad, stock_resultante, referencia_id, motivo, usuario_id, created_at) " +
                      "SELECT p, t, q, s, $5, m, $6, $7 FROM unnest($1, $2, $3, $4, $8) AS v(p, t, q, s, m)",
                        A | NpgsqlDbType.Uuid, A | NpgsqlDbType.Varchar, A | NpgsqlDbType.Integer, A | NpgsqlDbType.Integer,
                        NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.TimestampTz, A | NpgsqlDbType.Varchar),
                    C("INSERT INTO movimientos_caja (id, sesion_caja_id, tipo, metodo_pago, monto, descripcion, referencia_id, usuario_id, created_at) " +
                      "SELECT u.i, $1, 'venta', u.m, u.monto, 'Venta ' || lpad(v.punto_de_venta::text, 4, '0') || '-' || lpad(v.numero_ticket::text, 8, '0'), " +
                      "$2, $3, $4 FROM unnest($5, $6, $7) AS u(i, m, monto), ventas v WHERE v.id = $2",
                        NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.TimestampTz,
                        A | NpgsqlDbType.Uuid, A | NpgsqlDbType.Varchar, A | NpgsqlDbType.Numeric),
                    new NpgsqlBatchCommand("COMMIT"),
                },
            };
        }

        public static async Task<RawVenta> OpenAsync(string cs)
        {
            var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            return new RawVenta(conn);
        }

        public async Task SellAsync(Terminal t, Sale s)
        {
            var ids = s.Lines.Select(l => l.Prod.Id).Append(s.Pair.Pack.Id).ToArray();
            _lock.BatchCommands[1].Parameters[0].Value = ids;
            var stock = new Dictionary<Guid, int>();
            await using (var r = await _lock.ExecuteReaderAsync())
            {
                while (!r.HasRows && await r.NextResultAsync()) { }
                while (await r.ReadAsync()) stock[r.GetGuid(0)] = r.GetInt32(1);
            }
            if (stock.Count != ids.Length) throw new InvalidOperationException("raw: product rows missing");
            var now = DateTimeOffset.UtcNow;
            var actual = new Dictionary<Guid, int>(stock);
            var lp = new List<Guid>(); var lt = new List<string>(); var lq = new List<int>(); var ls = new List<int>(); var lm = new List<string?>();
            void Move(Guid id, int q, string tipo, string? motivo)
            {
                actual[id] += q;
                lp.Add(id); lt.Add(tipo); lq.Add(q); ls.Add(actual[id]); lm.Add(motivo);
            }
            // Same plan as the app's for this shape: the unit has 0, one pack covers the line exactly.
            if (stock[s.Pair.Unit.Id] >= s.Pair.Units) throw new InvalidOperationException("raw: the unit has stock, no pack to break");
            Move(s.Pair.Pack.Id, -1, "desarme_salida", "Desarme automático por venta");
            Move(s.Pair.Unit.Id, s.Pair.Units, "desarme_entrada", "Desarme automático por venta");
            foreach (var l in s.Lines) Move(l.Prod.Id, -l.Qty, "venta", null);
            var changed = actual.Where(kv => kv.Value != stock[kv.Key]).ToArray();

            var b = _write.BatchCommands;
            Set(b[0], changed.Select(kv => kv.Key).ToArray(), changed.Select(kv => kv.Value).ToArray(), now);
            Set(b[1], t.PuntoDeVenta, s.Id, t.SesionId, t.UserId, s.Total, s.Vuelto, now);
            Set(b[2], s.Id, s.Lines.Select(_ => Guid.CreateVersion7(now)).ToArray(), s.Lines.Select(l => l.Prod.Id).ToArray(),
                s.Lines.Select(l => l.Prod.Barcode).ToArray(), s.Lines.Select(l => l.Prod.Name).ToArray(),
                s.Lines.Select(l => l.Qty).ToArray(), s.Lines.Select(l => l.Prod.Price).ToArray(), s.Lines.Select(l => l.Prod.Iva).ToArray());
            Set(b[3], Guid.NewGuid(), Guid.NewGuid(), s.Id, s.Debito, s.Efectivo);
            Set(b[4], lp.ToArray(), lt.ToArray(), lq.ToArray(), ls.ToArray(), s.Id, t.UserId, now, lm.ToArray());
            Set(b[5], t.SesionId, s.Id, t.UserId, now, new[] { Guid.NewGuid(), Guid.NewGuid() }, new[] { "debito", "efectivo" },
                new[] { s.Debito, s.Efectivo - s.Vuelto });
            await _write.ExecuteNonQueryAsync();
        }

        private static void Set(NpgsqlBatchCommand c, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++) c.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        public async ValueTask DisposeAsync()
        {
            await _lock.DisposeAsync();
            await _write.DisposeAsync();
            await _conn.DisposeAsync();
        }
    }
}
