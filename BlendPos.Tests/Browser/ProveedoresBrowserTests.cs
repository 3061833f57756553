using System.Text;
using System.Text.RegularExpressions;
using BlendPos.Tests.Features.Catalogo;
using BlendPos.Tests.Features.Proveedores;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>The admin's supplier pages: create a supplier, import a price list (preview, confirm), raise prices by a percentage.</summary>
public sealed class ProveedoresBrowserTests(KestrelAppFixture fx) : BrowserTest(fx)
{
    [Fact]
    public async Task Admin_creates_a_supplier_imports_a_list_reads_the_preview_confirms_and_sees_the_new_prices()
    {
        var errores = ErroresDeConsola(Page);
        Page.Dialog += async (_, dialog) => await dialog.AcceptAsync(); // the confirm() of «Confirmar» and «Aplicar»
        using var api = await App.AdminAsync();
        var existente = await Kit.CreateAsync(api, nombre: "Alfajor Havanna Chocolate", precioVenta: 1000m, precioCosto: 600m,
            stock: 8, categoria: "Golosinas");
        var (nuevo, caja) = (Kit.NewEan13(), Kit.NewEan13());
        var cuit = ProveedoresKit.NewCuit();

        await LoginAsync(Page, DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword);
        await Page.Locator(".mainnav").GetByRole(AriaRole.Link, new() { Name = "Proveedores" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Proveedores", Exact = true })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Nuevo proveedor" }).ClickAsync();

        // A CUIT with a wrong check digit is refused next to the field.
        await Page.GetByLabel("Razón social").FillAsync("Distribuidora del Sur SRL");
        await Page.GetByLabel("CUIT").FillAsync(ProveedoresKit.BadCheckDigit(cuit));
        await Page.GetByLabel("Condición de pago").FillAsync("30 días");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Crear proveedor" }).ClickAsync();
        await Expect(Page.Locator(".field-validation-error")).ToContainTextAsync("dígito verificador del CUIT");
        await ScreenshotAsync(Page, "proveedor-nuevo-error");
        await Page.GetByLabel("CUIT").FillAsync($"{cuit[..2]}-{cuit[2..10]}-{cuit[10]}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Crear proveedor" }).ClickAsync();
        await Expect(Page.Locator(".alert-success")).ToContainTextAsync("Distribuidora del Sur SRL");

        // Import a list: one price change, one new product inside a pack that comes later, and one bad row.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Importar lista" }).ClickAsync();
        await Expect(Page.GetByLabel("Proveedor")).ToHaveValueAsync(new Regex("[0-9a-f-]{36}"));
        var csv = "\uFEFFcodigo_barras;nombre;categoria;precio_costo;precio_venta;padre_codigo_barras;unidades_por_padre\r\n" +
                  $"{existente.Codigo()};Alfajor Havanna Chocolate;Golosinas;650;1.100;;\r\n" +
                  $"{nuevo};Chicle Beldent Menta;Golosinas;120,50;250;{caja};20\r\n" +
                  "12345678;Código mal escrito;Golosinas;10;20;;\r\n" +
                  $"{caja};Chicle Beldent Menta caja x 20;Golosinas;2.300;4.500;;\r\n";
        await Page.GetByLabel("Archivo CSV").SetInputFilesAsync(new FilePayload
        {
            Name = "lista-sur.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Previsualizar" }).ClickAsync();

        var vista = Page.Locator("[data-resultado=vista-previa]");
        await Expect(vista).ToContainTextAsync("Todavía no se guardó nada");
        var cambio = Page.Locator("tr", new() { HasText = existente.Codigo() });
        await Expect(cambio).ToContainTextAsync("Cambia el precio");
        await Expect(cambio).ToContainTextAsync("$ 1.000,00");
        await Expect(cambio).ToContainTextAsync("$ 1.100,00");
        await Expect(cambio).ToContainTextAsync("+10,00 %");
        await Expect(Page.Locator("tr", new() { HasText = nuevo })).ToContainTextAsync("Nuevo");
        var error = Page.Locator("tr.importar-error");
        await Expect(error).ToContainTextAsync("4"); // the row number as the spreadsheet shows it
        await Expect(error).ToContainTextAsync("dígito verificador");
        await ScreenshotAsync(Page, "proveedores-importar-vista-previa");
        Assert.Equal(1000m, (await (await api.GetAsync($"/v1/productos/{existente.Id()}")).JsonAsync()).GetProperty("precio_venta").GetDecimal());

