using System.Text.RegularExpressions;
using BlendPos.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static BlendPos.Tests.Browser.PosOfflineKit;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>
/// The POS through a network cut (issue 6): it reloads and keeps selling from its service worker and IndexedDB, gives a
/// provisional receipt, and when the network returns every queued sale reaches the server exactly once, with its stock
/// and cash movements; two tabs replaying the same outbox at once never duplicate a sale. The server-stopped variant is
/// PosOfflineServerStopBrowserTests (PosOfflineBrowserTests.ServerStop.cs). Each test has its own cashier, punto de
/// venta and products.
/// </summary>
public sealed class PosOfflineBrowserTests(KestrelAppFixture fx, ITestOutputHelper output) : BrowserTest(fx)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // The receipts print on load; headless Chromium must not wait on a print dialog.
        await Context.AddInitScriptAsync("window.print = () => { window.__impreso = (window.__impreso || 0) + 1; };");
    }

    [Fact]
    public Task Through_a_network_cut_the_cashier_keeps_selling_and_both_sales_arrive_once_with_stock_and_cash() =>
        ConCapturaAsync(Context, "pos-offline-corte", CorteDeRedAsync);

    private async Task CorteDeRedAsync()
    {
        using var admin = await App.AdminAsync();
        var galletitas = await ProductoAsync(admin, "Galletitas Corte Uno", 1250.50m, 50);
        var agua = await ProductoAsync(admin, "Agua Corte Dos 500 ml", 800m, 50);
        var yerba = await ProductoAsync(admin, "Yerba Serrana Corte 500 g", 3400m, 20);
        var sesion = await CajeroConCajaAsync(App, admin, "off.ana", 61);
        var errores = PageErrors(Page);
        var ventanas = new List<IPage>();
        Page.Popup += (_, v) => ventanas.Add(v);
        await IngresarAsync(Page, "off.ana");
        await AbrirPosOnlineAsync(Page, sesion);

        // The cut, then a full reload: the page comes from the service worker and still sells.
        await Context.SetOfflineAsync(true);
        await Page.ReloadAsync();
        await ListoAsync(Page, sesion);
        await Expect(Page.Locator("#pos-conexion")).ToHaveAttributeAsync("data-estado", "offline");
        await Expect(Page.Locator("#pos-conexion")).ToHaveTextAsync("Sin conexión");

        // One typed by hand, one scanned twice, one found by name.
        await EscanearAsync(Page, galletitas);
        await Expect(Cantidad(Page, galletitas)).ToHaveTextAsync("1");
        await EscanearAsync(Page, agua);
        await Expect(Cantidad(Page, agua)).ToHaveTextAsync("1");
        await EscanearAsync(Page, agua);
        await Expect(Cantidad(Page, agua)).ToHaveTextAsync("2");
        await BuscarAsync(Page, "serrana corte", yerba);
        var total1 = 1250.50m + 2 * 800m + 3400m;
        await TotalAsync(Page, total1, 3);
        await Expect(Page.Locator($"#pos-lineas tr[data-barcode='{agua.Codigo}'] [data-campo='subtotal']")).ToHaveTextAsync("$ 1.600,00");
        await ScreenshotAsync(Page, "pos-offline");

        // 2.000 by debit and a 10.000 bill: the change as online.
        var vuelto1 = 12000m - total1;
        var venta1 = await CobrarSinConexionAsync(Page, total1, vuelto1, async cobro =>
        {
            await cobro.GetByLabel("Débito ($)").FillAsync("2000");
            await cobro.GetByRole(AriaRole.Button, new() { Name = "$ 10.000" }).ClickAsync();
        });
        await PendientesAsync(Page, 1);
        await ScreenshotAsync(Page, "pos-offline-vendida");

        // The provisional receipt, from local data while still offline, in the receipt window (the POS may have opened
        // it already to print it; the link then shows the same sale again, there or in a new window).
        var enlace = Page.Locator("#pos-cobro-resultado [data-ticket-provisional]");
        var ticket = ventanas.LastOrDefault(v => !v.IsClosed) is { } abierta
            ? await ClickAsync(enlace, abierta)
            : await Page.RunAndWaitForPopupAsync(() => enlace.ClickAsync());
        await Expect(ticket).ToHaveURLAsync(new Regex($"/offline/ticket\\.html\\?id={venta1}(&print=1)?$"));
        await Expect(ticket.Locator("body")).ToContainTextAsync("Ticket provisional");
        foreach (var p in new[] { galletitas, agua, yerba })
            await Expect(ticket.Locator("body")).ToContainTextAsync(p.Nombre);
        await Expect(ticket.Locator("body")).ToContainTextAsync(BlendPos.Domain.Money.Format(total1));
        await ScreenshotAsync(ticket, "pos-offline-ticket");
        // Printed, the receipt window goes away (the print stub never fires afterprint, so close it here).
        foreach (var v in ventanas.Where(v => !v.IsClosed).ToList()) await v.CloseAsync();

        // The next customer, still offline: exact cash.
        await NuevaVentaAsync(Page);
        // The receipt window took the keyboard (the link was clicked); headless Chromium gives it back to the till only
        // on a click, as a cashier would do. Without it keys still arrive but type nothing.
        await Page.Locator("#pos-codigo").ClickAsync();
        await EscanearAsync(Page, galletitas);
        await TotalAsync(Page, 1250.50m, 1);
        var venta2 = await CobrarSinConexionAsync(Page, 1250.50m, 0m);
        Assert.NotEqual(venta1, venta2);
        await PendientesAsync(Page, 2);
        await Expect(Page.Locator("#pos-pendientes")).ToContainTextAsync("2 ventas sin enviar");
        await NuevaVentaAsync(Page);
        await ScreenshotAsync(Page, "pos-offline-pendientes");

        // Back online: the outbox empties by itself.
        await Context.SetOfflineAsync(false);
        await TodoEnviadoAsync(Page);

        var ventas = await VentasAsync(admin, sesion);
        Assert.Equal(2, ventas.Length);
        VentaUnica(ventas, venta1, total1, vuelto1);
        VentaUnica(ventas, venta2, 1250.50m, 0m);
        Assert.Equal(48, await StockAsync(admin, galletitas));
        Assert.Equal(48, await StockAsync(admin, agua));
        Assert.Equal(19, await StockAsync(admin, yerba));
        // One movement per payment; the cash one is what stayed in the drawer (paid minus change).
        Assert.Equal([("debito", 2000m), ("efectivo", 10000m - vuelto1)], await MovimientosAsync(admin, sesion, venta1));
        Assert.Equal([("efectivo", 1250.50m)], await MovimientosAsync(admin, sesion, venta2));
        Assert.Empty(errores);
    }

    private static async Task<IPage> ClickAsync(ILocator enlace, IPage destino)
    {
        await enlace.ClickAsync();
        return destino;
    }

    [Fact]
    public Task Two_tabs_replaying_one_outbox_at_the_same_moment_never_duplicate_a_sale() =>
        ConCapturaAsync(Context, "pos-offline-pestanas", DosPestanasAsync);

    private async Task DosPestanasAsync()
    {
        using var admin = await App.AdminAsync();
        var chicle = await ProductoAsync(admin, "Chicle Pestañas Menta", 450m, 100);
        var gaseosa = await ProductoAsync(admin, "Gaseosa Pestañas Cola", 2100m, 10);
        var sesion = await CajeroConCajaAsync(App, admin, "off.beto", 62);
        var errores = PageErrors(Page);
        await IngresarAsync(Page, "off.beto");
        await AbrirPosOnlineAsync(Page, sesion);
        var otra = await Context.NewPageAsync();
        otra.PageError += (_, e) => errores.Add(e);
        await AbrirPosOnlineAsync(otra, sesion);
        // The tabs share a lock, so only one of them sends; whoever sends, the server also gets the same batch a second
        // time at the same moment (what another tab or terminal replaying that outbox does), and the browser gets the
        // answer that says "duplicada" when there is one: the server's unique key must absorb it, the outbox must empty.
        var envios = new List<string>();
        await Context.RouteAsync("**/v1/ventas/sync-batch", async route =>
        {
            var respuestas = await Task.WhenAll(route.FetchAsync(), route.FetchAsync());
            var textos = await Task.WhenAll(respuestas.Select(r => r.TextAsync()));
            lock (envios) envios.Add(string.Join(" | ", respuestas.Select((r, i) => $"{r.Status} {textos[i]}")));
            var elegida = Enumerable.Range(0, 2).OrderByDescending(i => respuestas[i].Ok)
                .ThenByDescending(i => textos[i].Contains("\"duplicada\"")).First();
            await route.FulfillAsync(new() { Response = respuestas[elegida] });
        });

        // One sale in each tab while offline: both go to the one outbox of this origin.
        await Context.SetOfflineAsync(true);
        await Expect(Page.Locator("#pos-conexion")).ToHaveAttributeAsync("data-estado", "offline");
        await Expect(otra.Locator("#pos-conexion")).ToHaveAttributeAsync("data-estado", "offline");
        await Page.BringToFrontAsync();
        await EscanearAsync(Page, chicle);
        await TotalAsync(Page, 450m, 1);
        var venta1 = await CobrarSinConexionAsync(Page, 450m, 0m);
        await NuevaVentaAsync(Page);
        await otra.BringToFrontAsync();
        await EscanearAsync(otra, gaseosa);
        await TotalAsync(otra, 2100m, 1);
        var venta2 = await CobrarSinConexionAsync(otra, 2100m, 0m);
        await NuevaVentaAsync(otra);
        await PendientesAsync(otra, 2);

        // Both tabs see the network come back at the same instant and replay.
        await Context.SetOfflineAsync(false);
        await TodoEnviadoAsync(Page);
        await TodoEnviadoAsync(otra);
        lock (envios)
        {
            foreach (var e in envios) output.WriteLine("sync-batch, twice at once: " + e);
            Assert.NotEmpty(envios);
            // Both copies were answered (200), never a 5xx from the race on the sale id.
            Assert.All(envios, e => Assert.Matches(@"^200 .* \| 200 ", e));
        }

        var ventas = await VentasAsync(admin, sesion);
        Assert.Equal(2, ventas.Length);
        VentaUnica(ventas, venta1, 450m, 0m);
        VentaUnica(ventas, venta2, 2100m, 0m);
        Assert.Equal(99, await StockAsync(admin, chicle));
        Assert.Equal(9, await StockAsync(admin, gaseosa));
        Assert.Equal([("efectivo", 450m)], await MovimientosAsync(admin, sesion, venta1));
        Assert.Equal([("efectivo", 2100m)], await MovimientosAsync(admin, sesion, venta2));

        // A reload of either tab later sends nothing twice either.
        await otra.ReloadAsync();
        await ListoAsync(otra, sesion);
        await TodoEnviadoAsync(otra);
        Assert.Equal(2, (await VentasAsync(admin, sesion)).Length);
        Assert.Empty(errores);
    }
}
