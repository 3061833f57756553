using BlendPos.Tests.Infrastructure;
using Microsoft.Playwright;
using static BlendPos.Tests.Browser.PosOfflineKit;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>
/// A scan redraws only its line (issue 14): the other rows stay the same DOM elements, the answer carries no other
/// line, and the totals still add up; once a line is marked (a stock warning), the next scan redraws the whole cart.
/// </summary>
public sealed class PosEscaneoBrowserTests(KestrelAppFixture fx) : BrowserTest(fx)
{
    private ILocator Fila(Producto p) => Page.Locator($"#pos-lineas tr[data-barcode='{p.Codigo}']");

    /// <summary>Tags a row's element: a row the page kept still has the tag, a row swapped for a new one has not.</summary>
    private Task MarcarAsync(Producto p, string marca) =>
        Fila(p).EvaluateAsync("(el, m) => { el.dataset.prueba = m; }", marca);

    private async Task<string> EscanearYLeerRespuestaAsync(string texto)
    {
        var respuesta = Page.WaitForResponseAsync(r => r.Url.Contains("handler=Linea", StringComparison.Ordinal));
        await Expect(Page.Locator("#pos-codigo")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(texto + "\n");
        var r = await respuesta;
        Assert.Equal(200, r.Status);
        Assert.Contains("parcial=1", r.Request.PostData ?? "", StringComparison.Ordinal);
        return await r.TextAsync();
    }

    [Fact]
    public async Task A_scan_redraws_its_line_only_and_the_totals_add_up()
    {
        var admin = await App.AdminAsync();
        var sesion = await CajeroConCajaAsync(App, admin, "esc.ana", 73);
        var yerba = await ProductoAsync(admin, "Yerba Escaneo 1 kg", 3200m, 50);
        var galletitas = await ProductoAsync(admin, "Galletitas Escaneo", 950.50m, 50);
        var errores = ErroresDeConsola(Page);
        await IngresarAsync(Page, "esc.ana");
        await Page.GotoAsync("/pos");
        await ListoAsync(Page, sesion);

        await EscanearYLeerRespuestaAsync(yerba.Codigo);
        await Expect(Cantidad(Page, yerba)).ToHaveTextAsync("1");
        await Expect(Page.Locator(".pos-vacio")).ToHaveCountAsync(0);
        await MarcarAsync(yerba, "yerba");

        // A new product: appended, the first row untouched, the answer holds only the new line.
        var cuerpo = await EscanearYLeerRespuestaAsync(galletitas.Codigo);
        Assert.Contains(galletitas.Codigo, cuerpo, StringComparison.Ordinal);
        Assert.DoesNotContain(yerba.Codigo, cuerpo, StringComparison.Ordinal);
        await Expect(Cantidad(Page, galletitas)).ToHaveTextAsync("1");
        await Expect(Fila(yerba)).ToHaveAttributeAsync("data-prueba", "yerba");
        await Expect(Fila(galletitas)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("pos-linea-actual"));
        await Expect(Fila(yerba)).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("pos-linea-actual"));
        await MarcarAsync(galletitas, "galletitas");

        // The same product again: its row is replaced with the new quantity, in place; the other one stays.
        cuerpo = await EscanearYLeerRespuestaAsync("2*" + yerba.Codigo);
        Assert.DoesNotContain(galletitas.Codigo, cuerpo, StringComparison.Ordinal);
        await Expect(Cantidad(Page, yerba)).ToHaveTextAsync("3");
        await Expect(Fila(yerba)).Not.ToHaveAttributeAsync("data-prueba", "yerba");
        await Expect(Fila(galletitas)).ToHaveAttributeAsync("data-prueba", "galletitas");
        await Expect(Lineas(Page).First).ToHaveAttributeAsync("data-barcode", yerba.Codigo); // the order of scanning
        await TotalAsync(Page, 3 * 3200m + 950.50m, 2);
        await Expect(Page.Locator(".pos-total-unidades")).ToHaveTextAsync("4 unidades");

        // An unknown code: the message, no row touched.
        await EscanearYLeerRespuestaAsync("7799999999994");
        await Expect(Page.Locator("#pos-mensaje")).ToContainTextAsync("No hay un producto con el código 7799999999994");
        await Expect(Fila(galletitas)).ToHaveAttributeAsync("data-prueba", "galletitas");
        await TotalAsync(Page, 3 * 3200m + 950.50m, 2);

        // The cart the page would send on payment is the one on the screen: F5 restores it the same.
        await Page.ReloadAsync();
        await ListoAsync(Page, sesion);
        await Expect(Cantidad(Page, yerba)).ToHaveTextAsync("3");
        await TotalAsync(Page, 3 * 3200m + 950.50m, 2);
        Assert.Empty(errores);
        await ScreenshotAsync(Page, "pos-escaneo-parcial");
    }

    [Fact]
    public async Task With_a_marked_line_the_next_scan_redraws_the_whole_cart()
    {
        var admin = await App.AdminAsync();
        var sesion = await CajeroConCajaAsync(App, admin, "esc.beto", 74);
        var escaso = await ProductoAsync(admin, "Fernet Escaso", 9000m, 1);
        var agua = await ProductoAsync(admin, "Agua Escaneo", 800m, 50);
        await IngresarAsync(Page, "esc.beto");
        await Page.GotoAsync("/pos");
        await ListoAsync(Page, sesion);

        await EscanearYLeerRespuestaAsync("3*" + escaso.Codigo);
        await Expect(Fila(escaso).Locator("[data-campo='aviso']")).ToHaveTextAsync("Stock: quedan 1.");

        // The page holds a marked line: it asks for the whole cart, which comes back with both lines.
        var respuesta = Page.WaitForResponseAsync(r => r.Url.Contains("handler=Linea", StringComparison.Ordinal));
        await Page.Keyboard.TypeAsync(agua.Codigo + "\n");
        var r = await respuesta;
        Assert.DoesNotContain("parcial=1", r.Request.PostData ?? "", StringComparison.Ordinal);
        var cuerpo = await r.TextAsync();
        Assert.Contains(escaso.Codigo, cuerpo, StringComparison.Ordinal);
        Assert.Contains(agua.Codigo, cuerpo, StringComparison.Ordinal);
        await Expect(Fila(escaso).Locator("[data-campo='aviso']")).ToHaveTextAsync("Stock: quedan 1.");
        await TotalAsync(Page, 3 * 9000m + 800m, 2);
    }
}
