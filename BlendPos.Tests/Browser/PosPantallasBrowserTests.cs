using BlendPos.Domain;
using BlendPos.Tests.Infrastructure;
using Microsoft.Playwright;
using static BlendPos.Tests.Browser.PosOfflineKit;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>
/// The till on the screens it meets (issue 15): a phone (412×915), a small netbook (1024×600) and a common laptop
/// (1366×768). On each, with a cart of long names and big amounts: no amount is clipped or pushed sideways, every cart
/// control and every payment field and button can be reached (scrolled into view, then inside the viewport), and the
/// page never scrolls sideways. Screenshots of the cart, the payment dialog and the sale for each size.
/// </summary>
public sealed class PosPantallasBrowserTests(KestrelAppFixture fx) : BrowserTest(fx)
{
    public static TheoryData<int, int> Pantallas => new() { { 412, 915 }, { 1024, 600 }, { 1366, 768 } };

    public sealed class Caja
    {
        public double Left { get; set; }
        public double Top { get; set; }
        public double Right { get; set; }
        public double Bottom { get; set; }
        public override string ToString() => $"x {Left:0.#}..{Right:0.#}, y {Top:0.#}..{Bottom:0.#}";
    }

    /// <summary>Scrolls the element into view (as a person would) and returns its box in the viewport.</summary>
    private static async Task<Caja> VisibleAsync(ILocator el, int ancho, int alto, string que)
    {
        await el.ScrollIntoViewIfNeededAsync();
        await Expect(el).ToBeVisibleAsync();
        var b = await el.EvaluateAsync<Caja>("e => { const r = e.getBoundingClientRect(); return { Left: r.left, Top: r.top, Right: r.right, Bottom: r.bottom }; }");
        Assert.True(b.Left >= -0.5 && b.Right <= ancho + 0.5 && b.Top >= -0.5 && b.Bottom <= alto + 0.5,
            $"{ancho}×{alto}: {que} is not inside the viewport after scrolling to it: {b}");
        return b;
    }

    /// <summary>Elements whose content is wider than their box (cut or scrolling sideways).</summary>
    private static Task<string[]> RecortadosAsync(IPage page, string selector) => page.EvaluateAsync<string[]>("""
        (sel) => [...document.querySelectorAll(sel)].filter((e) => e.scrollWidth > e.clientWidth + 1)
          .map((e) => `${e.tagName}#${e.id}.${e.className} ${e.scrollWidth}>${e.clientWidth}`)
        """, selector);

