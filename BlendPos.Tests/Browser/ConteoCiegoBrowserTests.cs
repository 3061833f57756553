using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BlendPos.Domain.Catalogo;
using BlendPos.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>
/// Issue 16 A in a real browser: a cashier whose drawer is open sees their sales as tickets on /ventas, but no totals,
/// and no sale among the drawer's movements on /caja; once the blind count is declared, both. Its own app (and login
/// rate-limit bucket): the sales are made through /v1 with extra sign-ins.
/// </summary>
public sealed class ConteoCiegoBrowserTests(KestrelAppFixture fx) : BrowserTest(fx)
{
    private const string Clave = "clave-1234";
    private static readonly (int Width, int Height)[] Pantallas = [(1024, 768), (1440, 900)];

    private static async Task<string> ProductoAsync(HttpClient admin, string codigoBase, string nombre, decimal precio)
    {
        var codigo = codigoBase + Gtin.ComputeCheckDigit(codigoBase);
        await (await admin.PostAsJsonAsync("/v1/productos", new
        {
            codigo_barras = codigo, nombre, categoria = "Almacén", precio_costo = Math.Round(precio * 0.6m, 2), precio_venta = precio, stock_actual = 50,
        })).ShouldBeAsync(HttpStatusCode.Created);
        return codigo;
    }

    private static async Task VenderAsync(HttpClient cajero, Guid sesion, string codigo, int cantidad, params (string Metodo, decimal Monto)[] pagos) =>
        await (await cajero.PostAsJsonAsync("/v1/ventas", new
        {
            sesion_caja_id = sesion, items = new[] { new { barcode = codigo, cantidad } },
            pagos = pagos.Select(p => new { metodo = p.Metodo, monto = p.Monto }).ToArray(),
        })).ShouldBeAsync(HttpStatusCode.Created);

    private async Task ScreenshotsAsync(IPage page, string name)
    {
        foreach (var (width, height) in Pantallas)
        {
            await page.SetViewportSizeAsync(width, height);
            await ScreenshotAsync(page, $"{name}-{width}");
        }
        await page.SetViewportSizeAsync(1280, 800);
    }

    [Fact]
    public async Task A_cashier_sees_tickets_but_no_totals_and_no_sale_movements_until_the_blind_count()
    {
        using (var admin = await App.AdminAsync())
        {
            var alfajor = await ProductoAsync(admin, "779500000001", "Alfajor Triple", 1250.50m);
            var yerba = await ProductoAsync(admin, "779500000002", "Yerba Playadito 500 g", 3400m);
            await App.CreateUserAsync("cc.eli", "cajero", Clave, 21);
            using var api = await App.ClientAsAsync("cc.eli", Clave);
            var sesion = (await (await api.PostAsJsonAsync("/v1/caja/abrir", new { monto_inicial = 1000m })).ShouldBeAsync(HttpStatusCode.Created))
                .GetProperty("id").GetGuid();
            await VenderAsync(api, sesion, alfajor, 2, ("efectivo", 3000m));  // 2.501,00, change 499,00
            await VenderAsync(api, sesion, yerba, 1, ("debito", 3400m));      // 3.400,00
        }
        var errores = new List<string>();
        Page.PageError += (_, e) => errores.Add(e);
        Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await LoginAsync(Page, "cc.eli", Clave);

        // /ventas: both tickets with their own totals, reprintable; no sums, and a line saying why.
        await Page.GotoAsync("/ventas");
        var filas = Page.Locator("#ventas-tabla tbody tr");
        await Expect(filas).ToHaveCountAsync(2);
        await Expect(Page.Locator("#ventas-tabla tr[data-ticket='0021-00000001']")).ToContainTextAsync("$ 2.501,00");
        await Expect(Page.Locator("#ventas-tabla tr[data-ticket='0021-00000002']")).ToContainTextAsync("$ 3.400,00");
        await Expect(Page.Locator("#ventas-tabla tr[data-ticket='0021-00000002']").GetByRole(AriaRole.Link, new() { Name = "Reimprimir" })).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-total]")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#ventas-tabla tfoot")).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-totales-ocultos]")).ToHaveTextAsync("Los totales se ven después del arqueo ciego.");
        await ScreenshotsAsync(Page, "ciego-ventas-cajero-abierta");

        // /caja: their own ingreso is listed, the sales are not.
        await Page.GotoAsync("/caja");
        var form = Page.Locator("#caja-movimientos form");
        await form.GetByRole(AriaRole.Radio, new() { Name = "Ingreso" }).CheckAsync();
        await form.GetByLabel("Monto ($)").FillAsync("150");
        await form.GetByLabel("Descripción").FillAsync("Cambio traído del banco");
        await form.GetByRole(AriaRole.Button, new() { Name = "Registrar movimiento" }).ClickAsync();
        await Expect(Page.Locator("#caja-movimientos .alert-success")).ToContainTextAsync("Ingreso de $ 150,00 registrado.");
        await Expect(Page.Locator("#caja-movimientos-tabla tbody tr")).ToHaveCountAsync(1);
        await Expect(Page.Locator("#caja-movimientos-tabla")).ToContainTextAsync("Cambio traído del banco");
        await Expect(Page.Locator("#caja-movimientos")).Not.ToContainTextAsync("Venta 0021-");
        await Expect(Page.Locator("[data-ventas-ocultas]")).ToContainTextAsync("Los totales se ven después del arqueo ciego.");
        Assert.DoesNotContain("2.501", await Page.ContentAsync());
        await ScreenshotsAsync(Page, "ciego-caja-abierta");

        // The count: 1.000 + 150 + 2.501 in cash, 3.400 by debit.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Hacer arqueo ciego" }).ClickAsync();
        await Page.GetByLabel("Efectivo ($)").FillAsync("3651");
        await Page.GetByLabel("Débito ($)").FillAsync("3400");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Declarar arqueo" }).ClickAsync();
        await Expect(Page.Locator(".desvio-veredicto")).ToHaveAttributeAsync("data-clasificacion", "normal");

        // Now /ventas (the latest session, just counted) shows the totals per method, cash net of the change.
        await Page.GotoAsync("/ventas");
        await Expect(Page.Locator("[data-total=vendido]")).ToHaveTextAsync("$ 5.901,00");
        await Expect(Page.Locator("[data-total=efectivo]")).ToHaveTextAsync("$ 2.501,00");
        await Expect(Page.Locator("[data-total=debito]")).ToHaveTextAsync("$ 3.400,00");
        await Expect(Page.Locator("[data-totales-ocultos]")).ToHaveCountAsync(0);
        await ScreenshotsAsync(Page, "ciego-ventas-cajero-contada");

        // And the counted session lists every movement, the sales included.
        var sesionId = await Page.Locator("#sesion").InputValueAsync();
        await Page.GotoAsync($"/caja/sesiones/{sesionId}");
        await Expect(Page.Locator("#sesion-estado")).ToHaveTextAsync("Cerrada");
        await Expect(Page.Locator(".card-tabla")).ToContainTextAsync("Venta 0021-00000001");
        await Expect(Page.Locator(".card-tabla")).ToContainTextAsync("Venta 0021-00000002");
        await Expect(Page.Locator(".card-tabla")).ToContainTextAsync("Cambio traído del banco");
        await Expect(Page.Locator("[data-ventas-ocultas]")).ToHaveCountAsync(0);
        await ScreenshotsAsync(Page, "ciego-sesion-contada");
        Assert.Empty(errores);
    }
}
