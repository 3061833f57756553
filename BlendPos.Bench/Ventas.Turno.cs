using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace BlendPos.Bench;

/// <summary>
/// `./blendpos bench turno`: a shift, not a stress loop. Every terminal serves customers for a bounded time the way a
/// cashier does — scans with a pause between items (the scanner and the hand), now and then an F2 name search, the
/// payment after a pause, then the next customer — through the page, as the browser does (<c>POST /pos?handler=Linea</c>
/// with <c>parcial=1</c>, <c>GET /pos?handler=Buscar</c>, <c>POST /pos?handler=Cobrar</c>). It reports p50/p95/p99 per
/// operation on both sides of the socket, the errors, and the raw-SQL floor measured in the same run at the same
/// concurrency (closed loop, no pauses); with --readme it writes its table into README.md's performance section.
/// </summary>
public static partial class VentasBench
{
    private static readonly CultureInfo InvT = CultureInfo.InvariantCulture;
    private const string ReadmeDesde = "<!-- bench:turno -->";
    private const string ReadmeHasta = "<!-- /bench:turno -->";

    /// <summary>Sales the last shift registered (the correctness checks count them with the rest).</summary>
    private static long UltimoTurnoVentas;

    private sealed class Operacion(string nombre)
    {
        public string Nombre { get; } = nombre;
        public ConcurrentQueue<long> Ticks { get; } = new();
        public int Errores;
        public string? PrimerError;

        public void Fallo(string error)
        {
            Interlocked.Increment(ref Errores);
            Interlocked.CompareExchange(ref PrimerError, error, null);
        }
    }

