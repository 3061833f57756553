using System.Text.RegularExpressions;
using BlendPos.Domain;
using BlendPos.Tests.Infrastructure;
using Microsoft.Playwright;
using static BlendPos.Tests.Browser.PosOfflineKit;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>
/// The till at full speed, as a cashier uses it (issue 15): the next customer's first scan right after a sale, quick
/// bills that add up, a quantity typed on the selected line, one Esc to leave the name search, and the sales waiting
/// offline in «Últimas ventas». Each test has its own cashier, punto de venta and products; no sleeps, only expectations.
/// </summary>
public sealed class PosRapidoBrowserTests(KestrelAppFixture fx) : BrowserTest(fx)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // The receipt window would take the keyboard; what a cashier types after a sale must reach the till.
        await Context.AddInitScriptAsync("window.open = () => null; window.print = () => {};");
    }

    private async Task<(HttpClient Admin, Guid Sesion)> CajeroAsync(string usuario, int puntoDeVenta)
    {
        var admin = await App.AdminAsync();
        var sesion = await CajeroConCajaAsync(App, admin, usuario, puntoDeVenta);
        await IngresarAsync(Page, usuario);
        return (admin, sesion);
    }

    private async Task AbrirPosAsync(Guid sesion)
    {
        await Page.GotoAsync("/pos");
        await ListoAsync(Page, sesion);
    }

    private ILocator Linea(Producto p) => Page.Locator($"#pos-lineas tr[data-barcode='{p.Codigo}']");

    /// <summary>F12 and Enter: exact cash; the «Venta registrada» box stays until the next key.</summary>
    private async Task CobrarJustoAsync()
    {
        await Page.Keyboard.PressAsync("F12");
        var cobro = Page.Locator("#pos-cobro");
        await Expect(cobro).ToBeVisibleAsync();
        await Expect(cobro.GetByLabel("Efectivo ($)")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(cobro.Locator(".pos-vendida-titulo")).ToContainTextAsync("Venta registrada");
    }

    [Fact]
    public async Task After_a_sale_the_next_customers_first_scan_closes_the_box_and_lands_in_the_new_cart()
    {
        var (admin, sesion) = await CajeroAsync("rap.ana", 71);
        var alfajor = await ProductoAsync(admin, "Alfajor Rápido", 1250.50m, 50);
        var agua = await ProductoAsync(admin, "Agua Rápida 500 ml", 800m, 50);
        var errores = ErroresDeConsola(Page);
        await AbrirPosAsync(sesion);

        await EscanearAsync(Page, alfajor);
        await Expect(Cantidad(Page, alfajor)).ToHaveTextAsync("1");
        var idVenta = await Page.Locator("#pos-venta-id").InputValueAsync();
        await CobrarJustoAsync();
        await Expect(Page.Locator("#pos-cobro [data-pos-nueva]")).ToBeFocusedAsync();
        await ScreenshotAsync(Page, "pos-rapido-vendida");

        // The next customer's product, at scanner speed, with the box still open: nothing of it is lost.
        await Page.Keyboard.TypeAsync(agua.Codigo + "\n");
        await Expect(Page.Locator("#pos-cobro")).ToBeHiddenAsync();
        await Expect(Cantidad(Page, agua)).ToHaveTextAsync("1");
        await Expect(Lineas(Page)).ToHaveCountAsync(1);
        await Expect(Page.Locator("[data-pos-total]")).ToHaveTextAsync("$ 800,00");
        await Expect(Page.Locator("#pos-codigo")).ToHaveValueAsync("");
        await Expect(Page.Locator("#pos-codigo")).ToBeFocusedAsync();
        Assert.NotEqual(idVenta, await Page.Locator("#pos-venta-id").InputValueAsync());
        await ScreenshotAsync(Page, "pos-rapido-siguiente-escaneo");

        // And that second sale goes through as a sale of its own.
        await CobrarJustoAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("#pos-cobro")).ToBeHiddenAsync();
        await Expect(Page.Locator("#pos-ultimas li[data-venta-id]")).ToHaveCountAsync(2);
        var ventas = await VentasAsync(admin, sesion);
        Assert.Equal(2, ventas.Length);
        Assert.Contains(ventas, v => v.GetProperty("total").GetDecimal() == 800m);
        Assert.Empty(errores);
    }

    [Fact]
    public async Task Quick_bills_add_up_with_thousands_dots_and_Borrar_empties_the_cash()
    {
        var (admin, sesion) = await CajeroAsync("rap.beto", 72);
        var yerba = await ProductoAsync(admin, "Yerba Rápida 1 kg", 5600m, 20);
        var errores = ErroresDeConsola(Page);
        await AbrirPosAsync(sesion);
        await EscanearAsync(Page, yerba);
        await Expect(Cantidad(Page, yerba)).ToHaveTextAsync("1");

        await Page.Keyboard.PressAsync("F12");
        var cobro = Page.Locator("#pos-cobro");
        var efectivo = cobro.GetByLabel("Efectivo ($)");
        var diezMil = cobro.GetByRole(AriaRole.Button, new() { Name = "$ 10.000" });
        await diezMil.ClickAsync();
        await Expect(efectivo).ToHaveValueAsync("10.000,00");
        await diezMil.ClickAsync();
        await Expect(efectivo).ToHaveValueAsync("20.000,00");
        await Expect(efectivo).ToBeFocusedAsync();
        await Expect(cobro.Locator("[data-cobro-vuelto]")).ToHaveTextAsync("$ 14.400,00");
        await ScreenshotAsync(Page, "pos-rapido-billetes");

        // «Borrar» starts the cash over; a 1.000 and a 2.000 then make 3.000 (not enough: it says what is missing).
        await cobro.GetByRole(AriaRole.Button, new() { Name = "Borrar el efectivo" }).ClickAsync();
        await Expect(efectivo).ToHaveValueAsync("");
        await Expect(cobro.Locator("[data-cobro-vuelto]")).ToHaveTextAsync("$ 0,00");
        await cobro.GetByRole(AriaRole.Button, new() { Name = "$ 1.000", Exact = true }).ClickAsync();
        await cobro.GetByRole(AriaRole.Button, new() { Name = "$ 2.000", Exact = true }).ClickAsync();
        await Expect(efectivo).ToHaveValueAsync("3.000,00");
        await Expect(cobro.Locator("[data-cobro-falta]")).ToHaveTextAsync("Faltan $ 2.600,00");

        // Typed by hand and then a bill: they add too. The server reads "13.000,00" back.
        await efectivo.FillAsync("3000");
        await diezMil.ClickAsync();
        await Expect(efectivo).ToHaveValueAsync("13.000,00");
        await Expect(cobro.Locator("[data-cobro-vuelto]")).ToHaveTextAsync("$ 7.400,00");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(cobro.Locator(".pos-vendida-titulo")).ToContainTextAsync("Venta registrada");
        await Expect(cobro.Locator("[data-vendida-vuelto]")).ToHaveTextAsync("$ 7.400,00");
        var venta = Assert.Single(await VentasAsync(admin, sesion));
        Assert.Equal(7400m, venta.GetProperty("vuelto").GetDecimal());
        Assert.Empty(errores);
    }

    [Fact]
    public async Task A_quantity_typed_on_the_selected_line_sets_its_units_and_a_scan_still_adds()
    {
        var (admin, sesion) = await CajeroAsync("rap.carla", 73);
        var chicle = await ProductoAsync(admin, "Chicle Rápido", 450m, 100);
        var gaseosa = await ProductoAsync(admin, "Gaseosa Rápida 1,5 l", 2100m, 100);
        var errores = ErroresDeConsola(Page);
        await AbrirPosAsync(sesion);
        await EscanearAsync(Page, chicle);
        await Expect(Cantidad(Page, chicle)).ToHaveTextAsync("1");
        await EscanearAsync(Page, gaseosa);
        await Expect(Cantidad(Page, gaseosa)).ToHaveTextAsync("1");

        // ↑ selects the last line; "*5" + Enter: five of it.
        await Page.Keyboard.PressAsync("ArrowUp");
        await Expect(Linea(gaseosa)).ToHaveAttributeAsync("aria-selected", "true");
        await Page.Keyboard.TypeAsync("*5\n");
        await Expect(Cantidad(Page, gaseosa)).ToHaveTextAsync("5");
        await Expect(Linea(gaseosa).Locator("input[name='linea_cantidad']")).ToHaveValueAsync("5");
        await Expect(Page.Locator("[data-pos-total]")).ToHaveTextAsync(Money.Format(450m + 5 * 2100m));
        await Expect(Linea(gaseosa)).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(Page.Locator("#pos-codigo")).ToHaveValueAsync("");

        // A bare number sets it too, down as well as up.
        await Page.Keyboard.TypeAsync("2\n");
        await Expect(Cantidad(Page, gaseosa)).ToHaveTextAsync("2");
        // ↑ to the other line: 12 of it.
        await Page.Keyboard.PressAsync("ArrowUp");
        await Expect(Linea(chicle)).ToHaveAttributeAsync("aria-selected", "true");
        await Page.Keyboard.TypeAsync("*12\n");
        await Expect(Cantidad(Page, chicle)).ToHaveTextAsync("12");
        await Expect(Page.Locator("[data-pos-total]")).ToHaveTextAsync(Money.Format(12 * 450m + 2 * 2100m));
        await ScreenshotAsync(Page, "pos-rapido-cantidad");

        // Out of range: a message, nothing changes.
        await Page.Keyboard.TypeAsync("*0\n");
        await Expect(Page.Locator("#pos-mensaje")).ToHaveTextAsync("La cantidad debe ser entre 1 y 9999.");
        await Page.Keyboard.TypeAsync("*10000\n");
        await Expect(Page.Locator("#pos-mensaje")).ToHaveTextAsync("La cantidad debe ser entre 1 y 9999.");
        await Expect(Cantidad(Page, chicle)).ToHaveTextAsync("12");

        // A scan with a line selected is still a scan: it adds one and lets go of the selection.
        await Page.Keyboard.TypeAsync(gaseosa.Codigo + "\n");
        await Expect(Cantidad(Page, gaseosa)).ToHaveTextAsync("3");
        await Expect(Cantidad(Page, chicle)).ToHaveTextAsync("12");
        await Expect(Page.Locator("#pos-lineas tr[aria-selected='true']")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#pos-mensaje")).ToHaveTextAsync("");

        // The sale charges what the screen shows.
        await CobrarJustoAsync();
        var venta = Assert.Single(await VentasAsync(admin, sesion));
        Assert.Equal(12 * 450m + 3 * 2100m, venta.GetProperty("total").GetDecimal());
        Assert.Empty(errores);
    }

    [Fact]
    public async Task One_Esc_closes_the_name_search_and_the_code_field_takes_the_next_scan()
    {
        var (admin, sesion) = await CajeroAsync("rap.dani", 74);
        var mate = await ProductoAsync(admin, "Mate Calabaza Rápido", 3000m, 10);
        var errores = ErroresDeConsola(Page);
        await AbrirPosAsync(sesion);

        await Page.Keyboard.PressAsync("F2");
        var buscar = Page.Locator("#pos-buscar");
        await Expect(Page.Locator("#pos-buscar-q")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("calabaza");
        await Expect(buscar.Locator("[role='option']")).ToHaveCountAsync(1);
        await Page.Keyboard.PressAsync("Escape");
        await Expect(buscar).ToBeHiddenAsync();
        await Expect(Page.Locator("#pos-codigo")).ToBeFocusedAsync();

        // The next scan goes to the cart; F2 again opens an empty search.
        await Page.Keyboard.TypeAsync(mate.Codigo + "\n");
        await Expect(Cantidad(Page, mate)).ToHaveTextAsync("1");
        await Page.Keyboard.PressAsync("F2");
        await Expect(Page.Locator("#pos-buscar-q")).ToHaveValueAsync("");
        await Expect(buscar.Locator("[role='option']")).ToHaveCountAsync(0);
        await Page.Keyboard.PressAsync("Escape");
        await Expect(buscar).ToBeHiddenAsync();
        Assert.Empty(errores);
    }

    [Fact]
    public Task Sales_waiting_offline_are_listed_as_pendiente_and_get_their_ticket_after_the_replay() =>
        ConCapturaAsync(Context, "pos-rapido-pendientes", PendientesEnUltimasAsync);

    private async Task PendientesEnUltimasAsync()
    {
        var (admin, sesion) = await CajeroAsync("rap.eli", 75);
        var galletitas = await ProductoAsync(admin, "Galletitas Rápidas", 1250.50m, 50);
        var errores = PageErrors(Page);
        await AbrirPosOnlineAsync(Page, sesion);
        var ultimas = Page.Locator("#pos-ultimas");
        await Expect(ultimas).ToContainTextAsync("Todavía no hay ventas en esta caja.");

        // One sale online, then the network drops and one more is sold.
        await EscanearAsync(Page, galletitas);
        await CobrarJustoAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(ultimas.Locator("li[data-venta-id]")).ToHaveCountAsync(1);
        await Context.SetOfflineAsync(true);
        await Expect(Page.Locator("#pos-conexion")).ToHaveAttributeAsync("data-estado", "offline");
        await EscanearAsync(Page, galletitas);
        await EscanearAsync(Page, galletitas);
        await Expect(Cantidad(Page, galletitas)).ToHaveTextAsync("2");
        var id = await CobrarSinConexionAsync(Page, 2501m, 0m);
        await NuevaVentaAsync(Page);
        await PendientesAsync(Page, 1);

        // On top of the list, marked «pendiente», with its total; the void dialog does not offer it.
        var pendiente = ultimas.Locator($"li[data-pendiente-id='{id}']");
        await Expect(pendiente).ToContainTextAsync("pendiente");
        await Expect(pendiente).ToContainTextAsync("$ 2.501,00");
        await Expect(ultimas.Locator("li").First).ToHaveAttributeAsync("data-pendiente-id", id.ToString());
        await Expect(ultimas.Locator("li[data-venta-id]")).ToHaveCountAsync(1);
        await ScreenshotAsync(Page, "pos-rapido-ultimas-pendiente");

        // The network returns: the outbox is replayed and the list shows the sale with its ticket number.
        await Context.SetOfflineAsync(false);
        await TodoEnviadoAsync(Page);
        await Expect(ultimas.Locator("li[data-pendiente-id]")).ToHaveCountAsync(0);
        await Expect(ultimas.Locator($"li[data-venta-id='{id}']")).ToHaveAttributeAsync("data-ticket", new Regex("^0075-0000000[12]$"));
        await Expect(ultimas.Locator("li[data-venta-id]")).ToHaveCountAsync(2);
        await ScreenshotAsync(Page, "pos-rapido-ultimas-enviada");
        Assert.Empty(errores);
    }
}
