using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BlendPos.Domain.Catalogo;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>
/// The public price-check screen (/precio) in a real browser, with no login: a scanner types a barcode and Enter
/// (Keyboard.TypeAsync with no delay), the screen shows name and price, then goes back to its welcome state.
/// </summary>
public sealed class PrecioBrowserTests(KestrelAppFixture fx) : BrowserTest(fx)
{
    private const string Bienvenida = "Consulte el precio aquí";

    [Fact]
    public async Task A_scan_shows_name_and_price_and_the_screen_returns_to_welcome()
    {
        using var admin = await AdminAsync();
        var alfajor = await PrecioProductos.CrearAsync(admin, "Alfajor triple de chocolate", 1234.50m);
        var gaseosa = await PrecioProductos.CrearAsync(admin, "Gaseosa cola 500 ml", 1810m);
        var errores = ConsoleErrors(Page);

        // Anonymous: no redirect to the login page. Welcome state, shop name, the hidden input has the focus.
        var response = await Page.GotoAsync("/precio?reset=1500");
        Assert.Equal(200, response!.Status);
        Assert.Equal("no-store", await response.HeaderValueAsync("cache-control"));
        await Expect(Page).ToHaveURLAsync(new Regex("/precio"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = Bienvenida })).ToBeVisibleAsync();
        await Expect(Page.Locator(".precio-instruccion")).ToHaveTextAsync("Escanee el código de barras");
        await Expect(Page.Locator(".precio-tienda")).ToHaveTextAsync("Kiosco BlendPOS");
        await Expect(Page.Locator(".mainnav, .footer")).ToHaveCountAsync(0);
        var input = Page.GetByLabel("Código de barras");
        await Expect(input).ToBeFocusedAsync();
        await ShotAsync(Page, "precio-bienvenida");

