using BlendPos.Tests.Infrastructure;
using Microsoft.Playwright;
using static BlendPos.Tests.Browser.PosOfflineKit;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>
/// The POS when the server itself goes down (the browser still thinks it is online): the reload comes from the service
/// worker, the sale is queued, and once the server is back on the same origin over the same database the sale arrives
/// exactly once. Its own fixture: an app that can be stopped and started on one fixed port.
/// </summary>
public sealed class PosOfflineServerStopBrowserTests(RestartableAppFixture fx) : IClassFixture<RestartableAppFixture>, IAsyncLifetime
{
    private RestartableAppServer Server => fx.Server;
    private IBrowserContext _context = null!;

    public async Task InitializeAsync()
    {
        Server.Start(); // a test that failed half-way may have left it stopped
        var browser = await SharedBrowser.GetAsync();
        _context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString().TrimEnd('/'),
            Locale = "es-AR",
            TimezoneId = "America/Argentina/Buenos_Aires",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        _context.SetDefaultTimeout(10_000);
        await _context.AddInitScriptAsync("window.print = () => { window.__impreso = (window.__impreso || 0) + 1; };");
    }

    [Fact]
    public Task With_the_server_down_the_pos_reloads_and_sells_and_the_sale_arrives_once_when_it_is_back() =>
        ConCapturaAsync(_context, "pos-servidor-caido", ServidorCaidoAsync);

    private async Task ServidorCaidoAsync()
    {
        using var admin = await Server.App.AdminAsync();
        var fernet = await ProductoAsync(admin, "Fernet Caída 750 ml", 9800m, 10);
        var hielo = await ProductoAsync(admin, "Hielo Caída 2 kg", 1500m, 30);
        var sesion = await CajeroConCajaAsync(Server.App, admin, "off.caida", 71);
        var page = await _context.NewPageAsync();
        var errores = PageErrors(page);
        await IngresarAsync(page, "off.caida");
        await AbrirPosOnlineAsync(page, sesion);

        // The server goes away; the browser's network is fine, so only failed requests tell the POS.
        await Server.StopAsync();
        await page.ReloadAsync();
        await ListoAsync(page, sesion);
        await Expect(page.Locator("#pos-conexion")).ToHaveAttributeAsync("data-estado", "offline");

        await EscanearAsync(page, fernet);
        await EscanearAsync(page, hielo);
        await Expect(Cantidad(page, hielo)).ToHaveTextAsync("1");
        await EscanearAsync(page, hielo);
        await Expect(Cantidad(page, hielo)).ToHaveTextAsync("2");
        var total = 9800m + 2 * 1500m;
        await TotalAsync(page, total, 2);
        var venta = await CobrarSinConexionAsync(page, total, 20000m - total, async cobro =>
        {
            await cobro.GetByRole(AriaRole.Button, new() { Name = "$ 20.000" }).ClickAsync();
        });
        await PendientesAsync(page, 1);
        await page.ScreenshotAsync(new() { Path = SharedBrowser.ScreenshotPath("pos-servidor-caido"), FullPage = true });
        await NuevaVentaAsync(page);

        // Back on the same origin and database: the POS notices by itself (its retry, ~5 s here) and replays.
        Server.Start();
        await TodoEnviadoAsync(page);

        var ventas = await VentasAsync(admin, sesion);
        VentaUnica(ventas, venta, total, 20000m - total);
        Assert.Single(ventas);
        Assert.Equal(9, await StockAsync(admin, fernet));
        Assert.Equal(28, await StockAsync(admin, hielo));
        Assert.Equal([("efectivo", total)], await MovimientosAsync(admin, sesion, venta));

        // A reload (start-up replay) finds nothing left to send and sends nothing twice.
        await page.ReloadAsync();
        await ListoAsync(page, sesion);
        await TodoEnviadoAsync(page);
        Assert.Single(await VentasAsync(admin, sesion));
        Assert.Empty(errores);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        if (!Server.Running) return;
        var errors = Server.App.Logs.Errors;
        if (errors.Length > 0)
            await File.AppendAllTextAsync(SharedBrowser.ScreenshotPath("server-errors").Replace(".png", ".log"),
                $"--- {GetType().Name} {DateTime.Now:HH:mm:ss}\n{errors}\n");
    }
}
