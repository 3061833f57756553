using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BlendPos.Domain;
using BlendPos.Domain.Catalogo;
using BlendPos.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>
/// What the offline POS tests share: data through the API, the POS opened online until the service worker controls it
/// and the local catalog is loaded, scanning and paying, and the server-side checks. Selectors are the ones of
/// notes/contract.md (the front end's promise), so a failure names the piece that broke it.
/// </summary>
internal static class PosOfflineKit
{
    public const string Clave = "clave-1234";
    private static int _seq;

    public sealed record Producto(Guid Id, string Codigo, string Nombre, decimal Precio, int Stock);

    /// <summary>An EAN-13 no other test of the run uses (the classes share one database per class, not per test).</summary>
    public static string Ean13()
    {
        var twelve = $"7794{Environment.ProcessId % 1000:D3}{Interlocked.Increment(ref _seq):D5}";
        return twelve + Gtin.ComputeCheckDigit(twelve);
    }

    public static async Task<Producto> ProductoAsync(HttpClient admin, string nombre, decimal precio, int stock)
    {
        var codigo = Ean13();
        var json = await (await admin.PostAsJsonAsync("/v1/productos", new
        {
            codigo_barras = codigo, nombre, categoria = "Almacén", precio_costo = Math.Round(precio * 0.6m, 2), precio_venta = precio,
            stock_actual = stock,
        })).ShouldBeAsync(HttpStatusCode.Created);
        return new Producto(json.GetProperty("id").GetGuid(), codigo, nombre, precio, stock);
    }

    /// <summary>A cashier (through the admin's client: one sign-in for all the data) with an open session.</summary>
    public static async Task<Guid> CajeroConCajaAsync(BlendPosApp app, HttpClient admin, string usuario, int puntoDeVenta)
    {
        await (await admin.PostAsJsonAsync("/v1/usuarios", new
        {
            username = usuario, nombre_completo = "Usuario " + usuario, rol = "cajero", punto_de_venta = puntoDeVenta, password = Clave,
        })).ShouldBeAsync(HttpStatusCode.Created);
        using var cajero = await app.ClientAsAsync(usuario, Clave);
        var sesion = await (await cajero.PostAsJsonAsync("/v1/caja/abrir", new { monto_inicial = 10000m })).ShouldBeAsync(HttpStatusCode.Created);
        return sesion.GetProperty("id").GetGuid();
    }