        // A scan: the digits and Enter as fast as a scanner sends them.
        await ScanAsync(Page, alfajor);
        await Expect(Page.Locator(".precio-nombre")).ToHaveTextAsync("Alfajor triple de chocolate");
        await Expect(Page.Locator(".precio-valor")).ToHaveTextAsync("$ 1.234,50");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = Bienvenida })).ToHaveCountAsync(0);
        await Expect(input).ToHaveValueAsync("");
        await Expect(input).ToBeFocusedAsync();
        await ShotAsync(Page, "precio-resultado");

        // A second scan while the first result is shown replaces it.
        await ScanAsync(Page, gaseosa);
        await Expect(Page.Locator(".precio-nombre")).ToHaveTextAsync("Gaseosa cola 500 ml");
        await Expect(Page.Locator(".precio-valor")).ToHaveTextAsync("$ 1.810,00");
        await Expect(Page.Locator(".precio-ficha")).ToHaveCountAsync(1);

        // An unknown code, then a malformed one.
        await ScanAsync(Page, PrecioProductos.NuevoEan13());
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Producto no encontrado" })).ToBeVisibleAsync();
        await Expect(Page.Locator(".precio-nombre, .precio-valor")).ToHaveCountAsync(0);
        await ShotAsync(Page, "precio-no-encontrado");
        await ScanAsync(Page, "12AB");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Código inválido" })).ToBeVisibleAsync();
        await ShotAsync(Page, "precio-invalido");

        // An Enter alone asks nothing; after the delay (1.5 s here) the welcome state is back.
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = Bienvenida })).ToBeVisibleAsync(new() { Timeout = 6_000 });
        await Expect(Page.Locator(".precio-ficha")).ToHaveCountAsync(0);

        // Whatever happens, the input keeps the focus: a click anywhere, a blur.
        await Page.Mouse.ClickAsync(640, 400);
        await Expect(input).ToBeFocusedAsync();
        await input.BlurAsync();
        await Expect(input).ToBeFocusedAsync();

        // And it still scans after the reset.
        await ScanAsync(Page, alfajor);
        await Expect(Page.Locator(".precio-valor")).ToHaveTextAsync("$ 1.234,50");

        Assert.Empty(errores);
    }

    [Fact]
    public async Task Tablet_shows_a_long_name_and_a_large_price()
    {
        using var admin = await AdminAsync();
        var codigo = await PrecioProductos.CrearAsync(admin, "Galletitas dulces rellenas sabor vainilla paquete familiar x 3 unidades", 12345.67m);
        var televisor = await PrecioProductos.CrearAsync(admin, "Televisor 85 pulgadas", 99_999_999.99m, costo: 80_000_000m);
        await using var tablet = await NewContextAsync(1024, 768);
        var page = await tablet.NewPageAsync();
        var errores = ConsoleErrors(page);

        await page.GotoAsync("/precio?reset=60000");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Bienvenida })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Código de barras")).ToBeFocusedAsync();
        await ShotAsync(page, "precio-tablet-bienvenida");

        await ScanAsync(page, codigo);
        await Expect(page.Locator(".precio-valor")).ToHaveTextAsync("$ 12.345,67");
        await Expect(page.Locator(".precio-nombre")).ToContainTextAsync("Galletitas dulces rellenas");

        await PriceFitsAsync(page, minFontPx: 102); // at least a tenth of the width
        await ShotAsync(page, "precio-tablet-resultado");

        // The largest price the catalog takes steps down but still fits on one line.
        await ScanAsync(page, televisor);
        await Expect(page.Locator(".precio-valor")).ToHaveTextAsync("$ 99.999.999,99");
        await PriceFitsAsync(page, minFontPx: 90);
        await ShotAsync(page, "precio-tablet-resultado-caro");

        await ScanAsync(page, PrecioProductos.NuevoEan13());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Producto no encontrado" })).ToBeVisibleAsync();
        await ShotAsync(page, "precio-tablet-no-encontrado");

        Assert.Empty(errores);
    }

    [Fact]
    public async Task A_failed_lookup_shows_a_notice_on_the_screen_and_no_alert()
    {
        using var admin = await AdminAsync();
        var codigo = await PrecioProductos.CrearAsync(admin, "Agua mineral 1,5 l", 990m);
        await using var tv = await NewContextAsync(1920, 1080);
        var page = await tv.NewPageAsync();
        var errores = ConsoleErrors(page);

        await page.GotoAsync("/precio?reset=60000");
        await ScanAsync(page, codigo);
        await Expect(page.Locator(".precio-valor")).ToHaveTextAsync("$ 990,00");
        await ShotAsync(page, "precio-tv-resultado");

        // Rate limited (429): the screen explains, the previous result goes away, app.js adds no alert.
        await page.RouteAsync("**/precio?codigo=*", route => route.FulfillAsync(new() { Status = 429, Body = "Demasiados intentos." }));
        await ScanAsync(page, codigo);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No se pudo consultar el precio" })).ToBeVisibleAsync();
        await Expect(page.Locator(".precio-valor")).ToHaveCountAsync(0);
        await Expect(page.Locator(".alert")).ToHaveCountAsync(0);
        await ShotAsync(page, "precio-tv-falla");

        // No network: the same notice, and the next scan that goes through shows the price again.
        await page.UnrouteAllAsync();
        await page.RouteAsync("**/precio?codigo=*", route => route.AbortAsync());
        await ScanAsync(page, codigo);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No se pudo consultar el precio" })).ToBeVisibleAsync();
        await Expect(page.Locator(".alert")).ToHaveCountAsync(0);
        await page.UnrouteAllAsync();
        await ScanAsync(page, codigo);
        await Expect(page.Locator(".precio-valor")).ToHaveTextAsync("$ 990,00");
        await Expect(page.GetByLabel("Código de barras")).ToBeFocusedAsync();

        // The browser logs the failed requests and htmx logs the send error; nothing else (no CSP violation, no script error).
        Assert.All(errores, e => Assert.Matches("^(Failed to load resource|htmx:(sendError|afterRequest))", e));
    }

    /// <summary>The price is on screen, on one line (its box is no taller than a line), and at least that big.</summary>
    private static async Task PriceFitsAsync(IPage page, double minFontPx)
    {
        var valor = page.Locator(".precio-valor");
        var box = await valor.BoundingBoxAsync();
        Assert.NotNull(box);
        var viewport = page.ViewportSize!;
        Assert.True(box.X >= 0 && box.X + box.Width <= viewport.Width, $"price overflows: {box.X} + {box.Width}");
        Assert.True(box.Y + box.Height <= viewport.Height, $"price below the fold: {box.Y} + {box.Height}");
        var fontSize = await valor.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.True(fontSize >= minFontPx, $"price font is only {fontSize}px");
        Assert.True(box.Height < fontSize * 1.5, $"price wraps: {box.Height}px high for a {fontSize}px font");
        var scroll = await valor.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth");
        Assert.False(scroll, "price is wider than its box");
    }

    private Task<HttpClient> AdminAsync() => PrecioProductos.AdminAsync(new HttpClient { BaseAddress = App.BaseAddress });

    private static async Task ScanAsync(IPage page, string codigo)
    {
        await page.Keyboard.TypeAsync(codigo);
        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>Console errors (a CSP violation is one) and uncaught exceptions of a page.</summary>
    private static List<string> ConsoleErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, msg) =>
        {
            if (msg.Type == "error") errors.Add(msg.Text);
        };
        page.PageError += (_, error) => errors.Add(error);
        return errors;
    }

    /// <summary>A viewport screenshot with animations settled (the welcome screen's laser line never stops).</summary>
    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = SharedBrowser.ScreenshotPath(name), Animations = ScreenshotAnimations.Disabled,
        });
}

/// <summary>The fixture of <see cref="PrecioPageTests"/>: in-memory, one client address per request unless pinned.</summary>
public sealed class PrecioAppFixture : AppFixture
{
    protected override BlendPosApp CreateApp(TestDatabase db) => new(db, configure: BlendPosApp.DistinctClientAddresses);
}

/// <summary>The price-check page over HTTP: what it reveals, its headers, its delay and its rate limit.</summary>
public sealed class PrecioPageTests(PrecioAppFixture fx) : IClassFixture<PrecioAppFixture>
{
    private BlendPosApp App => fx.App;

    private static HttpRequestMessage Htmx(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("HX-Request", "true");
        return request;
    }

