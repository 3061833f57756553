using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using Npgsql;

namespace BlendPos.Tests.Features.Fallas;

/// <summary>One cashier at one punto de venta with an open drawer, talking to the app through a bearer token.</summary>
public sealed record Terminal(string Usuario, string Token, Guid SesionId, int PuntoDeVenta);

public sealed record Articulo(Guid Id, string Codigo, decimal Precio);

/// <summary>A sale as the client made it: its own id, what it sold, what it paid (exact cash).</summary>
public sealed record VentaEnviada(Guid Id, Terminal Terminal, (Articulo Articulo, int Cantidad)[] Lineas)
{
    public decimal Total => Lineas.Sum(l => l.Articulo.Precio * l.Cantidad);

    public object Body => new
    {
        id = Id, sesion_caja_id = Terminal.SesionId,
        items = Lineas.Select(l => new { barcode = l.Articulo.Codigo, cantidad = l.Cantidad }).ToArray(),
        pagos = new[] { new { metodo = "efectivo", monto = Total } },
    };
}

/// <summary>What a load run saw: every sale sent, the ones a 2xx acknowledged, and every answer's status.</summary>
public sealed class Registro
{
    public ConcurrentDictionary<Guid, VentaEnviada> Enviadas { get; } = new();
    public ConcurrentDictionary<Guid, int> Confirmadas { get; } = new();
    public ConcurrentBag<(int Status, string Body, TimeSpan Duracion)> Fallidas { get; } = new();
    public ConcurrentBag<string> SinRespuesta { get; } = new();
    public IEnumerable<VentaEnviada> NoConfirmadas => Enviadas.Values.Where(v => !Confirmadas.ContainsKey(v.Id));
}

internal static class FallasKit
{
    public const string Clave = "clave-1234";
    public const int StockInicial = 100_000;
    private static int _seq;

    public static HttpClient Cliente(Uri baseAddress, string? token = null, TimeSpan? timeout = null)
    {
        var c = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
            { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        if (token is not null) c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return c;
    }

    public static async Task<string> TokenAsync(HttpClient client, string usuario, string clave) =>
        (await BlendPosApp.LoginAsync(client, usuario, clave)).GetProperty("access_token").GetString()!;

    public static Task<string> AdminTokenAsync(HttpClient client) =>
        TokenAsync(client, DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword);

    public static async Task<Articulo[]> ArticulosAsync(HttpClient admin, int cuantos)
    {
        var r = new List<Articulo>();
        for (var i = 0; i < cuantos; i++)
        {
            var d = $"7793{Environment.ProcessId % 1000:D3}{Interlocked.Increment(ref _seq):D5}";
            var codigo = d + BlendPos.Domain.Catalogo.Gtin.ComputeCheckDigit(d);
            var precio = 100m + 25.50m * i;
            var json = await (await admin.PostAsJsonAsync("/v1/productos", new
            {
                codigo_barras = codigo, nombre = "Falla " + codigo, categoria = "Almacén",
                precio_costo = Math.Round(precio * 0.6m, 2), precio_venta = precio, stock_actual = StockInicial,
            })).ShouldBeAsync(HttpStatusCode.Created);
            r.Add(new Articulo(json.GetProperty("id").GetGuid(), codigo, precio));
        }
        return [.. r];
    }

    /// <summary>Cashiers on puntos de venta <paramref name="primerPdv"/>…, each signed in with a drawer open.</summary>
    public static async Task<Terminal[]> TerminalesAsync(HttpClient admin, int cuantas, int primerPdv)
    {
        return await Task.WhenAll(Enumerable.Range(0, cuantas).Select(async i =>
        {
            var usuario = $"falla{primerPdv + i}{Guid.NewGuid():N}"[..16];
            await (await admin.PostAsJsonAsync("/v1/usuarios", new
            {
                username = usuario, nombre_completo = "Cajero " + usuario, rol = "cajero", punto_de_venta = primerPdv + i, password = Clave,
            })).ShouldBeAsync(HttpStatusCode.Created);
            using var c = Cliente(admin.BaseAddress!);
            var token = await TokenAsync(c, usuario, Clave);
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var sesion = await (await c.PostAsJsonAsync("/v1/caja/abrir", new { monto_inicial = 1000m })).ShouldBeAsync(HttpStatusCode.Created);
            return new Terminal(usuario, token, sesion.GetProperty("id").GetGuid(), primerPdv + i);
        }));
    }

    public static VentaEnviada NuevaVenta(Terminal t, Articulo[] articulos, Random rnd)
    {
        var elegidos = articulos.OrderBy(_ => rnd.Next()).Take(rnd.Next(1, Math.Min(4, articulos.Length) + 1));
        return new VentaEnviada(Guid.NewGuid(), t, [.. elegidos.Select(a => (a, rnd.Next(1, 4)))]);
    }

    /// <summary>
    /// One terminal selling until <paramref name="parar"/>: each sale recorded before it is sent; a 2xx acknowledges it,
    /// an answer of another status is kept with its time, no answer at all (the app died) ends the loop.
    /// </summary>
    public static async Task VenderAsync(HttpClient client, Terminal t, Articulo[] articulos, Registro registro, int semilla,
        CancellationToken parar, bool seguirSinRespuesta = false)
    {
        var rnd = new Random(semilla);
        while (!parar.IsCancellationRequested)
        {
            var v = NuevaVenta(t, articulos, rnd);
            registro.Enviadas[v.Id] = v;
            var reloj = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                using var r = await client.PostAsJsonAsync("/v1/ventas", v.Body, CancellationToken.None);
                var body = await r.Content.ReadAsStringAsync(CancellationToken.None);
                if (r.IsSuccessStatusCode) registro.Confirmadas[v.Id] = (int)r.StatusCode;
                else registro.Fallidas.Add(((int)r.StatusCode, body, reloj.Elapsed));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                registro.SinRespuesta.Add($"{e.GetType().Name} after {reloj.Elapsed.TotalSeconds:0.0} s: {e.Message}");
                if (!seguirSinRespuesta) return;
            }
        }
    }

