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
}