    [Fact]
    public async Task The_partial_shows_name_and_price_and_nothing_else()
    {
        using var admin = await PrecioProductos.AdminAsync(App.Client());
        var codigo = await PrecioProductos.CrearAsync(admin, "Yerba mate 1 kg", 4999.90m, costo: 3210.55m, stock: 37);

        var response = await App.Client().SendAsync(Htmx($"/precio?codigo={codigo}"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("HX-Request", response.Headers.Vary);
        Assert.DoesNotContain("<html", html);
        Assert.Contains("Yerba mate 1 kg", html);
        Assert.Contains("$ 4.999,90", html);
        Assert.DoesNotContain(codigo, html);
        Assert.DoesNotContain("3.210,55", html);
        Assert.DoesNotContain("37", html);
    }

    [Fact]
    public async Task Unknown_inactive_and_malformed_codes()
    {
        using var admin = await PrecioProductos.AdminAsync(App.Client());
        var codigo = await PrecioProductos.CrearAsync(admin, "Caramelos surtidos", 150m);
        var client = App.Client();

        Assert.Contains("Producto no encontrado", await Body(client, Htmx($"/precio?codigo={PrecioProductos.NuevoEan13()}")));
        Assert.Contains("Código inválido", await Body(client, Htmx("/precio?codigo=12AB")));
        Assert.Contains("Código inválido", await Body(client, Htmx("/precio?codigo=")));
        Assert.Contains("Código inválido", await Body(client, Htmx("/precio")));

        var id = (await (await admin.GetAsync($"/v1/productos/barcode/{codigo}")).JsonAsync()).GetProperty("id").GetGuid();
        await (await admin.DeleteAsync($"/v1/productos/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Contains("Producto no encontrado", await Body(client, Htmx($"/precio?codigo={codigo}")));
    }

    [Fact]
    public async Task Without_javascript_the_full_page_shows_the_result()
    {
        using var admin = await PrecioProductos.AdminAsync(App.Client());
        var codigo = await PrecioProductos.CrearAsync(admin, "Chicles menta", 300m);

        var response = await App.Client().GetAsync($"/precio?codigo={codigo}");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("<html lang=\"es-AR\"", html);
        Assert.Contains("data-estado=\"resultado\"", html);
        Assert.Contains("Chicles menta", html);
        Assert.Contains("$ 300,00", html);
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain("style=", html);
        Assert.Matches("<script src=\"/js/precio.js(\\?v=[^\"]+)?\" defer>", html);
    }

    [Theory]
    [InlineData("", 10000)]
    [InlineData("?reset=1500", 1500)]
    [InlineData("?reset=5", 1000)]
    [InlineData("?reset=9999999", 60000)]
    [InlineData("?reset=pronto", 10000)]
    public async Task The_reset_delay_is_clamped(string query, int expected)
    {
        var html = await (await App.Client().GetAsync("/precio" + query)).Content.ReadAsStringAsync();

        Assert.Contains($"data-reset-ms=\"{expected}\"", html);
        Assert.Contains("Consulte el precio aquí", html);
    }

    [Fact]
    public async Task The_page_shares_the_price_check_rate_limit_with_the_api()
    {
        var client = App.Client();
        client.DefaultRequestHeaders.Add(BlendPosApp.ClientIpHeader, "192.0.2.90");

        for (var i = 0; i < 60; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Htmx("/precio?codigo=7790000000000"))).StatusCode);
        for (var i = 0; i < 60; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/precio/7790000000000")).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(Htmx("/precio?codigo=7790000000000"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/precio")).StatusCode);
        // Another address is not held back by this one.
        Assert.Equal(HttpStatusCode.OK, (await App.Client().GetAsync("/precio")).StatusCode);
    }

    private static async Task<string> Body(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}

/// <summary>Products for the price-check tests, created through the admin API.</summary>
internal static class PrecioProductos
{
    /// <summary>A random Argentine EAN-13 (prefix 779) with a right check digit.</summary>
    public static string NuevoEan13()
    {
        var body = "779" + Random.Shared.NextInt64(0, 1_000_000_000).ToString("D9");
        return body + Gtin.ComputeCheckDigit(body);
    }

    public static async Task<string> CrearAsync(HttpClient admin, string nombre, decimal precio, decimal costo = 100m, int stock = 0)
    {
        var codigo = NuevoEan13();
        var response = await admin.PostAsJsonAsync("/v1/productos", new
        {
            codigo_barras = codigo, nombre, categoria = "Almacén", precio_costo = costo, precio_venta = precio, stock_actual = stock,
        });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return codigo;
    }

    /// <summary>
    /// Signs the admin in on that client. For the Kestrel app pass <c>new HttpClient { BaseAddress = App.BaseAddress }</c>:
    /// <see cref="BlendPosApp.AdminAsync"/> aims at the in-memory server's http://localhost, which Kestrel doesn't serve.
    /// </summary>
    public static async Task<HttpClient> AdminAsync(HttpClient client)
    {
        var token = await BlendPosApp.LoginAsync(client, DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("access_token").GetString());
        return client;
    }
}