    [Theory]
    [MemberData(nameof(Pantallas))]
    public async Task The_cart_and_the_payment_are_usable_with_every_amount_visible(int ancho, int alto)
    {
        var admin = await App.AdminAsync();
        var usuario = $"pant.{ancho}";
        var sesion = await CajeroConCajaAsync(App, admin, usuario, 60 + ancho % 37);
        var largo = await ProductoAsync(admin, "Galletitas Surtidas Rellenas Sabor Dulce de Leche Edición Familiar", 1_234_567.89m, 50);
        var agua = await ProductoAsync(admin, "Agua Mineral 500 ml", 800m, 50);
        var yerba = await ProductoAsync(admin, "Yerba Mate Suave 1 kg", 5600m, 50);
        await using var context = await NewContextAsync(ancho, alto);
        await context.AddInitScriptAsync("window.open = () => null; window.print = () => {};");
        var page = await context.NewPageAsync();
        var errores = ErroresDeConsola(page);
        await IngresarAsync(page, usuario);
        await page.GotoAsync("/pos");
        await ListoAsync(page, sesion);
        await page.Keyboard.TypeAsync("12*" + largo.Codigo + "\n");
        await EscanearAsync(page, agua);
        await EscanearAsync(page, yerba);
        var total = 12 * 1_234_567.89m + 800m + 5600m;
        await TotalAsync(page, total, 3);

        // The cart: every line's amounts and buttons within reach, nothing wider than its box, no sideways page.
        Assert.Empty(await RecortadosAsync(page, "#pos-carrito, .pos-total-monto, html, body"));
        foreach (var p in new[] { largo, agua, yerba })
        {
            var fila = page.Locator($"#pos-lineas tr[data-barcode='{p.Codigo}']");
            await VisibleAsync(fila.Locator(".pos-linea-subtotal"), ancho, alto, $"{p.Nombre}: importe");
            await VisibleAsync(fila.Locator(".pos-linea-precio"), ancho, alto, $"{p.Nombre}: precio");
            foreach (var op in new[] { "menos", "mas", "quitar" })
                await VisibleAsync(fila.Locator($"[data-pos-op='{op}']"), ancho, alto, $"{p.Nombre}: {op}");
        }
        await Expect(page.Locator($"#pos-lineas tr[data-barcode='{largo.Codigo}'] .pos-linea-subtotal")).ToHaveTextAsync(Money.Format(12 * 1_234_567.89m));
        await VisibleAsync(page.Locator("[data-pos-total]"), ancho, alto, "total");
        await VisibleAsync(page.Locator(".pos-cobrar"), ancho, alto, "Cobrar");
        await VisibleAsync(page.Locator("#pos-codigo"), ancho, alto, "código");
        await page.Locator("#pos-codigo").FocusAsync();
        await page.ScreenshotAsync(new() { Path = SharedBrowser.ScreenshotPath($"pos-pantalla-{ancho}x{alto}-carrito") });

        // The payment dialog: every field and button reachable, the amounts whole.
        await page.Keyboard.PressAsync("F12");
        var cobro = page.Locator("#pos-cobro");
        await Expect(cobro.GetByLabel("Efectivo ($)")).ToBeFocusedAsync();
        await cobro.GetByLabel("Efectivo ($)").FillAsync("15.000.000");
        await Expect(cobro.Locator("[data-cobro-vuelto]")).ToHaveTextAsync(Money.Format(15_000_000m - total));
        await page.ScreenshotAsync(new() { Path = SharedBrowser.ScreenshotPath($"pos-pantalla-{ancho}x{alto}-cobro") });
        foreach (var campo in new[] { "Efectivo ($)", "Débito ($)", "Crédito ($)", "Transferencia ($)" })
            await VisibleAsync(cobro.GetByLabel(campo), ancho, alto, campo);
        foreach (var boton in await cobro.Locator(".pos-billetes button").AllAsync())
            await VisibleAsync(boton, ancho, alto, "billete " + await boton.TextContentAsync());
        await VisibleAsync(cobro.Locator("[data-cobro-total]"), ancho, alto, "total a cobrar");
        await VisibleAsync(cobro.Locator("[data-cobro-vuelto]"), ancho, alto, "vuelto");
        await cobro.Locator("[data-cobro-descuento] summary").ClickAsync();
        await VisibleAsync(cobro.GetByLabel("Descuento ($)"), ancho, alto, "descuento");
        await VisibleAsync(cobro.GetByLabel("Usuario del supervisor"), ancho, alto, "usuario del supervisor");
        await VisibleAsync(cobro.GetByLabel("Contraseña"), ancho, alto, "contraseña del supervisor");
        await VisibleAsync(cobro.Locator("[data-pos-cerrar]"), ancho, alto, "Volver");
        await VisibleAsync(cobro.Locator("[data-cobro-confirmar]"), ancho, alto, "Confirmar venta");
        Assert.Empty(await RecortadosAsync(page, "#pos-cobro, #pos-cobro output, #pos-cobro input, #pos-cobro .btn"));
        await cobro.Locator("[data-cobro-descuento] summary").ClickAsync();

        // Confirmed with a tap on the button (a phone has no Enter key at hand): the change in full.
        await cobro.Locator("[data-cobro-confirmar]").ClickAsync();
        await Expect(cobro.Locator(".pos-vendida-titulo")).ToContainTextAsync("Venta registrada");
        await VisibleAsync(cobro.Locator("[data-vendida-vuelto]"), ancho, alto, "vuelto de la venta");
        await VisibleAsync(cobro.Locator("[data-pos-nueva]"), ancho, alto, "Nueva venta");
        Assert.Empty(await RecortadosAsync(page, "#pos-cobro, #pos-cobro output"));
        await page.ScreenshotAsync(new() { Path = SharedBrowser.ScreenshotPath($"pos-pantalla-{ancho}x{alto}-vendida") });
        await cobro.Locator("[data-pos-nueva]").ClickAsync();
        await Expect(Lineas(page)).ToHaveCountAsync(0);
        Assert.Empty(errores);
    }
}
