using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using BlendPos.Domain.Catalogo;
using BlendPos.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>
/// The till in a real browser: scanning (typed, scanner-speed, quantity prefix, name search), split payment with change,
/// the receipt, a stock refusal and a supervisor's void at the cashier's terminal. Each test has its own cashier, punto
/// de venta and products (the class shares one database), and every wait is an expectation, never a sleep.
/// </summary>
public sealed class PosBrowserTests(KestrelAppFixture fx) : BrowserTest(fx)
{
    private const string Clave = "clave-1234";

    private static readonly (string Usuario, string Rol, int PuntoDeVenta)[] Personal =
    [
        ("pos.ana", "cajero", 21), ("pos.beto", "cajero", 22), ("pos.carla", "cajero", 23), ("pos.dani", "cajero", 24),
        ("pos.sara", "supervisor", 1),
    ];

    private sealed record Producto(Guid Id, string Codigo, string Nombre);

    private sealed record Datos(HttpClient Admin, Dictionary<string, Producto> Productos);

    private static readonly ConditionalWeakTable<BlendPosApp, Task<Datos>> Creados = new();

    /// <summary>
    /// Users and products, once per app with one admin sign-in (logins share a limit of 20 a minute per address, and
    /// every browser here comes from 127.0.0.1).
    /// </summary>
    private Task<Datos> DatosAsync() => Creados.GetValue(App, static app => CrearAsync(app));

    private static string Ean13(string twelve) => twelve + Gtin.ComputeCheckDigit(twelve);

    private static async Task<Datos> CrearAsync(BlendPosApp app)
    {
        var admin = await app.AdminAsync();
        foreach (var (usuario, rol, pdv) in Personal)
        {
            var r = await admin.PostAsJsonAsync("/v1/usuarios", new
            {
                username = usuario, nombre_completo = "Usuario " + usuario, rol, punto_de_venta = pdv, password = Clave,
            });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }
        var productos = new Dictionary<string, Producto>();
        async Task Crear(string clave, string twelve, string nombre, decimal precio, int stock, bool activo = true)
        {
            var codigo = Ean13(twelve);
            var r = await admin.PostAsJsonAsync("/v1/productos", new
            {
                codigo_barras = codigo, nombre, categoria = "Almacén", precio_costo = Math.Round(precio * 0.6m, 2), precio_venta = precio,
                stock_actual = stock, activo,
            });
            var body = await r.Content.ReadAsStringAsync();
            Assert.True(r.StatusCode == HttpStatusCode.Created, body);
            productos[clave] = new Producto(JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid(), codigo, nombre);
        }
        await Crear("alfajor", "779300000001", "Alfajor Triple Chocolate", 1250.50m, 50);
        await Crear("agua", "779300000002", "Agua Mineral 500 ml", 800m, 50);
        await Crear("playadito", "779300000003", "Yerba Mate Playadito 500 g", 3400m, 20);
        await Crear("taragui", "779300000004", "Yerba Mate Taragüí 1 kg", 5600m, 20);
        await Crear("chicle", "779300000005", "Chicle Beldent Menta", 450m, 100);
        await Crear("baja", "779300000006", "Caramelo Discontinuado", 100m, 10, activo: false);
        await Crear("escaso", "779300000007", "Fernet Branca 750 ml", 9800m, 2);
        await Crear("gaseosa", "779300000008", "Gaseosa Cola 1,5 l", 2100m, 10);
        return new Datos(admin, productos);
    }