    public static async Task IngresarAsync(IPage page, string usuario)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("Usuario").FillAsync(usuario);
        await page.GetByLabel("Contraseña").FillAsync(Clave);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await Expect(page.Locator(".user-name")).ToHaveTextAsync(usuario);
    }

    /// <summary>
    /// Opens /pos online and waits until it can survive a cut: an activated service worker controls the page (so the
    /// precache is complete) and the catalog is in memory from IndexedDB.
    /// </summary>
    public static async Task AbrirPosOnlineAsync(IPage page, Guid sesion)
    {
        await page.GotoAsync("/pos");
        await ListoAsync(page, sesion);
        await page.WaitForFunctionAsync(
            "() => navigator.serviceWorker.controller !== null && navigator.serviceWorker.controller.state === 'activated'");
        Assert.EndsWith("/sw.js", await page.EvaluateAsync<string>("() => navigator.serviceWorker.controller.scriptURL"));
        await Expect(page.Locator("#pos-conexion")).ToHaveAttributeAsync("data-estado", "online");
    }

    /// <summary>The POS of that session with its local catalog loaded, ready to scan.</summary>
    public static async Task ListoAsync(IPage page, Guid sesion)
    {
        var pos = page.Locator("[data-pos]");
        await Expect(pos).ToHaveAttributeAsync("data-sesion-caja-id", sesion.ToString());
        await Expect(pos).ToHaveAttributeAsync("data-catalogo", "listo", new() { Timeout = 10_000 });
        await Expect(page.Locator("#pos-codigo")).ToBeFocusedAsync();
    }

    public static ILocator Lineas(IPage page) => page.Locator("#pos-lineas tbody tr[data-linea]");

    public static ILocator Cantidad(IPage page, Producto p) =>
        page.Locator($"#pos-lineas tr[data-barcode='{p.Codigo}'] [data-campo='cantidad']");

    public static async Task EscanearAsync(IPage page, Producto p)
    {
        await Expect(page.Locator("#pos-codigo")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(p.Codigo + "\n");
    }

    /// <summary>F2, part of the name, Enter on the only result.</summary>
    public static async Task BuscarAsync(IPage page, string texto, Producto p)
    {
        await page.Keyboard.PressAsync("F2");
        var buscar = page.Locator("#pos-buscar");
        await Expect(buscar).ToBeVisibleAsync();
        await Expect(page.Locator("#pos-buscar-q")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(texto);
        var opciones = buscar.Locator("[role='option']");
        await Expect(opciones).ToHaveCountAsync(1);
        await Expect(opciones.First).ToContainTextAsync(p.Nombre);
        await page.Keyboard.PressAsync("Enter");
        await Expect(buscar).ToBeHiddenAsync();
        await Expect(Cantidad(page, p)).ToHaveTextAsync("1");
    }

    /// <summary>Total on the screen, as the cashier sees it and as the cart keeps it.</summary>
    public static async Task TotalAsync(IPage page, decimal total, int lineas)
    {
        await Expect(page.Locator("[data-pos-total]")).ToHaveTextAsync(Money.Format(total));
        await Expect(Lineas(page)).ToHaveCountAsync(lineas);
        var carrito = page.Locator("#pos-carrito");
        await Expect(carrito).ToHaveAttributeAsync("data-lineas", lineas.ToString());
        Assert.Equal(total, decimal.Parse((await carrito.GetAttributeAsync("data-total"))!, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// F12, the payment (<paramref name="pagar"/> fills the dialog; nothing = exact cash), Enter; the sale is registered
    /// offline. Returns the sale id the provisional receipt link carries.
    /// </summary>
    public static async Task<Guid> CobrarSinConexionAsync(IPage page, decimal total, decimal vuelto, Func<ILocator, Task>? pagar = null)
    {
        await page.Keyboard.PressAsync("F12");
        var cobro = page.Locator("#pos-cobro");
        await Expect(cobro).ToBeVisibleAsync();
        await Expect(cobro.Locator("[data-cobro-total]")).ToHaveTextAsync(Money.Format(total));
        if (pagar is not null) await pagar(cobro);
        await Expect(cobro.Locator("[data-cobro-vuelto]")).ToHaveTextAsync(Money.Format(vuelto));
        await page.Keyboard.PressAsync("Enter");
        var registrada = page.Locator("#pos-cobro-resultado [data-venta-registrada]");
        await Expect(registrada).ToHaveAttributeAsync("data-offline", "true");
        await Expect(registrada).ToContainTextAsync("Venta registrada (sin conexión)");
        var href = await page.Locator("#pos-cobro-resultado [data-ticket-provisional]").GetAttributeAsync("href");
        var m = Regex.Match(href ?? "", @"^/offline/ticket\.html\?id=([0-9a-fA-F-]{36})(&print=1)?$");
        Assert.True(m.Success, $"[data-ticket-provisional] href is «{href}», not /offline/ticket.html?id=<uuid>");
        return Guid.Parse(m.Groups[1].Value);
    }

    /// <summary>After a sale, one key starts the next one with an empty cart.</summary>
    public static async Task NuevaVentaAsync(IPage page)
    {
        await page.BringToFrontAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#pos-cobro")).ToBeHiddenAsync();
        await Expect(Lineas(page)).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-pos-total]")).ToHaveTextAsync("$ 0,00");
        await Expect(page.Locator("#pos-codigo")).ToBeFocusedAsync();
    }

    public static Task PendientesAsync(IPage page, int n, float? timeout = null) =>
        Expect(page.Locator("#pos-pendientes")).ToHaveAttributeAsync("data-pendientes", n.ToString(), new() { Timeout = timeout });

    /// <summary>Waits until the outbox is empty after a reconnect and nothing was rejected.</summary>
    public static async Task TodoEnviadoAsync(IPage page)
    {
        await PendientesAsync(page, 0, 15_000);
        var rechazadas = await page.Locator("#pos-pendientes").GetAttributeAsync("data-rechazadas");
        Assert.True(rechazadas is null or "0", $"rejected sales in the outbox: {rechazadas}");
        await Expect(page.Locator("#pos-conexion")).ToHaveAttributeAsync("data-estado", "online");
    }

    // ── the server's side ─────────────────────────────────────────────────────────────────────────────────────

    public static async Task<JsonElement[]> VentasAsync(HttpClient admin, Guid sesion)
    {
        var page = await (await admin.GetAsync($"/v1/ventas?sesion_caja_id={sesion}&size=200")).ShouldBeAsync(HttpStatusCode.OK);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    public static async Task<int> StockAsync(HttpClient admin, Producto p) =>
        (await (await admin.GetAsync($"/v1/productos/{p.Id}")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("stock_actual").GetInt32();

    /// <summary>The session's sale movements of one sale, as (method, amount) ordered by method.</summary>
    public static async Task<(string Metodo, decimal Monto)[]> MovimientosAsync(HttpClient admin, Guid sesion, Guid venta)
    {
        var movs = await (await admin.GetAsync($"/v1/caja/{sesion}/movimientos")).ShouldBeAsync(HttpStatusCode.OK);
        return [.. movs.EnumerateArray()
            .Where(m => m.GetProperty("tipo").GetString() == "venta" && m.GetProperty("referencia_id").GetString() == venta.ToString())
            .Select(m => (m.GetProperty("metodo_pago").GetString()!, m.GetProperty("monto").GetDecimal()))
            .OrderBy(m => m.Item1, StringComparer.Ordinal)];
    }

    /// <summary>The one sale with that id among the session's, checked against what the cashier saw.</summary>
    public static JsonElement VentaUnica(JsonElement[] ventas, Guid id, decimal total, decimal vuelto)
    {
        var venta = Assert.Single(ventas, v => v.GetProperty("id").GetGuid() == id);
        Assert.Equal("completada", venta.GetProperty("estado").GetString());
        Assert.Equal(total, venta.GetProperty("total").GetDecimal());
        Assert.Equal(vuelto, venta.GetProperty("vuelto").GetDecimal());
        Assert.False(venta.GetProperty("conflicto_stock").GetBoolean());
        Assert.False(venta.GetProperty("conflicto_precio").GetBoolean());
        return venta;
    }

    /// <summary>
    /// Runs a test's steps; when one fails, every open page of the context is saved as «name-fallo-N.png» (with the
    /// POS's message line in the exception), so a report can point the front end's owner at the screen.
    /// </summary>
    public static async Task ConCapturaAsync(IBrowserContext context, string name, Func<Task> pasos)
    {
        try
        {
            await pasos();
        }
        catch (Exception e) when (e is PlaywrightException or Xunit.Sdk.XunitException)
        {
            var capturas = new List<string>();
            var i = 0;
            foreach (var page in context.Pages)
            {
                var path = SharedBrowser.ScreenshotPath($"{name}-fallo-{++i}");
                try
                {
                    await page.ScreenshotAsync(new() { Path = path, FullPage = true, Timeout = 5_000 });
                    var mensaje = await page.Locator("#pos-mensaje").AllTextContentsAsync();
                    capturas.Add($"{path} ({page.Url}; #pos-mensaje: «{string.Join(" ", mensaje)}»)");
                }
                catch (PlaywrightException) { capturas.Add($"{page.Url}: no screenshot"); }
            }
            throw new Xunit.Sdk.XunitException($"{e.Message}\nScreens: {string.Join("; ", capturas)}\n{e.StackTrace}");
        }
    }

    /// <summary>Uncaught script errors (an offline POS that throws is broken even when the screen looks right).</summary>
    public static List<string> PageErrors(IPage page)
    {
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        return errors;
    }
}
