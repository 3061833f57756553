using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlendPos.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BlendPos.Tests.Features.Fallas;

/// <summary>
/// Fault 2 (issue 14): PostgreSQL restarts while 4 terminals sell. Requests in flight and those sent while it is down
/// fail cleanly and soon (503 problem+json in Spanish, never a 500 or a hang); once it is back the same app process sells
/// again by itself, and re-sending what failed stores each sale at most once. The database is a private cluster of
/// this test (the shared test cluster must stay up for everyone else).
/// </summary>
public sealed class PostgresReiniciadoTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RespuestaMaxima = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task While_PostgreSQL_restarts_sales_fail_with_503_soon_and_afterwards_the_same_app_sells_again()
    {
        await using var pg = await PrivatePostgres.StartAsync();
        await pg.CreateDatabaseAsync("blendpos");
        var app = new AppProcess(pg.ConnectionString("blendpos"), redisUrl: null, cachePrefix: "fallas-pg");
        await using var _ = app;
        await app.StartAsync(); // migrates the empty database, like a first `./blendpos run`

        using var admin = FallasKit.Cliente(app.BaseAddress);
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await FallasKit.AdminTokenAsync(admin));
        var articulos = await FallasKit.ArticulosAsync(admin, 4);
        var terminales = await FallasKit.TerminalesAsync(admin, 4, 301);

        var registro = new Registro();
        using var parar = new CancellationTokenSource();
        var clientes = terminales.Select(t => FallasKit.Cliente(app.BaseAddress, t.Token)).ToArray();
        var carga = terminales.Select((t, i) => Task.Run(() =>
            FallasKit.VenderAsync(clientes[i], t, articulos, registro, 24_000 + i, parar.Token, seguirSinRespuesta: true))).ToArray();
        await Eventually.WaitAsync(() => Task.FromResult(registro.Confirmadas.Count >= 20), TimeSpan.FromSeconds(60),
            () => $"20 acknowledged sales before the restart (have {registro.Confirmadas.Count})");

        // PostgreSQL goes down (fast shutdown: the transactions in flight are cut) and stays down a while.
        await pg.StopServerAsync();
        var caida = registro.Fallidas.Count;

        using (var sonda = FallasKit.Cliente(app.BaseAddress, terminales[0].Token))
        {
            var reloj = Stopwatch.StartNew();
            var v = FallasKit.NuevaVenta(terminales[0], articulos, new Random(7));
            registro.Enviadas[v.Id] = v;
            var r = await sonda.PostAsJsonAsync("/v1/ventas", v.Body);
            output.WriteLine($"a sale with PostgreSQL down: {(int)r.StatusCode} after {reloj.Elapsed.TotalSeconds:0.0} s");
            var problem = await r.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.True(reloj.Elapsed < RespuestaMaxima, $"the 503 took {reloj.Elapsed}");
            Assert.Contains("base de datos", problem.GetProperty("detail").GetString());
            Assert.Equal("5", r.Headers.RetryAfter?.ToString());

            var health = await sonda.GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            var h = await health.JsonAsync();
            Assert.False(h.GetProperty("ok").GetBoolean());
            Assert.Equal("disconnected", h.GetProperty("db").GetString());

            // The pages' error path says the same in Spanish, with a 503.
            var pagina = await sonda.GetAsync("/ventas");
            var html = await pagina.Content.ReadAsStringAsync();
            Assert.True(pagina.StatusCode == HttpStatusCode.ServiceUnavailable, $"/ventas answered {(int)pagina.StatusCode}: {html[..Math.Min(html.Length, 400)]}");
            Assert.Contains("Servicio no disponible", html);
        }
        await Eventually.WaitAsync(() => Task.FromResult(registro.Fallidas.Count >= caida + 4), TimeSpan.FromSeconds(60),
            () => "the terminals' sales to fail while PostgreSQL is down");

        // Back up: the same app process (never restarted) sells again by itself.
        await pg.StartServerAsync();
        var alVolver = registro.Confirmadas.Count;
        await Eventually.WaitAsync(() => Task.FromResult(registro.Confirmadas.Count >= alVolver + 12), TimeSpan.FromSeconds(60),
            () => $"sales to succeed again after PostgreSQL came back (failures: {registro.Fallidas.Count})");
        parar.Cancel();
        await Task.WhenAll(carga).WaitAsync(TimeSpan.FromSeconds(40));
        foreach (var c in clientes) c.Dispose();

        var fallidas = registro.Fallidas.ToList();
        output.WriteLine($"sent {registro.Enviadas.Count}, acknowledged {registro.Confirmadas.Count}, failed {fallidas.Count} " +
                         $"(slowest {fallidas.Select(f => f.Duracion).DefaultIfEmpty().Max().TotalSeconds:0.0} s), no answer {registro.SinRespuesta.Count}");
        Assert.Empty(registro.SinRespuesta); // no hang, no cut connection: every request got an answer
        Assert.NotEmpty(fallidas);
        Assert.All(fallidas, f =>
        {
            Assert.True(f.Status == 503, $"{f.Status}: {f.Body}");
            Assert.Equal(503, JsonDocument.Parse(f.Body).RootElement.GetProperty("status").GetInt32());
            Assert.True(f.Duracion < RespuestaMaxima, $"a failure took {f.Duracion}");
        });

        // Nothing acknowledged is lost, nothing partial; what failed, re-sent, is stored at most once.
        await FallasKit.VerificarAsync(pg.ConnectionString("blendpos"), registro, articulos);
        var sinConfirmar = registro.NoConfirmadas.ToList();
        await FallasKit.ReenviarAsync(app.BaseAddress, sinConfirmar);
        foreach (var v in sinConfirmar) registro.Confirmadas[v.Id] = 200;
        var guardadas = await FallasKit.VerificarAsync(pg.ConnectionString("blendpos"), registro, articulos);
        Assert.Equal(registro.Enviadas.Count, guardadas.Count);
        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}
