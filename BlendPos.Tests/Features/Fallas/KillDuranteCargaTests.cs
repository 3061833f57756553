using BlendPos.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BlendPos.Tests.Features.Fallas;

/// <summary>
/// Fault 1 (issue 14): the app process is killed (kill -9) while 8 terminals sell. Nothing a client was told is saved
/// may be missing, nothing half-written may remain, and re-sending what got no answer stores each sale at most once
/// with gap-free ticket numbers.
/// </summary>
public sealed class KillDuranteCargaTests(ITestOutputHelper output)
{
    private const int Terminales = 8;

    [Fact]
    public async Task Killing_the_app_mid_load_loses_no_acknowledged_sale_leaves_none_partial_and_resending_stores_each_once()
    {
        var reloj = System.Diagnostics.Stopwatch.StartNew();
        void Paso(string que) => output.WriteLine($"{reloj.Elapsed.TotalSeconds,5:0.0} s  {que}");
        await using var db = await TestDatabase.CreateAsync();
        var app = new AppProcess(db.ConnectionString, TestServers.RedisUrl, db.Name);
        await using var _ = app;
        await app.StartAsync();
        Paso("app process up");

        using var admin = FallasKit.Cliente(app.BaseAddress);
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await FallasKit.AdminTokenAsync(admin));
        var articulos = await FallasKit.ArticulosAsync(admin, 6);
        var terminales = await FallasKit.TerminalesAsync(admin, Terminales, 201);

        Paso("8 cashiers with open drawers");
        // 8 terminals sell; once 40 sales are acknowledged (every terminal mid-stream), the process dies.
        var registro = new Registro();
        using var parar = new CancellationTokenSource();
        var clientes = terminales.Select(t => FallasKit.Cliente(app.BaseAddress, t.Token)).ToArray();
        var carga = terminales.Select((t, i) => Task.Run(() => FallasKit.VenderAsync(clientes[i], t, articulos, registro, 14_000 + i, parar.Token))).ToArray();
        await Eventually.WaitAsync(() => Task.FromResult(registro.Confirmadas.Count >= 40 || carga.All(c => c.IsCompleted)),
            TimeSpan.FromSeconds(60), () => $"40 acknowledged sales (have {registro.Confirmadas.Count}; failures: " +
                                           string.Join("; ", registro.Fallidas.Take(3)) + ")");
        app.Kill();
        await Task.WhenAll(carga).WaitAsync(TimeSpan.FromSeconds(40)); // every client notices the dead server
        foreach (var c in clientes) c.Dispose();
        Paso("killed mid-load");

        var confirmadas = registro.Confirmadas.Count;
        var sinConfirmar = registro.NoConfirmadas.ToList();
        output.WriteLine($"sent {registro.Enviadas.Count}, acknowledged {confirmadas}, unacknowledged {sinConfirmar.Count}; " +
                         $"no answer: {string.Join(" | ", registro.SinRespuesta.Take(3))}");
        Assert.Empty(registro.Fallidas); // before the kill every sale was accepted
        Assert.True(confirmadas >= 40, $"only {confirmadas} sales acknowledged before the kill");
        Assert.True(registro.SinRespuesta.Count == Terminales, "every terminal lost its in-flight request to the kill");

        // Straight after the kill: what the clients were told holds, nothing is partial.
        var antes = await FallasKit.VerificarAsync(db.ConnectionString, registro, articulos);

        // The app comes back on the same database; the clients re-send everything that got no answer, twice.
        await app.StartAsync();
        Paso("app process up again");
        var reenvio1 = await FallasKit.ReenviarAsync(app.BaseAddress, sinConfirmar);
        var reenvio2 = await FallasKit.ReenviarAsync(app.BaseAddress, sinConfirmar);
        output.WriteLine($"in the database at the kill: {antes.Count}; re-send: {reenvio1.Count(s => s == 201)} created, " +
                         $"{reenvio1.Count(s => s == 200)} already there");
        Assert.All(reenvio2, s => Assert.Equal(200, s)); // the second re-send finds every one of them stored
        foreach (var v in sinConfirmar) registro.Confirmadas[v.Id] = 200;

        var despues = await FallasKit.VerificarAsync(db.ConnectionString, registro, articulos);
        Assert.Equal(registro.Enviadas.Count, despues.Count); // each sale sent is stored, exactly once (ids are the key)
        Assert.Equal(antes.Count + reenvio1.Count(s => s == 201), despues.Count);
    }
}
