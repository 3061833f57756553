using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlendPos.Domain.Catalogo;
using BlendPos.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>
/// Stock problems show at scan time: a line asking for more than there is gets an amber warning at once (packs that a
/// sale would open counted), the scan is not refused and the cart keeps the quantity; the payment still refuses.
/// </summary>
public sealed class PosAvisoStockBrowserTests(KestrelAppFixture fx) : BrowserTest(fx)
{
    private const string Clave = "clave-1234";

    private static string Ean13(string twelve) => twelve + Gtin.ComputeCheckDigit(twelve);

    private static async Task<(Guid Id, string Codigo)> ProductoAsync(HttpClient admin, string twelve, string nombre, int stock)
    {
        var codigo = Ean13(twelve);
        var r = await admin.PostAsJsonAsync("/v1/productos", new
        {
            codigo_barras = codigo, nombre, categoria = "Almacén", precio_costo = 500m, precio_venta = 1000m, stock_actual = stock,
        });
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.Created, body);
        return (JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid(), codigo);
    }

    [Fact]
    public async Task Scanning_more_than_the_stock_warns_on_the_line_in_amber_and_keeps_the_quantity()
    {
        using var admin = await App.AdminAsync();
        var r = await admin.PostAsJsonAsync("/v1/usuarios", new
        {
            username = "aviso.ana", nombre_completo = "Ana Aviso", rol = "cajero", punto_de_venta = 61, password = Clave,
        });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var (_, fernet) = await ProductoAsync(admin, "779400000001", "Fernet Branca 750 ml", 3);
        var (_, vacio) = await ProductoAsync(admin, "779400000002", "Alfajor Agotado", 0);
        var (unidad, alfajor) = await ProductoAsync(admin, "779400000003", "Alfajor Jorgito", 2);
        var (display, _) = await ProductoAsync(admin, "779400000004", "Alfajor Jorgito display x12", 1);
        (await admin.PostAsJsonAsync($"/v1/productos/{display}/hijos", new { producto_hijo_id = unidad, unidades_por_padre = 12, desarme_auto = true }))
            .EnsureSuccessStatusCode();
        var (_, agua) = await ProductoAsync(admin, "779400000005", "Agua Mineral 500 ml", 50);
        var errores = ErroresDeConsola(Page);

        await LoginAsync(Page, "aviso.ana", Clave);
        await Page.GotoAsync("/caja");
        await Page.GetByLabel("Monto inicial en efectivo ($)").FillAsync("10000");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Abrir caja" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Caja actual" })).ToBeVisibleAsync();
        await Page.GotoAsync("/pos");
        var codigo = Page.Locator("#pos-codigo");
        await Expect(codigo).ToBeFocusedAsync();

        ILocator Linea(string barcode) => Page.Locator($"#pos-lineas tr[data-barcode='{barcode}']");
        async Task Escanear(string texto)
        {
            await Expect(codigo).ToBeFocusedAsync();
            await Page.Keyboard.TypeAsync(texto + "\n");
        }

        // Enough stock: no warning.
        await Escanear(agua);
        await Expect(Linea(agua)).ToHaveCountAsync(1);
        await Expect(Linea(agua).Locator("[data-campo='aviso']")).ToBeHiddenAsync();

        // 5 of a product with 3: the scan goes in, the line says what there is, in amber.
        await Escanear("5*" + fernet);
        await Expect(Linea(fernet).Locator("[data-campo='cantidad']")).ToHaveTextAsync("5");
        await Expect(Linea(fernet).Locator("input[name='linea_cantidad']")).ToHaveValueAsync("5");
        var aviso = Linea(fernet).Locator("[data-campo='aviso']");
        await Expect(aviso).ToHaveTextAsync("Stock: quedan 3.");
        await Expect(aviso).ToBeVisibleAsync();
        await Expect(Linea(fernet)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("pos-linea-con-aviso"));
        await Expect(Linea(fernet).Locator("[data-campo='error']")).ToBeHiddenAsync(); // red is the payment's
        Assert.Equal("rgb(138, 75, 0)", await aviso.EvaluateAsync<string>("e => getComputedStyle(e).color")); // --c-warning

        // None at all.
        await Escanear(vacio);
        await Expect(Linea(vacio).Locator("[data-campo='aviso']")).ToHaveTextAsync("Sin stock.");

        // 2 loose units + a display of 12 that a sale opens automatically: 14 for 20 asked; 14 asked is fine.
        await Escanear("20*" + alfajor);
        await Expect(Linea(alfajor).Locator("[data-campo='aviso']")).ToHaveTextAsync("Stock: quedan 14, abriendo packs.");
        await Expect(Page.Locator("#pos-lineas tbody tr[data-linea]")).ToHaveCountAsync(4);
        await ScreenshotAsync(Page, "pos-aviso-stock");

        // Taking the line down to what there is clears the warning (the server re-renders every edit).
        for (var i = 0; i < 2; i++)
        {
            await Linea(fernet).GetByRole(AriaRole.Button, new() { Name = "Uno menos de Fernet Branca 750 ml" }).ClickAsync();
            await Expect(Linea(fernet).Locator("[data-campo='cantidad']")).ToHaveTextAsync((4 - i).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        await Expect(Linea(fernet).Locator("[data-campo='aviso']")).ToBeHiddenAsync();
        await Expect(Linea(fernet)).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("pos-linea-con-aviso"));

        // The payment still refuses what is short, in red.
        await Page.Keyboard.PressAsync("F12");
        var cobro = Page.Locator("#pos-cobro");
        await Expect(cobro).ToBeVisibleAsync();
        var respuesta = await Page.RunAndWaitForResponseAsync(() => Page.Keyboard.PressAsync("Enter"), x => x.Url.Contains("handler=Cobrar"));
        Assert.Equal(422, respuesta.Status);
        await Expect(Linea(vacio).Locator("[data-campo='error']")).ToHaveTextAsync("Sin stock.");
        await Expect(Linea(alfajor).Locator("[data-campo='error']")).ToHaveTextAsync("Stock insuficiente: quedan 14, abriendo packs.");
        await Expect(Linea(alfajor).Locator("[data-campo='aviso']")).ToBeHiddenAsync(); // red replaces amber
        await ScreenshotAsync(Page, "pos-aviso-stock-cobro");
        Assert.Empty(errores);
    }
}
