using BlendPos.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using static BlendPos.Tests.Browser.PosOfflineKit;

namespace BlendPos.Tests.Browser;

/// <summary>
/// Fault 5 (issue 14): the outbox's replay is cut after the server committed the batch but before the browser got the
/// answer (the connection resets on the way back). The browser cannot know the sales arrived, so it sends them again:
/// the server must store each exactly once, and the outbox must end empty with nothing rejected.
/// </summary>
public sealed class PosOutboxCortadoBrowserTests(KestrelAppFixture fx, ITestOutputHelper output) : BrowserTest(fx)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Context.AddInitScriptAsync("window.print = () => { window.__impreso = (window.__impreso || 0) + 1; };");
    }

    [Fact]
    public Task A_replay_cut_after_the_server_committed_is_sent_again_and_stores_each_sale_once() =>
        ConCapturaAsync(Context, "pos-outbox-cortado", ReplayCortadoAsync);

    private async Task ReplayCortadoAsync()
    {
        using var admin = await App.AdminAsync();
        var alfajor = await ProductoAsync(admin, "Alfajor Corte Respuesta", 900m, 40);
        var jugo = await ProductoAsync(admin, "Jugo Corte Respuesta 1 l", 1700m, 40);
        var sesion = await CajeroConCajaAsync(App, admin, "off.cora", 71);
        var errores = PageErrors(Page);
        await IngresarAsync(Page, "off.cora");
        await AbrirPosOnlineAsync(Page, sesion);

        // Three sales without network: all three wait in the outbox.
        await Context.SetOfflineAsync(true);
        await Expect(Page.Locator("#pos-conexion")).ToHaveAttributeAsync("data-estado", "offline");
        var ventas = new List<(Guid Id, decimal Total)>();
        foreach (var (p, veces) in new[] { (alfajor, 1), (jugo, 2), (alfajor, 3) })
        {
            for (var i = 0; i < veces; i++) await EscanearAsync(Page, p);
            await TotalAsync(Page, p.Precio * veces, 1);
            ventas.Add((await CobrarSinConexionAsync(Page, p.Precio * veces, 0m), p.Precio * veces));
            await NuevaVentaAsync(Page);
        }
        await PendientesAsync(Page, 3);

        // The first replay reaches the server (which commits it) and then the connection is reset instead of the answer.
        var envios = new List<string>();
        await Context.RouteAsync("**/v1/ventas/sync-batch", async route =>
        {
            var respuesta = await route.FetchAsync();
            var texto = await respuesta.TextAsync();
            bool cortar;
            lock (envios)
            {
                cortar = envios.Count == 0;
                envios.Add($"{respuesta.Status} {(cortar ? "cut" : "delivered")} {texto}");
            }
            if (cortar) await route.AbortAsync("connectionreset");
            else await route.FulfillAsync(new() { Response = respuesta });
        });
        await Context.SetOfflineAsync(false);
        await TodoEnviadoAsync(Page);

        lock (envios)
        {
            foreach (var e in envios) output.WriteLine("sync-batch: " + e);
            Assert.True(envios.Count >= 2, "the cut batch was sent again");
            Assert.Matches("^200 cut .*\"procesada\"", envios[0]);  // the server had committed the batch that was cut
            Assert.DoesNotContain("\"procesada\"", string.Join(" ", envios.Skip(1))); // nothing was stored a second time
            Assert.Contains("\"duplicada\"", envios[1]);
        }

        var enServidor = await VentasAsync(admin, sesion);
        Assert.Equal(3, enServidor.Length);
        foreach (var (id, total) in ventas)
        {
            VentaUnica(enServidor, id, total, 0m);
            Assert.Equal([("efectivo", total)], await MovimientosAsync(admin, sesion, id));
        }
        Assert.Equal(40 - 4, await StockAsync(admin, alfajor));
        Assert.Equal(40 - 2, await StockAsync(admin, jugo));

        // A reload later finds the outbox empty and sends nothing again.
        await Page.ReloadAsync();
        await ListoAsync(Page, sesion);
        await TodoEnviadoAsync(Page);
        Assert.Equal(3, (await VentasAsync(admin, sesion)).Length);
        await ScreenshotAsync(Page, "pos-outbox-cortado");
        Assert.Empty(errores);
    }
}