        await Page.GetByRole(AriaRole.Button, new() { Name = "Confirmar importación (3 filas)" }).ClickAsync();
        await Expect(Page.Locator("[data-resultado=aplicado] .alert-success")).ToContainTextAsync("3 de 4 filas aplicadas");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Descargar errores (CSV)" })).ToBeVisibleAsync();
        await ScreenshotAsync(Page, "proveedores-importar-resultado");
        var descarga = await Page.RunAndWaitForDownloadAsync(() =>
            Page.GetByRole(AriaRole.Link, new() { Name = "Descargar errores (CSV)" }).ClickAsync());
        var contenido = await File.ReadAllTextAsync((await descarga.PathAsync())!);
        Assert.Contains("fila;codigo_barras;nombre;motivo", contenido);
        Assert.Contains("4;12345678;", contenido);

        // The catalog shows the new prices; the pack link came along; stock was not touched.
        await Page.GotoAsync($"/productos?q={existente.Codigo()}");
        await Expect(Page.Locator("#productos-tabla")).ToContainTextAsync("$ 1.100,00");
        await Expect(Page.Locator("#productos-tabla tbody tr").First).ToContainTextAsync("8");
        await Page.GotoAsync($"/productos?q={caja}");
        await Expect(Page.Locator("#productos-tabla")).ToContainTextAsync("pack");

        // The supplier page: its products and its last import.
        await Page.GotoAsync("/proveedores");
        await ScreenshotAsync(Page, "proveedores");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Distribuidora del Sur SRL" }).ClickAsync();
        await Expect(Page.Locator("#ultima-importacion")).ToContainTextAsync("lista-sur.csv");
        await Expect(Page.Locator("#productos-proveedor")).ToContainTextAsync("Chicle Beldent Menta caja x 20");
        await ScreenshotAsync(Page, "proveedor-detalle");

        // Raise the supplier's «Golosinas» by 10 %: the preview counts and lists, then it is applied.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Actualizar precios" }).ClickAsync();
        await Page.GetByLabel("Categoría").SelectOptionAsync("Golosinas");
        await Page.GetByLabel("Porcentaje").FillAsync("10");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Previsualizar" }).ClickAsync();
        var preview = Page.Locator("[data-vista-precios]");
        await Expect(preview).ToContainTextAsync("3 producto(s)");
        await Expect(preview.Locator("tr", new() { HasText = existente.Codigo() })).ToContainTextAsync("$ 1.210,00");
        await ScreenshotAsync(Page, "proveedores-precios-vista-previa");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Aplicar a 3 producto(s)" }).ClickAsync();
        await Expect(Page.Locator("#precios-vista .alert-success")).ToContainTextAsync("Precios actualizados: 3 producto(s)");
        await ScreenshotAsync(Page, "proveedores-precios-aplicado");
        await Page.GotoAsync($"/productos?q={existente.Codigo()}");
        await Expect(Page.Locator("#productos-tabla")).ToContainTextAsync("$ 1.210,00");

        Assert.Empty(errores);
    }

    [Fact]
    public async Task A_file_without_the_required_columns_shows_which_are_missing_and_nothing_to_confirm()
    {
        using var api = await App.AdminAsync();
        var proveedor = (await ProveedoresKit.CreateAsync(api)).Id();
        await LoginAsync(Page, DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword);
        await Page.GotoAsync($"/proveedores/importar?proveedor={proveedor}");
        await Page.GetByLabel("Archivo CSV").SetInputFilesAsync(new FilePayload
        {
            Name = "mal.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("codigo;descripcion;precio\n779;X;1\n"),
        });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Previsualizar" }).ClickAsync();
        await Expect(Page.Locator("#importacion .alert-error")).ToContainTextAsync("Faltan las columnas obligatorias codigo_barras, nombre");
        await Expect(Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Confirmar") })).ToHaveCountAsync(0);
        await ScreenshotAsync(Page, "proveedores-importar-error");
    }
}