    /// <summary>Sends each sale again with its own id; returns the statuses (200 = already there, 201 = created now).</summary>
    public static async Task<int[]> ReenviarAsync(Uri baseAddress, IEnumerable<VentaEnviada> ventas)
    {
        var porTerminal = ventas.GroupBy(v => v.Terminal);
        var statuses = new ConcurrentBag<int>();
        await Task.WhenAll(porTerminal.Select(async g =>
        {
            using var c = Cliente(baseAddress, g.Key.Token);
            foreach (var v in g)
            {
                using var r = await c.PostAsJsonAsync("/v1/ventas", v.Body);
                var body = await r.Content.ReadAsStringAsync();
                Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"re-sending {v.Id}: {(int)r.StatusCode} {body}");
                Assert.Equal(v.Id, JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid());
                statuses.Add((int)r.StatusCode);
            }
        }));
        return [.. statuses];
    }

    /// <summary>
    /// The database after the fault: every acknowledged sale is there; no sale is partial (items, payments, drawer
    /// movements and stock ledger all present and adding up); each stored sale is exactly what its client sent; stock
    /// moved exactly by the stored sales; ticket numbers per punto de venta run 1…n with no gap and no repeat.
    /// Returns the ids stored.
    /// </summary>
    public static async Task<HashSet<Guid>> VerificarAsync(string connectionString, Registro registro, Articulo[] articulos)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();

        var guardadas = new HashSet<Guid>();
        await using (var cmd = new NpgsqlCommand("SELECT id FROM ventas", db))
        await using (var rd = await cmd.ExecuteReaderAsync())
            while (await rd.ReadAsync()) guardadas.Add(rd.GetGuid(0));
        var perdidas = registro.Confirmadas.Keys.Where(id => !guardadas.Contains(id)).ToList();
        Assert.True(perdidas.Count == 0, $"{perdidas.Count} acknowledged sales are not in the database: {string.Join(", ", perdidas)}");
        var ajenas = guardadas.Where(id => !registro.Enviadas.ContainsKey(id)).ToList();
        Assert.True(ajenas.Count == 0, $"sales nobody sent: {string.Join(", ", ajenas)}");

        // Partial sales: a sale row without its pieces, or whose pieces do not add up to its total.
        var parciales = await ListaAsync(db, """
            SELECT v.id::text || ' ' || coalesce(i.n, 0) || ' items ' || coalesce(p.pagado, 0) || ' paid '
                   || coalesce(m.caja, 0) || ' drawer ' || coalesce(s.n, 0) || ' ledger, total ' || v.total
            FROM ventas v
            LEFT JOIN (SELECT venta_id, count(*) n, sum(subtotal) sub FROM venta_items GROUP BY venta_id) i ON i.venta_id = v.id
            LEFT JOIN (SELECT venta_id, sum(monto) pagado FROM venta_pagos GROUP BY venta_id) p ON p.venta_id = v.id
            LEFT JOIN (SELECT referencia_id, sum(monto) caja FROM movimientos_caja WHERE tipo = 'venta' GROUP BY referencia_id) m ON m.referencia_id = v.id
            LEFT JOIN (SELECT referencia_id, count(*) n FROM movimientos_stock GROUP BY referencia_id) s ON s.referencia_id = v.id
            WHERE i.n IS NULL OR s.n IS NULL OR i.sub IS DISTINCT FROM v.subtotal
               OR p.pagado IS DISTINCT FROM v.total + v.vuelto OR m.caja IS DISTINCT FROM v.total
            """);
        Assert.True(parciales.Count == 0, "partial or inconsistent sales:\n" + string.Join("\n", parciales));

        // Each stored sale holds exactly the lines its client sent.
        var lineas = new Dictionary<Guid, List<(string, int)>>();
        await using (var cmd = new NpgsqlCommand("SELECT venta_id, codigo_barras, cantidad FROM venta_items", db))
        await using (var rd = await cmd.ExecuteReaderAsync())
            while (await rd.ReadAsync())
            {
                if (!lineas.TryGetValue(rd.GetGuid(0), out var l)) lineas[rd.GetGuid(0)] = l = [];
                l.Add((rd.GetString(1), rd.GetInt32(2)));
            }
        foreach (var id in guardadas)
        {
            var enviada = registro.Enviadas[id].Lineas.Select(l => (l.Articulo.Codigo, l.Cantidad)).Order();
            Assert.Equal(enviada, lineas[id].Order());
        }

        // Stock: each product moved by exactly the stored sales, and its ledger says the same.
        var vendido = guardadas.SelectMany(id => registro.Enviadas[id].Lineas)
            .GroupBy(l => l.Articulo.Id).ToDictionary(g => g.Key, g => g.Sum(l => l.Cantidad));
        await using (var cmd = new NpgsqlCommand("""
            SELECT p.id, p.stock_actual,
                   coalesce((SELECT sum(m.cantidad) FROM movimientos_stock m WHERE m.producto_id = p.id AND m.referencia_id IN (SELECT id FROM ventas)), 0)
            FROM productos p WHERE p.id = ANY($1)
            """, db))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = articulos.Select(a => a.Id).ToArray() });
            await using var rd = await cmd.ExecuteReaderAsync();
            while (await rd.ReadAsync())
            {
                var v = vendido.GetValueOrDefault(rd.GetGuid(0));
                Assert.Equal(StockInicial - v, rd.GetInt32(1));
                Assert.Equal(-v, rd.GetInt64(2));
            }
        }

        // Ticket numbers: 1…n per punto de venta, none skipped, none twice.
        var huecos = await ListaAsync(db, """
            SELECT punto_de_venta || ': ' || count(*) || ' sales, numbers ' || min(numero_ticket) || '…' || max(numero_ticket)
                   || ', distinct ' || count(DISTINCT numero_ticket)
            FROM ventas GROUP BY punto_de_venta
            HAVING min(numero_ticket) <> 1 OR max(numero_ticket) <> count(*) OR count(DISTINCT numero_ticket) <> count(*)
            """);
        Assert.True(huecos.Count == 0, "ticket numbering with gaps or repeats:\n" + string.Join("\n", huecos));
        return guardadas;
    }

    private static async Task<List<string>> ListaAsync(NpgsqlConnection db, string sql)
    {
        var r = new List<string>();
        await using var cmd = new NpgsqlCommand(sql, db);
        await using var rd = await cmd.ExecuteReaderAsync();
        while (await rd.ReadAsync()) r.Add(rd.GetString(0));
        return r;
    }
}
