using System.Text.RegularExpressions;
using BlendPos.Domain.Catalogo;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

public sealed class ProductosBrowserTests(KestrelAppFixture fx) : BrowserTest(fx)
{
    private static string Ean13(string twelve) => twelve + Gtin.ComputeCheckDigit(twelve);

    private async Task CrearProductoAsync(string codigo, string nombre, string costo, string venta, string stock)
    {
        await Page.GotoAsync("/productos/nuevo");
        await Page.GetByLabel("Código de barras").FillAsync(codigo);
        await Page.GetByLabel("Nombre").FillAsync(nombre);
        await Page.GetByLabel("Categoría").FillAsync("Golosinas");
        await Page.GetByLabel("Precio de costo ($)").FillAsync(costo);
        await Page.GetByLabel("Precio de venta ($)").FillAsync(venta);
        await Page.GetByLabel("Stock inicial").FillAsync(stock);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Crear producto" }).ClickAsync();
        await Expect(Page.Locator(".alert-success")).ToContainTextAsync($"Producto «{nombre}» creado.");
    }

    [Fact]
    public async Task Admin_creates_products_and_links_a_pack_through_the_pages()
    {
        var unidad = Ean13("779555000001");
        var caja = Ean13("779555000002");
        await LoginAsync(Page, DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword);

        // The form validates the check digit and the money format in Spanish, and shows the margin while typing.
        await Page.GotoAsync("/productos/nuevo");
        await Page.GetByLabel("Código de barras").FillAsync("7790000000000");
        await Page.GetByLabel("Nombre").FillAsync("Alfajor Triple Havanna");
        await Page.GetByLabel("Categoría").FillAsync("Golosinas");
        await Page.GetByLabel("Precio de costo ($)").FillAsync("1.000");
        await Page.GetByLabel("Precio de venta ($)").FillAsync("1350,5");
        await Expect(Page.Locator("output[data-margen]")).ToHaveTextAsync("35,05 %");
        await Page.GetByLabel("Precio de venta ($)").FillAsync("13,505");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Crear producto" }).ClickAsync();
        await Expect(Page.Locator(".field-validation-error").First).ToContainTextAsync("importe válido");
        await Page.GetByLabel("Precio de venta ($)").FillAsync("1350,50");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Crear producto" }).ClickAsync();
        await Expect(Page.Locator(".field-validation-error")).ToContainTextAsync("dígito verificador");
        await ScreenshotAsync(Page, "producto-nuevo-error");

        await CrearProductoAsync(unidad, "Alfajor Triple Havanna", "1000", "1350,50", "3");
        await Expect(Page.Locator("dl.details")).ToContainTextAsync("$ 1.350,50");
        await CrearProductoAsync(caja, "Caja Alfajor Havanna x 12", "11.500", "15000", "2");

        // Link the box to its units by scanning the unit's code.
        await Page.GetByLabel("Código de barras del producto contenido").FillAsync(unidad);
        await Page.GetByLabel("Unidades por pack").FillAsync("12");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Vincular" }).ClickAsync();
        await Expect(Page.Locator(".alert-success")).ToContainTextAsync("vinculado: 12 por pack");
        await Expect(Page.Locator("#packs table.data")).ToContainTextAsync("Alfajor Triple Havanna");
        await ScreenshotAsync(Page, "producto-pack");

        // A cycle is refused in Spanish next to the field.
        await Page.Locator("#packs").GetByRole(AriaRole.Link, new() { Name = "Alfajor Triple Havanna" }).ClickAsync();
        await Page.GetByLabel("Código de barras del producto contenido").FillAsync(caja);
        await Page.GetByLabel("Unidades por pack").FillAsync("1");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Vincular" }).ClickAsync();
        await Expect(Page.Locator(".field-validation-error")).ToContainTextAsync("ciclo");

        // Open one box by hand: the units go from 3 to 15 and the ledger explains it.
        await Page.Locator(".mainnav").GetByRole(AriaRole.Link, new() { Name = "Productos" }).ClickAsync();
        await Page.GetByLabel("Buscar").FillAsync("caja havanna");
        await Expect(Page.Locator("#productos-tabla tbody tr")).ToHaveCountAsync(1);
        await Page.Locator("#productos-tabla").GetByRole(AriaRole.Link, new() { Name = "Caja Alfajor Havanna x 12" }).ClickAsync();
        await Page.GetByLabel("Packs a abrir").FillAsync("1");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Abrir", Exact = true }).ClickAsync();
        await Expect(Page.Locator(".alert-success")).ToContainTextAsync("Alfajor Triple Havanna queda en 15");

        await Page.GotoAsync("/productos");
        // A typo still finds it, best match first.
        await Page.GetByLabel("Buscar").FillAsync("alfajor tripel");
        await Expect(Page.Locator("#productos-tabla tbody tr").First).ToContainTextAsync("Alfajor Triple Havanna");
        await Page.Locator("#productos-tabla").GetByRole(AriaRole.Link, new() { Name = "Alfajor Triple Havanna" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Movimientos de stock" }).ClickAsync();
        await Expect(Page.Locator(".alert-success")).ToContainTextAsync("explican el stock actual: 15");
        await Expect(Page.Locator("table.data tbody tr")).ToHaveCountAsync(2);
        await ScreenshotAsync(Page, "kardex");

        // The box is now at 1, below its minimum of 5: it shows on the alerts page and the badge.
        await Page.Locator(".mainnav").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Alertas") }).ClickAsync();
        await Expect(Page.Locator("table.data")).ToContainTextAsync("Caja Alfajor Havanna x 12");
        await Expect(Page.Locator(".nav-badge")).ToBeVisibleAsync();
        await ScreenshotAsync(Page, "alertas");

        await Page.GotoAsync("/productos");
        await ScreenshotAsync(Page, "productos");
    }

    [Fact]
    public async Task A_cajero_cannot_open_the_catalog_admin()
    {
        await App.CreateUserAsync("caja.cat", "cajero");
        await LoginAsync(Page, "caja.cat", "clave-1234");
        await Expect(Page.Locator(".mainnav")).Not.ToContainTextAsync("Productos");
        await Page.GotoAsync("/productos/nuevo");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "No tenés permiso para ver esta página" })).ToBeVisibleAsync();
    }
}
