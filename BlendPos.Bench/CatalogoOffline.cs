using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BlendPos.Web.Data;
using Microsoft.Playwright;
using Npgsql;

namespace BlendPos.Bench;

/// <summary>
/// `./blendpos bench catalogo-offline`: the offline catalog end to end, as a till gets it. 50,000 products are seeded,
/// the app runs on a 127.0.0.1 socket, and Debian's Chromium (through Playwright, never a downloaded browser) opens
/// /pos as a cashier with an open drawer, in a new browser context per run (an empty IndexedDB). The figure is the
/// time from the start of the full download (GET /v1/productos/sync, compressed as a browser asks for it) until
/// IndexedDB has committed every product, from the performance marks catalogo.js sets; the resource timing of the
/// download splits it into download, JSON parse, slim records and the IndexedDB write. After each run the bench
/// counts the store, then cuts the network and scans the catalog's last product to prove it is usable offline.
/// </summary>
public static class CatalogoOfflineBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private const string Cajero = "cajaoffline";
    private const string Clave = "bench-cajero-1234";
    /// <summary>The product brief's bar for the whole load on a 2-core machine.</summary>
    private const double ObjetivoMs = 5_000;

    /// <summary>One run's marks (ms since the page's time origin) and the download's resource timing.</summary>
    public sealed record Corrida(double Inicio, double RespuestaInicio, double RespuestaFin, double Json, double Registros,
        double Guardado, double Indice, long BytesRed, long BytesJson, int EnStore)
    {
        public double Total => Guardado - Inicio;
        public double Descarga => RespuestaFin - Inicio;
        public double Parseo => Json - RespuestaFin;
        public double Mapeo => Registros - Json;
        public double Escritura => Guardado - Registros;
        public double Memoria => Indice - Guardado;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var products = 50_000;
        var runs = 5;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--products") products = int.Parse(args[i + 1], Inv);
            else if (args[i] == "--runs") runs = int.Parse(args[i + 1], Inv);
            else { Console.Error.WriteLine($"unknown option {args[i]} (--products N --runs N)"); return 2; }
        }
        var server = Environment.GetEnvironmentVariable("BLENDPOS_BENCH_DATABASE_URL");
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine("BLENDPOS_BENCH_DATABASE_URL is not set: run ./blendpos bench catalogo-offline.");
            return 2;
        }
        var chromium = Environment.GetEnvironmentVariable("BLENDPOS_CHROMIUM") ?? "/usr/bin/chromium";
        var redisUrl = Environment.GetEnvironmentVariable("BLENDPOS_BENCH_REDIS_URL");
        const string DbName = "blendpos_bench_catalogo_offline";
        var stamp = DateTimeOffset.Now.ToString("yyyyMMdd-HHmmss", Inv);
        var adminPassword = "bench-" + Guid.NewGuid().ToString("N")[..12] + "1";
        var jwtSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var dbUrl = new NpgsqlConnectionStringBuilder(server) { Database = DbName, Pooling = true }.ConnectionString;
        var loadBefore = BenchMain.LoadAverage();
        void Say(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

        await BenchMain.AdminExecAsync(server, $"DROP DATABASE IF EXISTS \"{DbName}\" WITH (FORCE)");
        await BenchMain.AdminExecAsync(server, $"CREATE DATABASE \"{DbName}\"");
        await using var host = new BenchHost(dbUrl, string.IsNullOrWhiteSpace(redisUrl) ? null : redisUrl, "bench-catoff-" + stamp, adminPassword, jwtSecret);
        var baseUri = host.Start();
        var catalog = Catalog.Generate(products, 20261127);
        await using (var conn = new NpgsqlConnection(dbUrl))
        {
            await conn.OpenAsync();
            await Catalog.CopyAsync(conn, catalog);
            await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) productos", conn) { CommandTimeout = 600 };
            await vacuum.ExecuteNonQueryAsync();
        }
        var activos = catalog.Where(p => p.Active).ToList();
        Say($"seeded {catalog.Count:N0} products ({activos.Count:N0} active: what a till downloads)");

        using (var http = new HttpClient { BaseAddress = baseUri })
        {
            http.DefaultRequestHeaders.Add(BenchHost.ClientIpHeader, "10.0.9.2");
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await VentasBench.LoginAsync(http, DatabaseInitializer.AdminUserName, adminPassword));
            var created = await http.PostAsJsonAsync("/v1/usuarios", new { username = Cajero, nombre_completo = "Caja offline", rol = "cajero", punto_de_venta = 202, password = Clave });
            if (created.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException("creating the cajero: " + await created.Content.ReadAsStringAsync());
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await VentasBench.LoginAsync(http, Cajero, Clave));
            var abrir = await http.PostAsJsonAsync("/v1/caja/abrir", new { monto_inicial = 10000m });
            if (abrir.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException("opening the drawer: " + await abrir.Content.ReadAsStringAsync());
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        Say($"Chromium {browser.Version}; {runs} runs after one warm-up, each in a new context (empty IndexedDB)");

        var ultimo = activos[^1];
        var corridas = new List<Corrida>();
        Corrida? calentamiento = null;
        for (var i = 0; i <= runs; i++)
        {
            var c = await UnaCorridaAsync(browser, baseUri, ultimo.Barcode);
            if (c.EnStore != activos.Count)
                throw new InvalidOperationException($"IndexedDB holds {c.EnStore:N0} products, not {activos.Count:N0}");
            Say($"{(i == 0 ? "warm-up" : $"run {i}")}: {c.Total:0} ms to IndexedDB (download {c.Descarga:0}, parse {c.Parseo:0}, " +
                $"records {c.Mapeo:0}, IndexedDB write {c.Escritura:0}; in-memory index +{c.Memoria:0}); {c.BytesRed / 1e6:0.00} MB on the wire");
            if (i == 0) calentamiento = c;
            else corridas.Add(c);
        }

        var delta = await DeltaAsync(browser, baseUri, dbUrl, activos, Math.Min(40_000, activos.Count));
        Say($"delta after {delta.Productos:N0} price changes (a supplier's list): {delta.Ms:0} ms to IndexedDB");

        var md = Informe(stamp, catalog.Count, activos.Count, browser.Version, loadBefore, calentamiento!, corridas, delta);
        var outDir = Path.Combine(Repo.Root, ".data", "bench");
        Directory.CreateDirectory(outDir);
        await File.WriteAllTextAsync(Path.Combine(outDir, $"catalogo-offline-{stamp}.md"), md);
        Console.WriteLine(md);
        Say($"report: .data/bench/catalogo-offline-{stamp}.md");
        await host.DisposeAsync();
        await BenchMain.AdminExecAsync(server, $"DROP DATABASE IF EXISTS \"{DbName}\" WITH (FORCE)");
        return Median(corridas.Select(c => c.Total)) <= ObjetivoMs ? 0 : 1;
    }

    /// <summary>A new context (empty IndexedDB), the cashier signs in, /pos loads its catalog; then an offline scan.</summary>
    private static async Task<Corrida> UnaCorridaAsync(IBrowser browser, Uri baseUri, string ultimoBarcode)
    {
        await using var context = await NuevoContextoAsync(browser, baseUri);
        var page = await AbrirPosAsync(context);
        var m = await page.EvaluateAsync<JsonElement>(MarcasJs);
        double Mark(string name) => m.GetProperty(name).ValueKind == JsonValueKind.Number
            ? m.GetProperty(name).GetDouble()
            : throw new InvalidOperationException($"no «{name}» in the page (did the full load run? {m})");
        var enStore = (await page.EvaluateAsync<JsonElement>(ContarJs, "")).GetProperty("total").GetInt32();

        // Usable offline: the network goes, the last product of the catalog scans from the local copy.
        await context.SetOfflineAsync(true);
        await page.WaitForSelectorAsync("#pos-conexion[data-estado='offline']");
        await page.Locator("#pos-codigo").FocusAsync();
        await page.Keyboard.TypeAsync(ultimoBarcode + "\n");
        await page.WaitForSelectorAsync($"#pos-lineas tr[data-barcode='{ultimoBarcode}']", new() { Timeout = 10_000 });

        return new Corrida(Mark("inicio"), Mark("respuestaInicio"), Mark("respuestaFin"), Mark("json"), Mark("registros"),
            Mark("guardado"), Mark("indice"), m.GetProperty("bytesRed").GetInt64(), m.GetProperty("bytesJson").GetInt64(), enStore);
    }

    private static async Task<IBrowserContext> NuevoContextoAsync(IBrowser browser, Uri baseUri)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUri.ToString().TrimEnd('/'), Locale = "es-AR", TimezoneId = "America/Argentina/Buenos_Aires",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(60_000);
        return context;
    }

    /// <summary>The cashier signs in and opens /pos; returns once its catalog is loaded (data-catalogo="listo").</summary>
    private static async Task<IPage> AbrirPosAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("Usuario").FillAsync(Cajero);
        await page.GetByLabel("Contraseña").FillAsync(Clave);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync("/pos");
        // data-catalogo="listo" comes after the catalog sync (and the shell caching): the marks are all set by then.
        await page.WaitForSelectorAsync("[data-pos][data-catalogo='listo']");
        return page;
    }

    /// <summary>
    /// A supplier's price list as a till sees it: a loaded POS, <paramref name="cambios"/> prices raised in the database,
    /// a reload (which syncs by delta). Returns the POS's own figure («delta N en X ms»: request, parse, IndexedDB).
    /// </summary>
    private static async Task<(int Productos, double Ms)> DeltaAsync(IBrowser browser, Uri baseUri, string dbUrl, List<SeedProduct> activos, int cambios)
    {
        await using var context = await NuevoContextoAsync(browser, baseUri);
        var page = await AbrirPosAsync(context);
        var subidos = activos.Take(cambios).ToList();
        await using (var conn = new NpgsqlConnection(dbUrl))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("UPDATE productos SET precio_venta = precio_venta + 10 WHERE id = ANY($1)", conn);
            cmd.Parameters.Add(new NpgsqlParameter { Value = subidos.Select(p => p.Id).ToArray() });
            await cmd.ExecuteNonQueryAsync();
        }
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("[data-pos][data-catalogo='listo']");
        var texto = await page.Locator("[data-pos]").GetAttributeAsync("data-catalogo-sync") ?? "";
        var m = System.Text.RegularExpressions.Regex.Match(texto, @"^delta (\d+) en (\d+) ms$");
        if (!m.Success) throw new InvalidOperationException($"the reload did not sync by delta: «{texto}»");
        var estado = await page.EvaluateAsync<JsonElement>(ContarJs, subidos[^1].Id.ToString());
        if (estado.GetProperty("total").GetInt32() != activos.Count || estado.GetProperty("precio").GetDecimal() != subidos[^1].Price + 10)
            throw new InvalidOperationException($"after the delta IndexedDB holds {estado}, not {activos.Count:N0} products with the new price");
        return (int.Parse(m.Groups[1].Value, Inv), double.Parse(m.Groups[2].Value, Inv));
    }

    private const string MarcasJs = """
        () => {
          const m = (n) => performance.getEntriesByName('catalogo:completa:' + n, 'mark').at(-1)?.startTime ?? null;
          const r = performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname === '/v1/productos/sync').at(-1);
          return { inicio: m('inicio'), json: m('json'), registros: m('registros'), guardado: m('guardado'), indice: m('indice'),
            respuestaInicio: r?.responseStart ?? null, respuestaFin: r?.responseEnd ?? null,
            bytesRed: r?.encodedBodySize ?? 0, bytesJson: r?.decodedBodySize ?? 0 };
        }
        """;

    /// <summary>
    /// Distinct products in IndexedDB, read as db.js reads them: the blocks of the last full load (`catalogo_bloques`)
    /// with the per-product changes of the deltas (`catalogo`, tombstones `eliminado`) on top; and one product's price.
    /// </summary>
    private const string ContarJs = """
        (id) => new Promise((ok, ko) => {
          const abrir = indexedDB.open('blendpos-pos');
          abrir.onerror = () => ko(abrir.error);
          abrir.onsuccess = () => {
            const db = abrir.result;
            const stores = ['catalogo_bloques', 'catalogo'].filter((s) => db.objectStoreNames.contains(s));
            const tx = db.transaction(stores);
            const ids = new Map();
            const bloques = stores.includes('catalogo_bloques') ? tx.objectStore('catalogo_bloques').getAll() : null;
            if (bloques) bloques.onsuccess = () => { for (const b of bloques.result) for (const p of b.productos) ids.set(p.id, p); };
            const cambios = tx.objectStore('catalogo').getAll();
            cambios.onsuccess = () => { for (const c of cambios.result) c.eliminado ? ids.delete(c.id) : ids.set(c.id, c); };
            tx.oncomplete = () => { db.close(); ok({ total: ids.size, precio: ids.get(id)?.precio ?? null }); };
            tx.onerror = () => ko(tx.error);
          };
        })
        """;

    private static string Informe(string stamp, int productos, int activos, string chromium, string? loadBefore, Corrida warm,
        List<Corrida> cs, (int Productos, double Ms) delta)
    {
        string Fila(string nombre, Func<Corrida, double> f) =>
            $"| {nombre} | {Median(cs.Select(f)):0} ms | {cs.Max(f):0} ms | {f(warm):0} ms |";
        var md = new StringBuilder();
        md.AppendLine($"# Offline catalog into IndexedDB — {stamp}");
        md.AppendLine();
        md.AppendLine($"`./blendpos bench catalogo-offline` — {productos:N0} products seeded, {activos:N0} active in the download; " +
            $"Chromium {chromium} headless; {cs.Count} runs (new context each: empty IndexedDB) after one warm-up; " +
            $"load average before {loadBefore}, after {BenchMain.LoadAverage()}.");
        md.AppendLine();
        md.AppendLine($"From the start of the full download (`GET /v1/productos/sync`, {cs[^1].BytesRed / 1e6:0.00} MB on the wire, " +
            $"{cs[^1].BytesJson / 1e6:0.0} MB JSON) until IndexedDB committed every product. Bar: {ObjetivoMs / 1000:0} s.");
        md.AppendLine();
        md.AppendLine("| step | median | max | warm-up |");
        md.AppendLine("|---|--:|--:|--:|");
        md.AppendLine(Fila("**end to end: request → all products in IndexedDB**", c => c.Total));
        md.AppendLine(Fila("download (request → last byte)", c => c.Descarga));
        md.AppendLine(Fila("of which: request → first byte (query, JSON, gzip)", c => c.RespuestaInicio - c.Inicio));
        md.AppendLine(Fila("JSON parse (last byte → parsed)", c => c.Parseo));
        md.AppendLine(Fila("slim records (aRegistro)", c => c.Mapeo));
        md.AppendLine(Fila("IndexedDB write (one transaction, committed)", c => c.Escritura));
        md.AppendLine(Fila("then: in-memory index (scan/F2 ready)", c => c.Memoria));
        md.AppendLine();
        md.AppendLine("Runs (ms, end to end): " + string.Join(", ", cs.Select(c => c.Total.ToString("0", Inv))) + ".");
        md.AppendLine();
        md.AppendLine($"Delta after {delta.Productos:N0} price changes (a supplier's price list), the POS's own figure from the request " +
            $"to IndexedDB committed: {delta.Ms:0} ms.");
        return md.ToString();
    }

    private static double Median(IEnumerable<double> xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
