using System.Net;
using System.Text.RegularExpressions;
using BlendPos.Tests.Features.Conflictos;
using BlendPos.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>
/// /conflictos in a real browser: a supervisor follows the navigation badge to a sale an offline replay flagged (stock
/// left below zero and an unknown price), corrects the stock with the keyboard and marks the sale reviewed; the badge
/// goes away and the list is empty. The sale is made online and given the replay's outcome with SQL (ConflictosKit).
/// </summary>
public sealed class ConflictosBrowserTests(KestrelAppFixture fx) : BrowserTest(fx)
{
    private static ILocator Tarjeta(IPage page, string ticket) => page.Locator($"article.conflicto[data-ticket='{ticket}']");

    [Fact]
    public async Task A_supervisor_sees_a_flagged_sale_adjusts_stock_and_marks_it_reviewed()
    {
        var kit = new ConflictosKit(App);
        using var admin = await App.AdminAsync();
        var (coca, codigoCoca) = await kit.ProductoAsync(admin, "Coca-Cola 500 ml", 1400m, 10);
        var (yerba, codigoYerba) = await kit.ProductoAsync(admin, "Yerba Playadito 500 g", 3400m, 20);
        var cajero = await kit.CajeroAsync("cb.caja", 31);
        var venta = await ConflictosKit.VenderAsync(cajero, (codigoCoca, 3), (codigoYerba, 1));
        var hecha = DateTimeOffset.UtcNow.AddHours(-2);
        await kit.HistorialAsync(coca, (1400m, hecha.AddDays(-20)));
        await kit.HistorialAsync(yerba, (3400m, hecha.AddDays(-20)));
        await kit.PrecioOfflineAsync(venta.Id, yerba, 3100m);
        await kit.StockNegativoAsync(venta.Id, coca, -2);
        await kit.ReplayedAsync(venta.Id, hecha, stock: true, precio: true);
        await kit.UsuarioAsync("cb.sara", "supervisor");

        await LoginAsync(Page, "cb.sara", ConflictosKit.Clave);
        var nav = Page.Locator(".mainnav");
        await Expect(nav.Locator("#nav-conflictos")).ToHaveTextAsync("1");
        await nav.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Conflictos") }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/conflictos$"));
        var tarjeta = Tarjeta(Page, venta.Ticket);
        await Expect(tarjeta).ToBeVisibleAsync();
        await Expect(tarjeta.Locator(".conflicto-estado")).ToHaveTextAsync("Pendiente");
        var precio = tarjeta.Locator($".conflicto-precios tr[data-producto='{yerba}']");
        await Expect(precio.Locator("[data-precio=offline]")).ToHaveTextAsync("$ 3.100,00");
        await Expect(precio.Locator("[data-precio=fecha]")).ToHaveTextAsync("$ 3.400,00");
        await Expect(precio).ToContainTextAsync("Precio desconocido");
        await Expect(tarjeta.Locator($".conflicto-precios tr[data-producto='{coca}']")).Not.ToContainTextAsync("Precio desconocido");
        var fila = tarjeta.Locator($".conflicto-stock tr[data-producto='{coca}']");
        await Expect(fila.Locator("[data-stock-actual]")).ToHaveTextAsync("-2");
        await ScreenshotAsync(Page, "conflictos-pendiente");

        // Keyboard only: open the form from its summary, type the count and the reason, submit with Enter.
        await fila.Locator("summary").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(fila.GetByLabel("Cantidad contada")).ToBeCheckedAsync();
        await fila.GetByLabel("Cantidad", new() { Exact = true }).FocusAsync();
        await Page.Keyboard.TypeAsync("6");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync("Recuento en góndola");
        await ScreenshotAsync(Page, "conflictos-ajuste-form");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(tarjeta.Locator(".alert-success")).ToHaveTextAsync(new Regex("Stock de «Coca-Cola 500 ml» ajustado: ahora hay 6\\."));
        await Expect(fila.Locator("[data-stock-actual]")).ToHaveTextAsync("6");
        await ScreenshotAsync(Page, "conflictos-ajustado");

        await tarjeta.GetByRole(AriaRole.Button, new() { Name = "Marcar como revisada" }).ClickAsync();
        await Expect(tarjeta.Locator(".alert-success")).ToHaveTextAsync(new Regex($"Venta {venta.Ticket} marcada como revisada\\."));
        await Expect(tarjeta.Locator(".conflicto-estado")).ToHaveTextAsync("Revisada");
        await Expect(tarjeta.Locator(".conflicto-revision")).ToContainTextAsync("Revisada por cb.sara el");
        await Expect(nav.Locator("#nav-conflictos")).ToBeHiddenAsync(); // updated out of band
        await ScreenshotAsync(Page, "conflictos-revisada");

        await Page.ReloadAsync();
        await Expect(Page.Locator("#conflictos-lista")).ToContainTextAsync("No hay ventas con conflictos para revisar.");
        await Page.GetByLabel("Mostrar").SelectOptionAsync("revisadas");
        await Expect(Page).ToHaveURLAsync(new Regex("estado=revisadas"));
        await Expect(Tarjeta(Page, venta.Ticket)).ToBeVisibleAsync();

        var kardex = await (await admin.GetAsync($"/v1/inventario/kardex/{coca}")).ShouldBeAsync(HttpStatusCode.OK);
        var ultima = kardex.GetProperty("lineas").EnumerateArray().Last();
        Assert.Equal(("ajuste", 8, 6), (ultima.GetProperty("tipo").GetString(), ultima.GetProperty("cantidad").GetInt32(),
            ultima.GetProperty("stock_resultante").GetInt32()));
        Assert.Equal($"Recuento en góndola (conflicto venta {venta.Ticket})", ultima.GetProperty("motivo").GetString());
    }
}