    private static async Task<string> TurnoAsync(Terminal[] terminals, int segundos, ServerTimings timings, Func<Terminal, Sale> make,
        Action<Sale> account, Func<int, int, Task> rawLookup, Func<int, int, Task> rawSale, Action<string> say)
    {
        var n = terminals.Length;
        var escaneo = new Operacion("escaneo");
        var busqueda = new Operacion("busqueda");
        var venta = new Operacion("venta");
        var ventas = 0L;

        async Task Timed(Operacion op, Func<Task<string?>> call)
        {
            var t0 = Stopwatch.GetTimestamp();
            try
            {
                var error = await call();
                if (error is null) op.Ticks.Enqueue(Stopwatch.GetTimestamp() - t0);
                else op.Fallo(error);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                op.Fallo(e.Message);
            }
        }

        List<KeyValuePair<string, string>> Carrito(Terminal t, IEnumerable<Line> lineas)
        {
            var form = new List<KeyValuePair<string, string>>();
            foreach (var l in lineas)
            {
                form.Add(new("linea_barcode", l.Prod.Barcode));
                form.Add(new("linea_cantidad", l.Qty.ToString(InvT)));
            }
            form.Add(new("__RequestVerificationToken", t.PageToken));
            return form;
        }

        async Task<string?> Enviar(Terminal t, HttpRequestMessage request, string op, string debeContener)
        {
            request.Headers.Add(ServerTimings.OpHeader, op);
            using var response = await t.Page.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.OK && body.Contains(debeContener, StringComparison.Ordinal)
                ? null : $"{op}: {(int)response.StatusCode} {body[..Math.Min(200, body.Length)]}";
        }

        Task<string?> Escanear(Terminal t, Sale s, int i)
        {
            var form = Carrito(t, s.Lines.Take(i));
            var l = s.Lines[i];
            form.Add(new("codigo", l.Qty == 1 ? l.Prod.Barcode : $"{l.Qty}*{l.Prod.Barcode}"));
            form.Add(new("parcial", "1"));
            return Enviar(t, new HttpRequestMessage(HttpMethod.Post, "/pos?handler=Linea") { Content = new FormUrlEncodedContent(form) },
                "escaneo", l.Prod.Barcode);
        }

        string Palabras(Terminal t) => string.Join(' ', t.Ordinary[t.Rnd.Next(t.Ordinary.Length)].Name.Split(' ').Take(2));

        Task<string?> Buscar(Terminal t, string q) =>
            Enviar(t, new HttpRequestMessage(HttpMethod.Get, "/pos?handler=Buscar&q=" + Uri.EscapeDataString(q)), "busqueda", "pos-buscar");

        Task<string?> Cobrar(Terminal t, Sale s)
        {
            var form = Carrito(t, s.Lines);
            form.Add(new("venta_id", s.Id.ToString()));
            form.Add(new("pago_debito", s.Debito.ToString("0", InvT)));
            form.Add(new("pago_efectivo", s.Efectivo.ToString("0", InvT)));
            return Enviar(t, new HttpRequestMessage(HttpMethod.Post, "/pos?handler=Cobrar") { Content = new FormUrlEncodedContent(form) },
                "venta", "data-venta-registrada");
        }

        // Warm-up, closed loop: the JIT settles on the shift's own requests before anything is timed.
        var seq = (int k) => Enumerable.Range(0, k).ToArray();
        await Measure.WarmUpAsync(n, seq(Math.Max(200, n * 25)), async (c, _) =>
        {
            var t = terminals[c];
            var s = make(t);
            await Escanear(t, s, s.Lines.Length - 1);
            await Buscar(t, Palabras(t));
            if (await Cobrar(t, s) is null)
            {
                account(s);
                Interlocked.Increment(ref ventas);
            }
        });

        // The raw floor, in this run, at this concurrency.
        var rawScan = await Measure.ClosedLoopAsync(n, seq(4000), rawLookup);
        var rawVenta = await Measure.ClosedLoopAsync(n, seq(1000), rawSale);
        var rawBusqueda = await Measure.ClosedLoopAsync(n, seq(1000), (c, _) => terminals[c].RawLookup!.WordsAsync(Palabras(terminals[c]), broad: false));
        timings.TakeOps();

        var vendidasAntes = Interlocked.Read(ref ventas);
        say($"--- shift: {n} terminals for {segundos} s (scan every 0.15–0.45 s, F2 search for 1 customer in 5, payment after 0.5–1.5 s, next customer after 0.3–0.9 s)");
        var antes = RuntimeCounters.Now();
        var reloj = Stopwatch.StartNew();
        var fin = TimeSpan.FromSeconds(segundos);
        async Task Pausa(Random rnd, int desdeMs, int hastaMs) => await Task.Delay(rnd.Next(desdeMs, hastaMs));
        await Task.WhenAll(terminals.Select(t => Task.Run(async () =>
        {
            while (reloj.Elapsed < fin)
            {
                var s = make(t);
                for (var i = 0; i < s.Lines.Length; i++)
                {
                    await Pausa(t.Rnd, 150, 450);
                    await Timed(escaneo, () => Escanear(t, s, i));
                }
                if (t.Rnd.Next(5) == 0)
                {
                    await Pausa(t.Rnd, 500, 1500);
                    await Timed(busqueda, () => Buscar(t, Palabras(t)));
                }
                await Pausa(t.Rnd, 500, 1500);
                var antesDeCobrar = venta.Ticks.Count;
                await Timed(venta, () => Cobrar(t, s));
                if (venta.Ticks.Count > antesDeCobrar)
                {
                    account(s);
                    Interlocked.Increment(ref ventas);
                }
                await Pausa(t.Rnd, 300, 900);
            }
        })));
        var wall = reloj.Elapsed;
        var runtime = RuntimeCounters.Now() - antes;
        var servidor = timings.TakeOps();
        UltimoTurnoVentas = ventas;

        var filas = new[] { (escaneo, rawScan, "una consulta por código"), (busqueda, rawBusqueda, "la búsqueda por palabras"), (venta, rawVenta, "la venta en una transacción") };
        var md = new StringBuilder();
        md.AppendLine($"Turno de {segundos} s con {n} terminales en {Environment.ProcessorCount} núcleos ({DateTime.Now:yyyy-MM-dd HH:mm}, " +
                      $"carga antes/después {BenchMain.LoadAverage() ?? "?"}), 50.000 productos, `./blendpos bench turno`. Tiempos en ms; " +
                      "*cliente* = del lado del navegador sobre HTTP local, *servidor* = dentro de la app, *piso SQL* = lo mismo en SQL " +
                      "directo, en la misma corrida y con la misma concurrencia (sin pausas).");
        md.AppendLine();
        md.AppendLine("| operación | n | errores | cliente p50 | p95 | p99 | servidor p50 | servidor p99 | piso SQL p50 | piso SQL p99 | piso de |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        foreach (var (op, raw, piso) in filas)
        {
            var c = Stats.From(op.Ticks.ToArray(), wall);
            var sv = Stats.From(servidor.GetValueOrDefault(op.Nombre) ?? [], wall);
            md.AppendLine($"| {op.Nombre} | {c.Count:N0} | {op.Errores} | {Report.Ms(c.P50)} | {Report.Ms(c.P95)} | {Report.Ms(c.P99)} | " +
                          $"{Report.Ms(sv.P50)} | {Report.Ms(sv.P99)} | {Report.Ms(raw.P50)} | {Report.Ms(raw.P99)} | {piso} |");
        }
        md.AppendLine();
        var delTurno = ventas - vendidasAntes;
        md.AppendLine($"{delTurno:N0} ventas en {wall.TotalSeconds:0} s ({delTurno / wall.TotalSeconds:0.0} por segundo); todo el proceso (app y terminales): " +
                      runtime.Describe(filas.Sum(f => f.Item1.Ticks.Count), wall) + ".");
        foreach (var (op, _, _) in filas.Where(f => f.Item1.PrimerError is not null))
            md.AppendLine($"\nPrimer error de {op.Nombre}: `{op.PrimerError}`");
        var texto = md.ToString();
        Console.WriteLine();
        Console.WriteLine(texto);
        return texto;
    }

    /// <summary>Replaces the table between the README's bench:turno markers with this run's.</summary>
    private static void EscribirEnReadme(string tabla)
    {
        var path = Path.Combine(Repo.Root, "README.md");
        var readme = File.ReadAllText(path);
        var desde = readme.IndexOf(ReadmeDesde, StringComparison.Ordinal);
        var hasta = readme.IndexOf(ReadmeHasta, StringComparison.Ordinal);
        if (desde < 0 || hasta < desde)
        {
            Console.Error.WriteLine($"README.md has no {ReadmeDesde} … {ReadmeHasta} section: the table was not written there.");
            return;
        }
        readme = readme[..(desde + ReadmeDesde.Length)] + "\n" + tabla.TrimEnd() + "\n" + readme[hasta..];
        File.WriteAllText(path, readme);
        Console.WriteLine("README.md: performance table updated.");
    }
}
