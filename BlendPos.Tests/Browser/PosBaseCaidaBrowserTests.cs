using System.Text.RegularExpressions;
using BlendPos.Tests.Features.Fallas;
using BlendPos.Tests.Infrastructure;
using Microsoft.Playwright;
using Npgsql;
using static BlendPos.Tests.Browser.PosOfflineKit;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>
/// Fault 2, the page's side (issue 14): the server is up but its database is not (the app reaches PostgreSQL through a
/// <see cref="TcpCorte"/> the test cuts). The checkout answers 503, so the POS keeps the sale in its outbox, and once
/// the database is back (the app never restarted) the outbox replays it: the sale exists exactly once. The server-down
/// case (no answer at all) is PosOfflineServerStopBrowserTests.
/// </summary>
public sealed class PosBaseCaidaBrowserTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private TcpCorte _corte = null!;
    private BlendPosApp _app = null!;
    private IBrowserContext _context = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        var directo = new NpgsqlConnectionStringBuilder(_db.ConnectionString);
        _corte = new TcpCorte(directo.Host!, directo.Port);
        var porElCorte = new NpgsqlConnectionStringBuilder(_db.ConnectionString) { Host = "127.0.0.1", Port = _corte.Port }.ConnectionString;
        _app = new BlendPosApp(_db, kestrel: true, settings: new Dictionary<string, string?> { ["DATABASE_URL"] = porElCorte },
            configure: BlendPosApp.QuickPasswordHashing);
        var browser = await SharedBrowser.GetAsync();
        _context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.BaseAddress.ToString().TrimEnd('/'),
            Locale = "es-AR",
            TimezoneId = "America/Argentina/Buenos_Aires",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        _context.SetDefaultTimeout(10_000);
        await _context.AddInitScriptAsync("window.print = () => { window.__impreso = (window.__impreso || 0) + 1; };");
    }

    [Fact]
    public Task With_the_database_down_the_checkout_answers_503_the_pos_keeps_the_sale_and_replays_it_once_when_it_is_back() =>
        ConCapturaAsync(_context, "pos-base-caida", BaseCaidaAsync);

    private async Task BaseCaidaAsync()
    {
        using var admin = await _app.AdminAsync();
        var cafe = await ProductoAsync(admin, "Café Base Caída 250 g", 4300m, 20);
        var sesion = await CajeroConCajaAsync(_app, admin, "off.dani", 81);
        var page = await _context.NewPageAsync();
        var errores = PageErrors(page);
        await IngresarAsync(page, "off.dani");
        await AbrirPosOnlineAsync(page, sesion);
        await EscanearAsync(page, cafe);
        await TotalAsync(page, 4300m, 1);
        // An admin page in a browser without the service worker, signed in while the database is up.
        var browser = await SharedBrowser.GetAsync();
        await using var sinWorker = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.BaseAddress.ToString().TrimEnd('/'), Locale = "es-AR", ServiceWorkers = ServiceWorkerPolicy.Block,
        });
        var adminPage = await sinWorker.NewPageAsync();
        await adminPage.GotoAsync("/login");
        await adminPage.GetByLabel("Usuario").FillAsync(BlendPos.Web.Data.DatabaseInitializer.AdminUserName);
        await adminPage.GetByLabel("Contraseña").FillAsync(BlendPosApp.AdminPassword);
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await Expect(adminPage.Locator(".user-name")).ToBeVisibleAsync();

        // PostgreSQL becomes unreachable; the server still answers, with 503.
        _corte.Cortar();
        var cobros = new List<int>();
        page.Response += (_, r) =>
        {
            if (r.Url.Contains("handler=Cobrar")) lock (cobros) cobros.Add(r.Status);
        };
        await page.Keyboard.PressAsync("F12");
        await Expect(page.Locator("#pos-cobro")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");
        var registrada = page.Locator("#pos-cobro-resultado [data-venta-registrada]");
        await Expect(registrada).ToHaveAttributeAsync("data-offline", "true", new() { Timeout = 30_000 });
        await Expect(registrada).ToContainTextAsync("Venta registrada (sin conexión)");
        lock (cobros) Assert.Equal([503], cobros);
        var href = await page.Locator("#pos-cobro-resultado [data-ticket-provisional]").GetAttributeAsync("href");
        var venta = Guid.Parse(Regex.Match(href ?? "", "id=([0-9a-fA-F-]{36})").Groups[1].Value);
        await PendientesAsync(page, 1);
        await Expect(page.Locator("#pos-conexion")).ToHaveAttributeAsync("data-estado", "offline");
        await page.ScreenshotAsync(new() { Path = SharedBrowser.ScreenshotPath("pos-base-caida"), FullPage = true });

        // A page, meanwhile: a Spanish 503 that says to retry (not the 500 «Algo salió mal»).
        var caida = await adminPage.GotoAsync("/ventas");
        Assert.Equal(503, caida!.Status);
        await Expect(adminPage.Locator("h1")).ToHaveTextAsync("Servicio no disponible");
        await Expect(adminPage.GetByRole(AriaRole.Link, new() { Name = "Reintentar" })).ToHaveAttributeAsync("href", "/ventas");
        await adminPage.ScreenshotAsync(new() { Path = SharedBrowser.ScreenshotPath("pagina-base-caida"), FullPage = true });

        // The database is back: the same app, never restarted; the POS notices and replays its outbox.
        _corte.Abrir();
        await PendientesAsync(page, 0, 30_000);
        await TodoEnviadoAsync(page);
        var ventas = await VentasAsync(admin, sesion);
        VentaUnica(ventas, venta, 4300m, 0m);
        Assert.Single(ventas);
        Assert.Equal(19, await StockAsync(admin, cafe));
        Assert.Equal([("efectivo", 4300m)], await MovimientosAsync(admin, sesion, venta));
        Assert.Empty(errores);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _app.DisposeAsync();
        await _corte.DisposeAsync();
        await _db.DisposeAsync();
    }
}