    /// <summary>Signs in, opens a session through /caja (after seeing /pos ask for one) and lands on /pos.</summary>
    private async Task AbrirPosAsync(IPage page, string usuario, bool verAvisoSinCaja = false)
    {
        await LoginAsync(page, usuario, Clave);
        await Expect(page.Locator(".user-name")).ToHaveTextAsync(usuario);
        await page.GotoAsync("/pos");
        var aviso = page.Locator("#pos-sin-caja");
        await Expect(aviso.GetByRole(AriaRole.Heading)).ToHaveTextAsync("No tenés una caja abierta");
        if (verAvisoSinCaja) await ScreenshotAsync(page, "pos-sin-caja");
        await aviso.GetByRole(AriaRole.Link, new() { Name = "Abrir la caja" }).ClickAsync();
        await page.GetByLabel("Monto inicial en efectivo ($)").FillAsync("10000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Abrir caja" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Caja actual" })).ToBeVisibleAsync();
        await page.Locator(".mainnav").GetByRole(AriaRole.Link, new() { Name = "Vender" }).ClickAsync();
        await Expect(page.Locator("#pos-codigo")).ToBeFocusedAsync();
    }

    private static ILocator Lineas(IPage page) => page.Locator("#pos-lineas tbody tr[data-linea]");

    private static ILocator Linea(IPage page, Producto p) => page.Locator($"#pos-lineas tr[data-barcode='{p.Codigo}']");

    private static async Task EscanearAsync(IPage page, string texto)
    {
        await Expect(page.Locator("#pos-codigo")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(texto + "\n");
    }

    private static async Task<int> StockAsync(HttpClient admin, Producto p) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/v1/productos/{p.Id}")).GetProperty("stock_actual").GetInt32();

    [Fact]
    public async Task A_cashier_scans_searches_pays_split_and_gets_the_receipt()
    {
        var d = await DatosAsync();
        var (alfajor, agua, playadito, taragui) = (d.Productos["alfajor"], d.Productos["agua"], d.Productos["playadito"], d.Productos["taragui"]);
        var errores = ConsoleErrors(Page);
        await Context.AddInitScriptAsync("window.print = () => { window.__impreso = (window.__impreso || 0) + 1; };");
        await AbrirPosAsync(Page, "pos.ana", verAvisoSinCaja: true);
        await Expect(Page.Locator("#pos-sesion")).ToContainTextAsync("pos.ana");
        await Expect(Page.Locator("#pos-sesion")).ToContainTextAsync("0021");

        // One typed by hand (code + Enter), one scanned twice.
        await EscanearAsync(Page, alfajor.Codigo);
        await Expect(Lineas(Page)).ToHaveCountAsync(1);
        await EscanearAsync(Page, agua.Codigo);
        await Expect(Linea(Page, agua).Locator("[data-campo='cantidad']")).ToHaveTextAsync("1");
        await EscanearAsync(Page, agua.Codigo);
        await Expect(Linea(Page, agua).Locator("[data-campo='cantidad']")).ToHaveTextAsync("2");
        await Expect(Lineas(Page)).ToHaveCountAsync(2);

        // By name: F2, type, ↓ to the second result, Enter.
        await Page.Keyboard.PressAsync("F2");
        var buscar = Page.Locator("#pos-buscar");
        await Expect(buscar).ToBeVisibleAsync();
        await Expect(Page.Locator("#pos-buscar-q")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("yerba mate");
        var opciones = buscar.Locator("[role='option']");
        await Expect(opciones).ToHaveCountAsync(2);
        await Expect(opciones.Nth(0)).ToHaveAttributeAsync("aria-selected", "true");
        await Page.Keyboard.PressAsync("ArrowDown");
        await Expect(opciones.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        var elegido = await opciones.Nth(1).GetAttributeAsync("data-barcode");
        Assert.Contains(elegido, new[] { playadito.Codigo, taragui.Codigo });
        var yerba = elegido == playadito.Codigo ? playadito : taragui;
        var precioYerba = yerba == playadito ? 3400m : 5600m;
        await ScreenshotAsync(Page, "pos-busqueda");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(buscar).ToBeHiddenAsync();
        await Expect(Linea(Page, yerba)).ToHaveCountAsync(1);
        await Expect(Lineas(Page)).ToHaveCountAsync(3);
        await Expect(Page.Locator("#pos-codigo")).ToBeFocusedAsync();

        // The total, from the server: 1.250,50 + 2 × 800 + the yerba.
        var total = 1250.50m + 1600m + precioYerba;
        await Expect(Page.Locator("[data-pos-total]")).ToHaveTextAsync(BlendPos.Domain.Money.Format(total));
        await Expect(Linea(Page, agua).Locator("[data-campo='subtotal']")).ToHaveTextAsync("$ 1.600,00");
        await ScreenshotsAsync(Page, "pos-lineas");

        // Pay: 2.000 by debit, a 10.000 bill in cash; the change in very large type.
        await Page.Keyboard.PressAsync("F12");
        var cobro = Page.Locator("#pos-cobro");
        await Expect(cobro).ToBeVisibleAsync();
        await Expect(cobro.Locator("[data-cobro-total]")).ToHaveTextAsync(BlendPos.Domain.Money.Format(total));
        await cobro.GetByLabel("Débito ($)").FillAsync("2000");
        await cobro.GetByRole(AriaRole.Button, new() { Name = "$ 10.000" }).ClickAsync();
        await Expect(cobro.GetByLabel("Efectivo ($)")).ToHaveValueAsync("10.000,00");
        await Expect(cobro.GetByLabel("Efectivo ($)")).ToBeFocusedAsync();
        var vuelto = 12000m - total;
        await Expect(cobro.Locator("[data-cobro-vuelto]")).ToHaveTextAsync(BlendPos.Domain.Money.Format(vuelto));
        await ScreenshotsAsync(Page, "pos-cobro");

        // Enter confirms; the receipt opens in its own window and prints on load.
        var idVenta = await Page.Locator("#pos-venta-id").InputValueAsync();
        var ticket = await Page.RunAndWaitForPopupAsync(() => Page.Keyboard.PressAsync("Enter"));
        await Expect(cobro.Locator(".pos-vendida-titulo")).ToHaveTextAsync("Venta registrada — Ticket 0021-00000001");
        await Expect(cobro.Locator("[data-vendida-vuelto]")).ToHaveTextAsync(BlendPos.Domain.Money.Format(vuelto));
        await ScreenshotAsync(Page, "pos-vendida");
        await ticket.WaitForFunctionAsync("() => window.__impreso === 1");
        Assert.Matches(new Regex(@"/ventas/[0-9a-f-]{36}/ticket\?print=1$"), ticket.Url);
        var hoja = ticket.Locator("#ticket");
        await Expect(hoja.Locator(".ticket-comercio")).ToHaveTextAsync("Kiosco BlendPOS");
        await Expect(hoja.Locator("[data-ticket-numero]")).ToHaveTextAsync("0021-00000001");
        await Expect(hoja.Locator(".ticket-cajero")).ToHaveTextAsync("pos.ana");
        await Expect(hoja.Locator(".ticket-linea")).ToHaveCountAsync(3);
        await Expect(hoja).ToContainTextAsync(alfajor.Nombre);
        await Expect(hoja).ToContainTextAsync("2 x $ 800,00");
        await Expect(hoja).ToContainTextAsync(yerba.Nombre);
        await Expect(hoja.Locator("[data-ticket-total]")).ToHaveTextAsync(BlendPos.Domain.Money.Format(total));
        await Expect(hoja).ToContainTextAsync("Débito");
        await Expect(hoja.Locator("[data-ticket-vuelto]")).ToHaveTextAsync(BlendPos.Domain.Money.Format(vuelto));
        await Expect(hoja.Locator(".ticket-pie")).ToHaveTextAsync("Comprobante no válido como factura");
        await Expect(hoja.Locator(".ticket-fecha")).ToHaveTextAsync(new Regex(@"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$"));
        await Expect(hoja).ToHaveCSSAsync("font-family", new Regex("mono", RegexOptions.IgnoreCase));
        Assert.InRange((await hoja.BoundingBoxAsync())!.Width, 295, 310); // 80 mm at 96 dpi ≈ 302 px
        await ScreenshotAsync(ticket, "pos-ticket-80mm");
        var ticketUrl = ticket.Url.Replace("?print=1", "");
        await ticket.GotoAsync(ticket.Url.Replace("?print=1", "?ancho=58"));
        await Expect(ticket.Locator("body")).ToHaveClassAsync(new Regex("ticket-58mm"));
        Assert.InRange((await ticket.Locator("#ticket").BoundingBoxAsync())!.Width, 215, 225); // 58 mm ≈ 219 px
        await ScreenshotAsync(ticket, "pos-ticket-58mm");
        await ticket.CloseAsync();

        // One key and the till is ready for the next customer, with a new sale id.
        await Page.BringToFrontAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(cobro).ToBeHiddenAsync();
        await Expect(Lineas(Page)).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-pos-total]")).ToHaveTextAsync("$ 0,00");
        await Expect(Page.Locator("#pos-codigo")).ToBeFocusedAsync();
        Assert.NotEqual(idVenta, await Page.Locator("#pos-venta-id").InputValueAsync());
        Assert.Contains(idVenta, await Page.Locator("#pos-ultimas li").First.GetAttributeAsync("data-venta-id"));
        await Expect(Page.Locator("#pos-ultimas li")).ToHaveCountAsync(1);
        await Expect(Page.Locator("#pos-ultimas")).ToContainTextAsync("0021-00000001");
        Assert.Equal(48, await StockAsync(d.Admin, agua));

        // Printed on an 80 mm roll: the page is 80 mm wide and only as long as the receipt (not an A4-long strip).
        await Page.GotoAsync(ticketUrl);
        var (anchoPdf, altoPdf) = await PdfPageSizeMmAsync(Page, "pos-ticket-80mm");
        Assert.InRange(anchoPdf, 79, 81);
        Assert.InRange(altoPdf, 60, 160);
        Assert.Empty(errores);
    }

    [Fact]
    public async Task Scanner_speed_input_adds_one_line_and_never_loses_or_doubles_a_scan()
    {
        var d = await DatosAsync();
        var (chicle, baja) = (d.Productos["chicle"], d.Productos["baja"]);
        var errores = ConsoleErrors(Page);
        await AbrirPosAsync(Page, "pos.beto");
        var cantidad = Linea(Page, chicle).Locator("[data-campo='cantidad']");

        // A whole EAN-13 and Enter with no delay between keys: exactly one line, quantity 1.
        await Page.Keyboard.TypeAsync(chicle.Codigo + "\n");
        await Expect(cantidad).ToHaveTextAsync("1");
        await Expect(Lineas(Page)).ToHaveCountAsync(1);
        await Expect(Page.Locator("#pos-codigo")).ToHaveValueAsync("");
        await Expect(Page.Locator("#pos-codigo")).ToBeFocusedAsync();

        // Again: the same line, quantity 2.
        await Page.Keyboard.TypeAsync(chicle.Codigo + "\n");
        await Expect(cantidad).ToHaveTextAsync("2");
        await Expect(Lineas(Page)).ToHaveCountAsync(1);

        // Two scans back to back, the second typed while the first is still on its way: both count.
        await Page.Keyboard.TypeAsync(chicle.Codigo + "\n" + chicle.Codigo + "\n");
        await Expect(cantidad).ToHaveTextAsync("4");
        // A quantity prefix.
        await Page.Keyboard.TypeAsync("3*" + chicle.Codigo + "\n");
        await Expect(cantidad).ToHaveTextAsync("7");
        await Expect(Lineas(Page)).ToHaveCountAsync(1);
        await Expect(Linea(Page, chicle).Locator("input[name='linea_cantidad']")).ToHaveValueAsync("7");
        await Expect(Page.Locator("[data-pos-total]")).ToHaveTextAsync("$ 3.150,00");

        // +, − and remove, by mouse; the code field gets the focus back each time.
        await Linea(Page, chicle).GetByRole(AriaRole.Button, new() { Name = "Uno menos de " + chicle.Nombre }).ClickAsync();
        await Expect(cantidad).ToHaveTextAsync("6");
        await Linea(Page, chicle).GetByRole(AriaRole.Button, new() { Name = "Uno más de " + chicle.Nombre }).ClickAsync();
        await Expect(cantidad).ToHaveTextAsync("7");
        await Expect(Page.Locator("#pos-codigo")).ToBeFocusedAsync();

        // An unknown code and an inactive product: a Spanish message by the code field, nothing added.
        var desconocido = Ean13("779399999999");
        await Page.Keyboard.TypeAsync(desconocido + "\n");
        await Expect(Page.Locator("#pos-mensaje")).ToHaveTextAsync($"No hay un producto con el código {desconocido}.");
        await Page.Keyboard.TypeAsync(baja.Codigo + "\n");
        await Expect(Page.Locator("#pos-mensaje")).ToHaveTextAsync("«Caramelo Discontinuado» está dado de baja y no se puede vender.");
        await Expect(Lineas(Page)).ToHaveCountAsync(1);
        await Expect(cantidad).ToHaveTextAsync("7");
        // The next good scan clears the message.
        await Page.Keyboard.TypeAsync(chicle.Codigo + "\n");
        await Expect(cantidad).ToHaveTextAsync("8");
        await Expect(Page.Locator("#pos-mensaje")).ToHaveTextAsync("");

        await Linea(Page, chicle).GetByRole(AriaRole.Button, new() { Name = "Quitar " + chicle.Nombre }).ClickAsync();
        await Expect(Lineas(Page)).ToHaveCountAsync(0);
        await Expect(Page.Locator("#pos-codigo")).ToBeFocusedAsync();

        // The offline template holds the same row with placeholders.
        var plantilla = await Page.Locator("#pos-linea").EvaluateAsync<string>("t => t.innerHTML");
        Assert.Contains("data-campo=\"nombre\"", plantilla);
        Assert.Contains("{barcode}", plantilla);
        Assert.Contains("name=\"linea_cantidad\"", plantilla);
        Assert.Empty(errores);
    }

    [Fact]
    public async Task Insufficient_stock_is_refused_in_spanish_naming_the_product_and_the_cart_stays()
    {
        var d = await DatosAsync();
        var (escaso, gaseosa) = (d.Productos["escaso"], d.Productos["gaseosa"]);
        await AbrirPosAsync(Page, "pos.carla");
        await EscanearAsync(Page, gaseosa.Codigo);
        await EscanearAsync(Page, "5*" + escaso.Codigo);
        await Expect(Linea(Page, escaso).Locator("[data-campo='cantidad']")).ToHaveTextAsync("5");
        await Expect(Lineas(Page)).ToHaveCountAsync(2);

        // Enter with nothing typed pays the exact amount in cash; the server refuses: only 2 in stock.
        await Page.Keyboard.PressAsync("F12");
        var cobro = Page.Locator("#pos-cobro");
        await Expect(cobro).ToBeVisibleAsync();
        var respuesta = await Page.RunAndWaitForResponseAsync(() => Page.Keyboard.PressAsync("Enter"), r => r.Url.Contains("handler=Cobrar"));
        Assert.Equal(422, respuesta.Status);
        await Expect(cobro.Locator("[data-pos-error]")).ToHaveTextAsync(
            "Stock insuficiente: «Fernet Branca 750 ml» (faltan 3). No se registró la venta.");
        await Expect(Linea(Page, escaso).Locator("[data-campo='error']")).ToHaveTextAsync("Stock insuficiente: quedan 2.");
        await Expect(Linea(Page, gaseosa).Locator("[data-campo='error']")).ToBeHiddenAsync();
        await ScreenshotAsync(Page, "pos-sin-stock");

        // Nothing half-done: the cart is intact, no sale, stock unchanged.
        await Page.Keyboard.PressAsync("Escape");
        await Expect(cobro).ToBeHiddenAsync();
        await Expect(Lineas(Page)).ToHaveCountAsync(2);
        await Expect(Linea(Page, escaso).Locator("input[name='linea_cantidad']")).ToHaveValueAsync("5");
        await Expect(Page.Locator("#pos-ultimas li")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#pos-codigo")).ToBeFocusedAsync();
        Assert.Equal(2, await StockAsync(d.Admin, escaso));
        Assert.Equal(10, await StockAsync(d.Admin, gaseosa));

        // Two fewer and it sells.
        await Linea(Page, escaso).GetByRole(AriaRole.Button, new() { Name = "Uno menos de " + escaso.Nombre }).ClickAsync();
        await Expect(Linea(Page, escaso).Locator("[data-campo='cantidad']")).ToHaveTextAsync("4");
        await Linea(Page, escaso).GetByRole(AriaRole.Button, new() { Name = "Uno menos de " + escaso.Nombre }).ClickAsync();
        await Linea(Page, escaso).GetByRole(AriaRole.Button, new() { Name = "Uno menos de " + escaso.Nombre }).ClickAsync();
        await Expect(Linea(Page, escaso).Locator("[data-campo='cantidad']")).ToHaveTextAsync("2");
        await Page.Keyboard.PressAsync("F12");
        var popup = await Page.RunAndWaitForPopupAsync(() => Page.Keyboard.PressAsync("Enter"));
        await Expect(cobro.Locator(".pos-vendida-titulo")).ToHaveTextAsync("Venta registrada — Ticket 0023-00000001");
        await popup.CloseAsync();
        Assert.Equal(0, await StockAsync(d.Admin, escaso));
    }

    [Fact]
    public async Task A_supervisor_voids_a_sale_at_the_cashiers_terminal_and_the_cashier_stays_signed_in()
    {
        var d = await DatosAsync();
        var gaseosa = d.Productos["gaseosa"];
        var errores = ConsoleErrors(Page);
        await AbrirPosAsync(Page, "pos.dani");
        var antes = await StockAsync(d.Admin, gaseosa);
        await EscanearAsync(Page, "2*" + gaseosa.Codigo);
        await Expect(Linea(Page, gaseosa).Locator("[data-campo='cantidad']")).ToHaveTextAsync("2");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Cobrar" }).ClickAsync();
        var cobro = Page.Locator("#pos-cobro");
        await cobro.GetByRole(AriaRole.Button, new() { Name = "Justo" }).ClickAsync();
        var popup = await Page.RunAndWaitForPopupAsync(() => Page.Keyboard.PressAsync("Enter"));
        await Expect(cobro.Locator(".pos-vendida-titulo")).ToHaveTextAsync("Venta registrada — Ticket 0024-00000001");
        await popup.CloseAsync();
        await Page.BringToFrontAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Expect(cobro).ToBeHiddenAsync();
        Assert.Equal(antes - 2, await StockAsync(d.Admin, gaseosa));

        // F8: the dialog offers this session's sale; a wrong password is refused in the dialog.
        await Page.Keyboard.PressAsync("F8");
        var anular = Page.Locator("#pos-anular");
        await Expect(anular).ToBeVisibleAsync();
        await Expect(anular.GetByLabel("Venta")).ToContainTextAsync("0024-00000001");
        await anular.GetByLabel("Usuario del supervisor").FillAsync("pos.sara");
        await anular.GetByLabel("Contraseña del supervisor").FillAsync("no-es-la-clave");
        await anular.GetByLabel("Motivo").FillAsync("El cliente se arrepintió");
        await anular.GetByRole(AriaRole.Button, new() { Name = "Anular venta" }).ClickAsync();
        await Expect(anular.Locator("[data-pos-error]")).ToHaveTextAsync("Usuario o contraseña de supervisor incorrectos.");
        await Expect(anular.GetByLabel("Contraseña del supervisor")).ToHaveValueAsync("");

        // A cashier's credentials are right but not enough, and the dialog does not say they were right.
        await anular.GetByLabel("Usuario del supervisor").FillAsync("pos.ana");
        await anular.GetByLabel("Contraseña del supervisor").FillAsync(Clave);
        // Same text as the refusal already shown: wait for this answer (the dialog empties the password after it).
        await Page.RunAndWaitForResponseAsync(() => anular.GetByRole(AriaRole.Button, new() { Name = "Anular venta" }).ClickAsync(),
            r => r.Url.Contains("handler=Anular"));
        await Expect(anular.Locator("[data-pos-error]")).ToHaveTextAsync("Usuario o contraseña de supervisor incorrectos.");
        await Expect(anular.GetByLabel("Contraseña del supervisor")).ToHaveValueAsync("");

        // The supervisor's: voided, recorded with them.
        await anular.GetByLabel("Usuario del supervisor").FillAsync("pos.sara");
        await anular.GetByLabel("Contraseña del supervisor").FillAsync(Clave);
        await ScreenshotAsync(Page, "pos-anular");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(anular.Locator("[data-venta-anulada]")).ToContainTextAsync("Venta 0024-00000001 anulada, autorizada por pos.sara.");
        await Page.Keyboard.PressAsync("Escape");
        await Expect(anular).ToBeHiddenAsync();
        await Expect(Page.Locator("#pos-ultimas li").First).ToContainTextAsync("Anulada");
        await Expect(Page.Locator("#pos-codigo")).ToBeFocusedAsync();

        // The cashier is still the one signed in, and keeps selling.
        await Expect(Page.Locator(".user-name")).ToHaveTextAsync("pos.dani");
        await Page.ReloadAsync();
        await Expect(Page.Locator(".user-name")).ToHaveTextAsync("pos.dani");
        await Expect(Page.Locator("#pos-codigo")).ToBeFocusedAsync();
        Assert.Equal(antes, await StockAsync(d.Admin, gaseosa));

        // The voided receipt says so.
        var id = await Page.Locator("#pos-ultimas li").First.GetAttributeAsync("data-venta-id");
        await Page.GotoAsync($"/ventas/{id}/ticket");
        await Expect(Page.Locator("[data-ticket-anulada]")).ToHaveTextAsync("ANULADA");
        await Expect(Page.Locator(".ticket-anulada-motivo")).ToContainTextAsync("El cliente se arrepintió (pos.sara)");
        Assert.Empty(errores);
    }

    // ── helpers ──────────────────────────────────────────────────────────────────────────────────────────────

    private static readonly (int Width, int Height)[] Pantallas = [(1280, 800), (1024, 768)];

    private async Task ScreenshotsAsync(IPage page, string name)
    {
        foreach (var (width, height) in Pantallas)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = SharedBrowser.ScreenshotPath($"{name}-{width}") });
        }
        await page.SetViewportSizeAsync(1280, 800);
    }

    /// <summary>Prints to PDF with the CSS @page size and reads the first page's MediaBox in millimetres.</summary>
    private static async Task<(double Width, double Height)> PdfPageSizeMmAsync(IPage page, string name)
    {
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var pdf = await page.PdfAsync(new()
        {
            PreferCSSPageSize = true, PrintBackground = true, Path = SharedBrowser.ScreenshotPath(name).Replace(".png", ".pdf"),
        });
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        var box = Regex.Match(System.Text.Encoding.Latin1.GetString(pdf), @"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]");
        Assert.True(box.Success, "the PDF has no MediaBox");
        static double Mm(string pt) => double.Parse(pt, System.Globalization.CultureInfo.InvariantCulture) * 25.4 / 72;
        return (Mm(box.Groups[1].Value), Mm(box.Groups[2].Value));
    }

    private static List<string> ConsoleErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, msg) =>
        {
            // A refused payment or void answers 422 on purpose (htmx swaps it); Chromium logs every 4xx.
            if (msg.Type == "error" && !msg.Text.Contains("status of 422")) errors.Add(msg.Text);
        };
        page.PageError += (_, e) => errors.Add(e);
        return errors;
    }
}
