using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BlendPos.Domain.Usuarios;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Reportes;
using BlendPos.Web.Features.Shared;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace BlendPos.Bench;

/// <summary>
/// `./blendpos bench reportes`: a busy kiosk's year — 8 cajeros, one session a day each (counted, with a deviation),
/// ~200,000 sales of 1–5 lines (≈ 3 on average; 2 % voided, 0.5 % offline conflicts), 5,000 products whose price history
/// changes the cost of one in five mid-year — seeded with binary COPY, then each report of Features/Reportes timed
/// through its service method (what a page handler calls): one warm-up and <c>--runs</c> timed calls, median and max.
/// Before measuring, the daily summary job (ResumenService) summarizes the seeded year, as it would have night after
/// night; that catch-up and one night's day are timed too. The issue's bar: a year of reports answers in ≤ 1 s. For
/// reference, the one-year sales and ranking are also timed with every day read live (the summaries marked dirty).
/// </summary>
public static class ReportesBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly TimeZoneInfo Ar = TimeZoneInfo.FindSystemTimeZoneById("America/Argentina/Buenos_Aires");

    public static async Task<int> RunAsync(string[] args)
    {
        var ventas = 200_000;
        var runs = 5;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--sales": ventas = int.Parse(args[++i], Inv); break;
                case "--runs": runs = int.Parse(args[++i], Inv); break;
                case "--keep-db": keep = true; break;
                default: Console.Error.WriteLine("usage: ./blendpos bench reportes [--sales 200000] [--runs 5] [--keep-db]"); return 2;
            }
        }
        var server = Environment.GetEnvironmentVariable("BLENDPOS_BENCH_DATABASE_URL");
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine("BLENDPOS_BENCH_DATABASE_URL is not set: run ./blendpos bench reportes.");
            return 2;
        }
        var redisUrl = Environment.GetEnvironmentVariable("BLENDPOS_BENCH_REDIS_URL");
        const string DbName = "blendpos_bench_reportes";
        var stamp = DateTimeOffset.Now.ToString("yyyyMMdd-HHmmss", Inv);
        var adminPassword = "bench-" + Guid.NewGuid().ToString("N")[..12] + "1";
        var jwtSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var dbUrl = new NpgsqlConnectionStringBuilder(server) { Database = DbName, Pooling = true }.ConnectionString;
        var loadBefore = BenchMain.LoadAverage();
        void Say(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

        await BenchMain.AdminExecAsync(server, $"DROP DATABASE IF EXISTS \"{DbName}\" WITH (FORCE)");
        await BenchMain.AdminExecAsync(server, $"CREATE DATABASE \"{DbName}\"");
        await using var host = new BenchHost(dbUrl, string.IsNullOrWhiteSpace(redisUrl) ? null : redisUrl, "bench-reportes-" + stamp, adminPassword, jwtSecret);
        var baseUri = host.Start();

        // ---- users through the API (8 cajeros, one supervisor who reads the reports)
        using var http = new HttpClient { BaseAddress = baseUri };
        http.DefaultRequestHeaders.Add(BenchHost.ClientIpHeader, "10.0.7.1");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await VentasBench.LoginAsync(http, DatabaseInitializer.AdminUserName, adminPassword));
        var cajeros = new List<Guid>();
        for (var c = 0; c < 8; c++) cajeros.Add(await CrearUsuarioAsync(http, $"caja{c + 1}", "cajero", 101 + c));
        var supervisor = await CrearUsuarioAsync(http, "encargada", "supervisor", 100);

        // ---- seed with COPY
        var rnd = new Random(20261208);
        var todos = Catalog.Generate(5_000, 20261208);
        var catalog = todos.Where(p => p.Active).ToArray();
        var hoy = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Ar).DateTime);
        var primerDia = hoy.AddDays(-364);
        var t0 = Stopwatch.GetTimestamp();
        long items = 0, pagos = 0;
        await using (var conn = new NpgsqlConnection(dbUrl))
        {
            await conn.OpenAsync();
            await Catalog.CopyAsync(conn, todos);
            await CopyHistorialAsync(conn, catalog, Inicio(primerDia.AddDays(-30)), Inicio(primerDia.AddDays(182)), rnd);
            var sesiones = await CopySesionesAsync(conn, cajeros, primerDia, hoy, rnd);
            (items, pagos) = await CopyVentasAsync(conn, ventas, catalog, cajeros, sesiones, primerDia, supervisor, rnd);
            await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE)", conn) { CommandTimeout = 1200 };
            await vacuum.ExecuteNonQueryAsync();
        }
        var seeded = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        Say($"seeded {ventas:N0} sales, {items:N0} lines, {pagos:N0} payments over {primerDia:dd/MM/yyyy}–{hoy:dd/MM/yyyy} with COPY in {seeded:0} s");

        // ---- the daily summary: the whole year at once (a first deploy over old sales), then one night's day
        var t1 = Stopwatch.GetTimestamp();
        int diasResumidos;
        await using (var scope = host.Services.CreateAsyncScope())
            diasResumidos = await scope.ServiceProvider.GetRequiredService<ResumenService>().ResumirPendientesAsync();
        var resumenAnio = Stopwatch.GetElapsedTime(t1).TotalSeconds;
        var t2 = Stopwatch.GetTimestamp();
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ResumenService>().ResumirDiaAsync(hoy.AddDays(-1));
        var resumenDia = Stopwatch.GetElapsedTime(t2).TotalMilliseconds;
        await using (var conn = new NpgsqlConnection(dbUrl))
        {
            await conn.OpenAsync();
            await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) resumen_dias, resumen_ventas, resumen_pagos, resumen_productos", conn) { CommandTimeout = 600 };
            await vacuum.ExecuteNonQueryAsync();
        }
        var filasResumen = await ContarResumenAsync(dbUrl);
        Say($"summarized {diasResumidos} days in {resumenAnio:0.0} s ({resumenAnio * 1000 / Math.Max(1, diasResumidos):0} ms a day; {filasResumen}); " +
            $"one day again: {resumenDia:0} ms");

        // ---- time each report
        var actor = new Actor(supervisor, Roles.Supervisor);
        var anio = new FiltroReporte(primerDia, hoy);
        var mes = new FiltroReporte(hoy.AddDays(-29), hoy);
        var casos = new (string Nombre, Func<ReportesService, Task<string>> Run)[]
        {
            ("dashboard (today)", async s => { var t = await s.TableroAsync(actor); return $"{t.Totales.Tickets:N0} tickets"; }),
            ("sales by day/method/cashier, 1 year", async s => { var r = await s.VentasAsync(anio, actor); return $"{r.Totales.Tickets:N0} tickets, {r.PorDia.Count} days"; }),
            ("sales, 1 year, one punto de venta", async s => { var r = await s.VentasAsync(anio with { PuntoDeVenta = 103 }, actor); return $"{r.Totales.Tickets:N0} tickets"; }),
            ("sales, last 30 days", async s => { var r = await s.VentasAsync(mes, actor); return $"{r.Totales.Tickets:N0} tickets"; }),
            ("products ranking with margin, 1 year (page: 100 rows)", async s => { var r = await s.ProductosAsync(anio, OrdenRanking.Unidades, actor); return $"{r.ProductosVendidos:N0} products, {r.Unidades:N0} units"; }),
            ("products ranking, 1 year, all rows (CSV)", async s => { var r = await s.ProductosAsync(anio, OrdenRanking.Ingresos, actor, limite: null); return $"{ReportesCsv.Productos(r).Length / 1024:N0} kB CSV"; }),
            ("products ranking, last 30 days", async s => { var r = await s.ProductosAsync(mes, OrdenRanking.Unidades, actor); return $"{r.ProductosVendidos:N0} products"; }),
            ("cash sessions with deviations, 1 year", async s => { var r = await s.CajaAsync(anio, actor); return $"{r.Sesiones.Count:N0} sessions"; }),
            ("voids, 1 year", async s => { var r = await s.AnulacionesAsync(anio, actor); return $"{r.Filas.Count:N0} voids"; }),
            ("offline conflicts, 1 year", async s => { var r = await s.ConflictosAsync(anio, actor); return $"{r.Filas.Count:N0} sales"; }),
            (Vivo + "sales by day/method/cashier, 1 year", async s => { var r = await s.VentasAsync(anio, actor); return $"{r.Totales.Tickets:N0} tickets, {r.PorDia.Count} days"; }),
            (Vivo + "products ranking with margin, 1 year", async s => { var r = await s.ProductosAsync(anio, OrdenRanking.Unidades, actor); return $"{r.ProductosVendidos:N0} products, {r.Unidades:N0} units"; }),
        };
        var filas = new List<(string Nombre, double Median, double Max, string Resultado)>();
        var resultados = new Dictionary<string, string>();
        foreach (var (nombre, run) in casos)
        {
            if (nombre.StartsWith(Vivo, StringComparison.Ordinal) && !filas.Any(f => f.Nombre.StartsWith(Vivo, StringComparison.Ordinal)))
                await ExecAsync(dbUrl, "UPDATE resumen_dias SET sucio = true"); // reference: every day read live
            string resultado;
            await using (var warm = host.Services.CreateAsyncScope()) resultado = await run(warm.ServiceProvider.GetRequiredService<ReportesService>());
            var ms = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                await using var scope = host.Services.CreateAsyncScope();
                var s = scope.ServiceProvider.GetRequiredService<ReportesService>();
                var start = Stopwatch.GetTimestamp();
                await run(s);
                ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            ms.Sort();
            filas.Add((nombre, ms[ms.Count / 2], ms[^1], resultado));
            resultados[nombre] = resultado;
            Say($"{nombre}: median {ms[ms.Count / 2]:0} ms, max {ms[^1]:0} ms ({resultado})");
        }

        var environment = await BenchMain.DescribeServerAsync(dbUrl);
        var md = new StringBuilder();
        md.AppendLine($"# Reports benchmark — {stamp}");
        md.AppendLine();
        md.AppendLine($"`./blendpos bench reportes --sales {ventas}` — {ventas:N0} sales ({items:N0} lines, {pagos:N0} payments), 8 cajeros, " +
                      $"{catalog.Length:N0} products, one year ({primerDia:dd/MM/yyyy}–{hoy:dd/MM/yyyy}); seeded with COPY in {seeded:0} s. {environment}. " +
                      $"Daily summary (ResumenService) of the {diasResumidos} ended days: {resumenAnio:0.0} s ({resumenAnio * 1000 / Math.Max(1, diasResumidos):0} ms a day; " +
                      $"{filasResumen}); one day summarized again: {resumenDia:0} ms. " +
                      $"Load average before {loadBefore}, after {BenchMain.LoadAverage()}. Times: the service method a page calls (one read-only " +
                      $"transaction, one batch), 1 warm-up + {runs} runs.");
        md.AppendLine();
        md.AppendLine("| report | median ms | max ms | ≤ 1 s | result |");
        md.AppendLine("|---|--:|--:|:-:|---|");
        foreach (var f in filas) md.AppendLine($"| {f.Nombre} | {f.Median:0} | {f.Max:0} | {(f.Max <= 1000 ? "yes" : "**no**")} | {f.Resultado} |");
        // The summaries must not change a number: the live reference gives the same result line.
        var iguales = resultados[Vivo + "sales by day/method/cashier, 1 year"] == resultados["sales by day/method/cashier, 1 year"]
            && resultados[Vivo + "products ranking with margin, 1 year"] == resultados["products ranking with margin, 1 year (page: 100 rows)"];
        md.AppendLine();
        md.AppendLine(iguales ? "The live reference rows give the same results as the summarized ones." : "**The live reference rows differ from the summarized ones.**");
        md.AppendLine();
        md.AppendLine("Plan (EXPLAIN ANALYZE) of the year's heaviest statement, the ranking's summary rows:");
        md.AppendLine();
        md.AppendLine("```");
        md.AppendLine(await ExplainAsync(dbUrl, "SELECT producto_id, sum(unidades), sum(ingresos), sum(costo), sum(unidades_sin_costo) FROM resumen_productos " +
            $"WHERE dia = ANY(ARRAY(SELECT dia FROM resumen_dias WHERE dia >= '{primerDia:yyyy-MM-dd}' AND dia < '{hoy:yyyy-MM-dd}')) GROUP BY 1"));
        md.AppendLine("```");
        var outDir = Path.Combine(Repo.Root, ".data", "bench");
        Directory.CreateDirectory(outDir);
        var file = Path.Combine(outDir, $"reportes-{stamp}.md");
        await File.WriteAllTextAsync(file, md.ToString());
        Console.WriteLine();
        Console.WriteLine(md.ToString());
        Say($"report: .data/bench/reportes-{stamp}.md");
        await host.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (!keep) await BenchMain.AdminExecAsync(server, $"DROP DATABASE IF EXISTS \"{DbName}\" WITH (FORCE)");
        return iguales && filas.Where(f => !f.Nombre.StartsWith(Vivo, StringComparison.Ordinal)).All(f => f.Max <= 1000) ? 0 : 1;
    }

    /// <summary>The reference cases' prefix: measured with no day summarized, outside the bar.</summary>
    private const string Vivo = "reference, all live: ";

    private static async Task ExecAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<string> ContarResumenAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM resumen_ventas), (SELECT count(*) FROM resumen_pagos), (SELECT count(*) FROM resumen_productos)
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return $"{r.GetInt64(0):N0} sales rows, {r.GetInt64(1):N0} payment rows, {r.GetInt64(2):N0} product rows";
    }

    private static DateTimeOffset Inicio(DateOnly dia)
    {
        var local = dia.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Ar.GetUtcOffset(local)).ToUniversalTime();
    }

    private static async Task<Guid> CrearUsuarioAsync(HttpClient http, string username, string rol, int pdv)
    {
        var r = await http.PostAsJsonAsync("/v1/usuarios", new { username, nombre_completo = "Bench " + username, rol, punto_de_venta = pdv, password = "bench-clave-1234" });
        var body = await r.Content.ReadAsStringAsync();
        if (r.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"creating {username}: {(int)r.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>Every product's price from before the year; one in five changes its cost (+15 %) mid-year.</summary>
    private static async Task CopyHistorialAsync(NpgsqlConnection conn, SeedProduct[] catalog, DateTimeOffset desde, DateTimeOffset cambio, Random rnd)
    {
        await using var w = await conn.BeginBinaryImportAsync("COPY precios_historial (producto_id, precio_costo, precio_venta, vigente_desde) FROM STDIN (FORMAT BINARY)");
        foreach (var p in catalog)
        {
            var cambia = rnd.Next(5) == 0;
            await w.StartRowAsync();
            await w.WriteAsync(p.Id, NpgsqlDbType.Uuid);
            await w.WriteAsync(cambia ? Math.Round(p.Cost / 1.15m, 2) : p.Cost, NpgsqlDbType.Numeric);
            await w.WriteAsync(p.Price, NpgsqlDbType.Numeric);
            await w.WriteAsync(desde, NpgsqlDbType.TimestampTz);
            if (!cambia) continue;
            await w.StartRowAsync();
            await w.WriteAsync(p.Id, NpgsqlDbType.Uuid);
            await w.WriteAsync(p.Cost, NpgsqlDbType.Numeric);
            await w.WriteAsync(p.Price, NpgsqlDbType.Numeric);
            await w.WriteAsync(cambio, NpgsqlDbType.TimestampTz);
        }
        await w.CompleteAsync();
    }

    /// <summary>One session a day per cajero (07:00–23:30), counted, with a small deviation; today's are still open.</summary>
    private static async Task<Dictionary<(int Cajero, DateOnly Dia), Guid>> CopySesionesAsync(NpgsqlConnection conn, List<Guid> cajeros, DateOnly primerDia,
        DateOnly hoy, Random rnd)
    {
        var ids = new Dictionary<(int, DateOnly), Guid>();
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY sesiones_caja (id, punto_de_venta, usuario_id, monto_inicial, monto_esperado, monto_declarado, desvio, desvio_pct, clasificacion, estado, opened_at, closed_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var d = primerDia; d <= hoy; d = d.AddDays(1))
            {
                for (var c = 0; c < cajeros.Count; c++)
                {
                    var id = Guid.NewGuid();
                    ids[(c, d)] = id;
                    var abierta = d == hoy;
                    var esperado = 150_000m + rnd.Next(0, 100_000);
                    var desvio = rnd.Next(10) == 0 ? -rnd.Next(1000, 12000) : rnd.Next(-300, 300);
                    var pct = Math.Round(desvio * 100m / esperado, 2);
                    await w.StartRowAsync();
                    await w.WriteAsync(id, NpgsqlDbType.Uuid);
                    await w.WriteAsync(101 + c, NpgsqlDbType.Integer);
                    await w.WriteAsync(cajeros[c], NpgsqlDbType.Uuid);
                    await w.WriteAsync(10_000m, NpgsqlDbType.Numeric);
                    if (abierta)
                    {
                        for (var k = 0; k < 5; k++) await w.WriteNullAsync();
                        await w.WriteAsync("abierta", NpgsqlDbType.Varchar);
                    }
                    else
                    {
                        await w.WriteAsync(esperado, NpgsqlDbType.Numeric);
                        await w.WriteAsync(esperado + desvio, NpgsqlDbType.Numeric);
                        await w.WriteAsync((decimal)desvio, NpgsqlDbType.Numeric);
                        await w.WriteAsync(pct, NpgsqlDbType.Numeric);
                        await w.WriteAsync(Math.Abs(pct) <= 1 ? "normal" : Math.Abs(pct) <= 5 ? "warning" : "critico", NpgsqlDbType.Varchar);
                        await w.WriteAsync("cerrada", NpgsqlDbType.Varchar);
                    }
                    await w.WriteAsync(Inicio(d).AddHours(7), NpgsqlDbType.TimestampTz);
                    if (abierta) await w.WriteNullAsync(); else await w.WriteAsync(Inicio(d).AddHours(23.5), NpgsqlDbType.TimestampTz);
                }
            }
            await w.CompleteAsync();
        }
        return ids;
    }

    private static async Task<(long Items, long Pagos)> CopyVentasAsync(NpgsqlConnection conn, int n, SeedProduct[] catalog, List<Guid> cajeros,
        Dictionary<(int, DateOnly), Guid> sesiones, DateOnly primerDia, Guid supervisor, Random rnd)
    {
        // Sales in time order, so each punto de venta's tickets are gap-free and rise with time.
        var momentos = new (DateOnly Dia, int Cajero, DateTimeOffset At)[n];
        var ahora = DateTimeOffset.UtcNow;
        for (var i = 0; i < n; i++)
        {
            var dia = primerDia.AddDays(rnd.Next(365));
            var at = Inicio(dia).AddHours(7).AddSeconds(rnd.Next(16 * 3600));
            if (at > ahora) at = ahora.AddSeconds(-rnd.Next(1, 3600)); // today: only up to now
            momentos[i] = (dia, rnd.Next(cajeros.Count), at);
        }
        Array.Sort(momentos, (a, b) => a.At.CompareTo(b.At));
        var tickets = new long[cajeros.Count];
        var hot = catalog.Take(300).ToArray(); // a kiosk sells a few hundred products most of the time
        var ventas = new List<(Guid Id, int Cajero, DateOnly Dia, DateTimeOffset At, decimal Total, decimal Vuelto, bool Anulada, bool Conflicto)>(n);
        var lineasDe = new List<(Guid VentaId, SeedProduct Producto, int Cantidad)>(n * 3);
        long itemCount = 0, pagoCount = 0;
        foreach (var (dia, cajero, at) in momentos)
        {
            var id = Guid.NewGuid();
            var lineas = 1 + (int)Math.Min(4, Math.Floor(-Math.Log(1 - rnd.NextDouble()) * 2));
            decimal total = 0;
            foreach (var p in Enumerable.Range(0, lineas).Select(_ => rnd.Next(4) == 0 ? catalog[rnd.Next(catalog.Length)] : hot[rnd.Next(hot.Length)]).DistinctBy(p => p.Id))
            {
                var cantidad = rnd.Next(6) == 0 ? 2 : 1;
                lineasDe.Add((id, p, cantidad));
                total += p.Price * cantidad;
            }
            var vuelto = rnd.Next(2) == 0 ? Math.Ceiling(total / 1000m) * 1000m - total : 0m;
            ventas.Add((id, cajero, dia, at, total, vuelto, rnd.Next(50) == 0, rnd.Next(200) == 0));
        }

        await using (var wv = await conn.BeginBinaryImportAsync(
            "COPY ventas (id, numero_ticket, punto_de_venta, sesion_caja_id, usuario_id, subtotal, descuento_total, total, vuelto, estado, conflicto_stock, " +
            "conflicto_precio, conflicto_sesion, conflicto_fecha, offline, motivo_anulacion, anulada_por_id, anulada_at, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var v in ventas)
            {
                await wv.StartRowAsync();
                await wv.WriteAsync(v.Id, NpgsqlDbType.Uuid);
                await wv.WriteAsync(++tickets[v.Cajero], NpgsqlDbType.Bigint);
                await wv.WriteAsync(101 + v.Cajero, NpgsqlDbType.Integer);
                await wv.WriteAsync(sesiones[(v.Cajero, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(v.At, Ar).DateTime))], NpgsqlDbType.Uuid);
                await wv.WriteAsync(cajeros[v.Cajero], NpgsqlDbType.Uuid);
                await wv.WriteAsync(v.Total, NpgsqlDbType.Numeric);
                await wv.WriteAsync(0m, NpgsqlDbType.Numeric);
                await wv.WriteAsync(v.Total, NpgsqlDbType.Numeric);
                await wv.WriteAsync(v.Vuelto, NpgsqlDbType.Numeric);
                await wv.WriteAsync(v.Anulada ? "anulada" : "completada", NpgsqlDbType.Varchar);
                await wv.WriteAsync(v.Conflicto, NpgsqlDbType.Boolean);
                await wv.WriteAsync(false, NpgsqlDbType.Boolean);
                await wv.WriteAsync(false, NpgsqlDbType.Boolean);
                await wv.WriteAsync(false, NpgsqlDbType.Boolean);
                await wv.WriteAsync(v.Conflicto, NpgsqlDbType.Boolean);
                if (v.Anulada)
                {
                    await wv.WriteAsync("Cliente se arrepintió", NpgsqlDbType.Varchar);
                    await wv.WriteAsync(supervisor, NpgsqlDbType.Uuid);
                    await wv.WriteAsync(v.At.AddMinutes(3), NpgsqlDbType.TimestampTz);
                }
                else
                {
                    await wv.WriteNullAsync();
                    await wv.WriteNullAsync();
                    await wv.WriteNullAsync();
                }
                await wv.WriteAsync(v.At, NpgsqlDbType.TimestampTz);
            }
            await wv.CompleteAsync();
        }

        await using (var wi = await conn.BeginBinaryImportAsync(
            "COPY venta_items (id, venta_id, producto_id, codigo_barras, nombre, cantidad, precio_unitario, descuento_item, subtotal, alicuota_iva) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (ventaId, p, cantidad) in lineasDe)
            {
                await wi.StartRowAsync();
                await wi.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await wi.WriteAsync(ventaId, NpgsqlDbType.Uuid);
                await wi.WriteAsync(p.Id, NpgsqlDbType.Uuid);
                await wi.WriteAsync(p.Barcode, NpgsqlDbType.Varchar);
                await wi.WriteAsync(p.Name.Length > 200 ? p.Name[..200] : p.Name, NpgsqlDbType.Varchar);
                await wi.WriteAsync(cantidad, NpgsqlDbType.Integer);
                await wi.WriteAsync(p.Price, NpgsqlDbType.Numeric);
                await wi.WriteAsync(0m, NpgsqlDbType.Numeric);
                await wi.WriteAsync(p.Price * cantidad, NpgsqlDbType.Numeric);
                await wi.WriteAsync(p.Iva, NpgsqlDbType.Numeric);
                itemCount++;
            }
            await wi.CompleteAsync();
        }

        await using (var wp = await conn.BeginBinaryImportAsync("COPY venta_pagos (id, venta_id, metodo, monto) FROM STDIN (FORMAT BINARY)"))
        {
            string[] metodos = ["efectivo", "efectivo", "debito", "credito", "transferencia"];
            foreach (var v in ventas)
            {
                var metodo = v.Vuelto > 0 ? "efectivo" : metodos[rnd.Next(metodos.Length)];
                var dos = v.Vuelto == 0 && v.Total > 2000 && rnd.Next(10) == 0;
                var primero = dos ? Math.Round(v.Total / 2, 2) : v.Total + v.Vuelto;
                await wp.StartRowAsync();
                await wp.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await wp.WriteAsync(v.Id, NpgsqlDbType.Uuid);
                await wp.WriteAsync(metodo, NpgsqlDbType.Varchar);
                await wp.WriteAsync(primero, NpgsqlDbType.Numeric);
                pagoCount++;
                if (!dos) continue;
                await wp.StartRowAsync();
                await wp.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await wp.WriteAsync(v.Id, NpgsqlDbType.Uuid);
                await wp.WriteAsync("efectivo", NpgsqlDbType.Varchar);
                await wp.WriteAsync(v.Total - primero, NpgsqlDbType.Numeric);
                pagoCount++;
            }
            await wp.CompleteAsync();
        }
        return (itemCount, pagoCount);
    }

    private static async Task<string> ExplainAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("EXPLAIN (ANALYZE, COSTS OFF) " + sql, conn);
        var lines = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) lines.Add(r.GetString(0));
        return string.Join('\n', lines);
    }
}
