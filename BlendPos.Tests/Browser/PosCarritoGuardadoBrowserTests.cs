using System.Text.RegularExpressions;
using BlendPos.Tests.Infrastructure;
using Microsoft.Playwright;
using static BlendPos.Tests.Browser.PosOfflineKit;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>
/// The sale in progress survives a reload or a closed tab (issue 15): the open cart is kept in the terminal's browser
/// per cashier and drawer session and comes back, online or offline; a registered sale forgets it; another cashier at
/// the same terminal never sees it.
/// </summary>
public sealed class PosCarritoGuardadoBrowserTests(KestrelAppFixture fx) : BrowserTest(fx)
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

    private async Task CobrarJustoOnlineAsync()
    {
        await Page.Keyboard.PressAsync("F12");
        var cobro = Page.Locator("#pos-cobro");
        await Expect(cobro.GetByLabel("Efectivo ($)")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(cobro.Locator(".pos-vendida-titulo")).ToContainTextAsync("Venta registrada");
    }

    private async Task SalirAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Salir" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/login"));
    }

    [Fact]
    public async Task A_reload_brings_the_open_cart_back_and_a_registered_sale_clears_it()
    {
        var (admin, sesion) = await CajeroAsync("guard.ana", 81);
        var alfajor = await ProductoAsync(admin, "Alfajor Guardado", 1250.50m, 50);
        var agua = await ProductoAsync(admin, "Agua Guardada 500 ml", 800m, 50);
        var errores = ErroresDeConsola(Page);
        await Page.GotoAsync("/pos");
        await ListoAsync(Page, sesion);

        await EscanearAsync(Page, alfajor);
        await EscanearAsync(Page, alfajor);
        await EscanearAsync(Page, agua);
        await TotalAsync(Page, 3301m, 2);
        var idVenta = await Page.Locator("#pos-venta-id").InputValueAsync();

        await Page.ReloadAsync();
        await ListoAsync(Page, sesion);
        await Expect(Cantidad(Page, alfajor)).ToHaveTextAsync("2");
        await Expect(Cantidad(Page, agua)).ToHaveTextAsync("1");
        await TotalAsync(Page, 3301m, 2);
        // The same sale: a checkout whose answer was lost before the reload is not charged twice.
        await Expect(Page.Locator("#pos-venta-id")).ToHaveValueAsync(idVenta);
        await ScreenshotAsync(Page, "pos-carrito-recuperado");

        // A closed tab too: a new page of the same terminal (browser profile).
        await Page.CloseAsync();
        var page = await Context.NewPageAsync();
        await page.GotoAsync("/pos");
        await ListoAsync(page, sesion);
        await TotalAsync(page, 3301m, 2);

        // The restored cart keeps working as any other: one more scan, then the sale.
        await EscanearAsync(page, agua);
        await TotalAsync(page, 4101m, 2);
        await page.Keyboard.PressAsync("F12");
        await Expect(page.Locator("#pos-cobro").GetByLabel("Efectivo ($)")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#pos-cobro .pos-vendida-titulo")).ToContainTextAsync("Venta registrada");
        var venta = Assert.Single(await VentasAsync(admin, sesion));
        Assert.Equal(4101m, venta.GetProperty("total").GetDecimal());
        Assert.Equal(Guid.Parse(idVenta), venta.GetProperty("id").GetGuid());

        await page.ReloadAsync();
        await ListoAsync(page, sesion);
        await TotalAsync(page, 0m, 0);
        await Expect(page.Locator(".pos-vacio")).ToBeVisibleAsync();
        Assert.NotEqual(idVenta, await page.Locator("#pos-venta-id").InputValueAsync());
        Assert.Empty(errores);
    }

    [Fact]
    public Task Offline_a_reload_from_the_service_worker_brings_the_cart_back_and_the_offline_sale_clears_it() =>
        ConCapturaAsync(Context, "pos-carrito-offline", async () =>
        {
            var (admin, sesion) = await CajeroAsync("guard.beto", 82);
            var yerba = await ProductoAsync(admin, "Yerba Guardada 1 kg", 5600m, 20);
            var galletitas = await ProductoAsync(admin, "Galletitas Guardadas", 1250.50m, 20);
            var errores = PageErrors(Page);
            await AbrirPosOnlineAsync(Page, sesion);
            await Context.SetOfflineAsync(true);
            await Expect(Page.Locator("#pos-conexion")).ToHaveAttributeAsync("data-estado", "offline");

            await EscanearAsync(Page, yerba);
            await EscanearAsync(Page, galletitas);
            await EscanearAsync(Page, galletitas);
            await TotalAsync(Page, 8101m, 2);

            await Page.ReloadAsync(); // served by the service worker: the server is unreachable
            await ListoAsync(Page, sesion);
            await Expect(Page.Locator("#pos-conexion")).ToHaveAttributeAsync("data-estado", "offline");
            await Expect(Cantidad(Page, galletitas)).ToHaveTextAsync("2");
            await TotalAsync(Page, 8101m, 2);
            await ScreenshotAsync(Page, "pos-carrito-recuperado-offline");

            var id = await CobrarSinConexionAsync(Page, 8101m, 0m);
            await NuevaVentaAsync(Page);
            await Page.ReloadAsync();
            await ListoAsync(Page, sesion);
            await TotalAsync(Page, 0m, 0);

            // Back online the sale arrives once, with the lines of the restored cart.
            await Context.SetOfflineAsync(false);
            await TodoEnviadoAsync(Page);
            var venta = VentaUnica(await VentasAsync(admin, sesion), id, 8101m, 0m);
            Assert.Equal(2, venta.GetProperty("items").GetArrayLength());
            Assert.Empty(errores);
        });

    [Fact]
    public async Task Another_cashier_at_the_same_terminal_never_sees_the_cart_and_its_owner_gets_it_back()
    {
        var (admin, sesionAna) = await CajeroAsync("guard.caro", 83);
        var sesionBeto = await CajeroConCajaAsync(App, admin, "guard.dani", 84);
        var chicle = await ProductoAsync(admin, "Chicle Guardado", 300m, 50);
        await Page.GotoAsync("/pos");
        await ListoAsync(Page, sesionAna);
        await EscanearAsync(Page, chicle);
        await EscanearAsync(Page, chicle);
        await TotalAsync(Page, 600m, 1);

        await SalirAsync();
        await IngresarAsync(Page, "guard.dani");
        await Page.GotoAsync("/pos");
        await ListoAsync(Page, sesionBeto);
        await TotalAsync(Page, 0m, 0);
        await ScreenshotAsync(Page, "pos-carrito-otro-cajero");

        await SalirAsync();
        await IngresarAsync(Page, "guard.caro");
        await Page.GotoAsync("/pos");
        await ListoAsync(Page, sesionAna);
        await TotalAsync(Page, 600m, 1);
    }
}
