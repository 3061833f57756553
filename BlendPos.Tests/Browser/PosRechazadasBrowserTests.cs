using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BlendPos.Domain;
using BlendPos.Tests.Infrastructure;
using Microsoft.Playwright;
using Npgsql;
using static BlendPos.Tests.Browser.PosOfflineKit;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>
/// A sale the server refuses on replay stays on the terminal for a supervisor (issue 6): the red «1 venta rechazada»
/// opens a dialog with the sale's time, total, lines and the server's reason; once the cause is fixed, «Reintentar»
/// sends it and it arrives exactly once.
/// </summary>
public sealed class PosRechazadasBrowserTests(KestrelAppFixture fx) : BrowserTest(fx)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // The provisional receipt prints on load; headless Chromium must not wait on a print dialog.
        await Context.AddInitScriptAsync("window.print = () => { window.__impreso = (window.__impreso || 0) + 1; };");
    }

    [Fact]
    public Task A_refused_offline_sale_shows_its_reason_and_arrives_once_after_Reintentar() =>
        ConCapturaAsync(Context, "pos-rechazadas", RechazadaAsync);

    private async Task RechazadaAsync()
    {
        using var admin = await App.AdminAsync();
        // No initial stock: a stock movement would tie it to the append-only ledger, and it could not be deleted below.
        var alfajor = await ProductoAsync(admin, "Alfajor Rechazo Triple", 1450.50m, 0);
        var sesion = await CajeroConCajaAsync(App, admin, "rech.carla", 71);
        var errores = PageErrors(Page);
        var ventanas = new List<IPage>();
        Page.Popup += (_, v) => ventanas.Add(v);
        await IngresarAsync(Page, "rech.carla");
        await AbrirPosOnlineAsync(Page, sesion);

        // Offline: two alfajores, exact cash.
        await Context.SetOfflineAsync(true);
        await Expect(Page.Locator("#pos-conexion")).ToHaveAttributeAsync("data-estado", "offline");
        await EscanearAsync(Page, alfajor);
        await EscanearAsync(Page, alfajor);
        await Expect(Cantidad(Page, alfajor)).ToHaveTextAsync("2");
        var total = 2 * alfajor.Precio;
        await TotalAsync(Page, total, 1);
        var antes = DateTimeOffset.UtcNow;
        var venta = await CobrarSinConexionAsync(Page, total, 0m);
        var despues = DateTimeOffset.UtcNow;
        await PendientesAsync(Page, 1);
        foreach (var v in ventanas.Where(v => !v.IsClosed).ToList()) await v.CloseAsync(); // the printed receipt
        await NuevaVentaAsync(Page);
        // The receipt window took the keyboard; headless Chromium gives it back to the till on a click, as a cashier does.
        await Page.Locator("#pos-codigo").ClickAsync();

        // Meanwhile the product disappears from the server (nothing references it but its price history).
        await BorrarProductoAsync(alfajor);

        // Back online: the replay is refused with the server's reason, and the sale stays on the terminal.
        await Context.SetOfflineAsync(false);
        var indicador = Page.Locator("#pos-pendientes");
        await Expect(indicador).ToHaveAttributeAsync("data-rechazadas", "1", new() { Timeout = 15_000 });
        await PendientesAsync(Page, 0);
        await Expect(indicador).ToHaveTextAsync("1 venta rechazada: avisá a un supervisor");
        await Expect(indicador).ToHaveAttributeAsync("role", "button");
        Assert.Empty(await VentasAsync(admin, sesion));
        await Expect(Page.Locator("#pos-conexion")).ToHaveAttributeAsync("data-estado", "online");

        // A click opens the dialog: time (terminal clock), total, lines and the reason.
        await indicador.ClickAsync();
        var dialogo = Page.Locator("#pos-rechazadas");
        await Expect(dialogo).ToBeVisibleAsync();
        var fila = dialogo.Locator("[data-rechazada]");
        await Expect(fila).ToHaveCountAsync(1);
        await Expect(fila).ToHaveAttributeAsync("data-venta-id", venta.ToString());
        var motivo = $"No hay un producto con el código {alfajor.Codigo}.";
        await Expect(fila.Locator("[data-campo='motivo']")).ToHaveTextAsync(motivo);
        await Expect(fila.Locator("[data-campo='total']")).ToHaveTextAsync(Money.Format(total));
        await Expect(fila.Locator("[data-campo='lineas']")).ToHaveTextAsync($"2 × {alfajor.Nombre}");
        // The terminal's clock (the browser runs in Buenos Aires time), to the minute, whatever the test machine's zone.
        var hora = await fila.Locator("[data-campo='hora']").TextContentAsync();
        var zona = TimeZoneInfo.FindSystemTimeZoneById("America/Argentina/Buenos_Aires");
        string Terminal(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zona).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(hora, new[] { Terminal(antes), Terminal(despues) });
        // Keyboard: the focus is on «Reintentar»; there is no way to throw the sale away.
        await Expect(fila.GetByRole(AriaRole.Button, new() { Name = "Reintentar" })).ToBeFocusedAsync();
        await Expect(dialogo.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Descartar|Eliminar|Borrar") })).ToHaveCountAsync(0);
        await ScreenshotAsync(Page, "pos-rechazadas");

        // Esc closes and gives the focus back to the code field.
        await Page.Keyboard.PressAsync("Escape");
        await Expect(dialogo).ToBeHiddenAsync();
        await Expect(Page.Locator("#pos-codigo")).ToBeFocusedAsync();

        // The supervisor fixes the cause: the product again, same barcode and price.
        await (await admin.PostAsJsonAsync("/v1/productos", new
        {
            codigo_barras = alfajor.Codigo, nombre = alfajor.Nombre, categoria = "Almacén", precio_costo = 800m,
            precio_venta = alfajor.Precio, stock_actual = 30,
        })).ShouldBeAsync(HttpStatusCode.Created);

        // F9 opens the dialog from the keyboard; Enter on the focused «Reintentar» sends the sale.
        await Page.Keyboard.PressAsync("F9");
        await Expect(dialogo).ToBeVisibleAsync();
        await Expect(fila.GetByRole(AriaRole.Button, new() { Name = "Reintentar" })).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(dialogo.Locator("[data-rechazadas-estado]")).ToHaveTextAsync("Listo: el servidor aceptó la venta.", new() { Timeout = 15_000 });
        await Expect(fila).ToHaveCountAsync(0);
        await Expect(dialogo.Locator("[data-rechazadas-vacia]")).ToBeVisibleAsync();
        await Expect(indicador).ToHaveAttributeAsync("data-rechazadas", "0");
        await TodoEnviadoAsync(Page);
        await Expect(indicador).Not.ToHaveAttributeAsync("role", "button");
        await ScreenshotAsync(Page, "pos-rechazadas-reintentada");
        await Page.Keyboard.PressAsync("Escape");
        await Expect(Page.Locator("#pos-codigo")).ToBeFocusedAsync();

        var ventas = await VentasAsync(admin, sesion);
        var unica = Assert.Single(ventas);
        Assert.Equal(venta, unica.GetProperty("id").GetGuid());
        Assert.Equal(total, unica.GetProperty("total").GetDecimal());
        Assert.Equal([("efectivo", total)], await MovimientosAsync(admin, sesion, venta));
        Assert.Empty(errores);
    }

    /// <summary>A hard delete behind the API's back (its price history goes with it, by cascade).</summary>
    private async Task BorrarProductoAsync(Producto p)
    {
        await using var conn = new NpgsqlConnection(App.Database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "DELETE FROM productos WHERE id = @id", conn);
        cmd.Parameters.AddWithValue("id", p.Id);
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        await using var check = new NpgsqlCommand("SELECT count(*) FROM productos WHERE codigo_barras = @c", conn);
        check.Parameters.AddWithValue("c", p.Codigo);
        Assert.Equal(0L, (long)(await check.ExecuteScalarAsync())!);
    }
}
