using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BlendPos.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>
/// The dashboard refreshes itself: with the page's clock under Playwright's control (installed before the page loads),
/// nothing is asked for during the first 50 s; by 66 s htmx asks for <c>/?handler=tablero</c> and the numbers show a
/// sale made meanwhile at the till, without a reload. Then the reports' date filters, drawn for an es-AR user.
/// </summary>
public sealed class TableroBrowserTests(KestrelAppFixture fx) : BrowserTest(fx)
{
    private const string Clave = "clave-1234";

    [Fact]
    public async Task The_dashboard_polls_every_60_seconds_and_shows_a_sale_made_meanwhile()
    {
        using var admin = await App.AdminAsync();
        var d = $"7792{Random.Shared.Next(10_000_000, 99_999_999):D8}";
        var codigo = d + BlendPos.Domain.Catalogo.Gtin.ComputeCheckDigit(d);
        await (await admin.PostAsJsonAsync("/v1/productos", new
        {
            codigo_barras = codigo, nombre = "Turrón Arcor", categoria = "Kiosco", precio_costo = 300m, precio_venta = 600m, stock_actual = 100,
        })).ShouldBeAsync(HttpStatusCode.Created);
        await App.CreateUserAsync("tb.caja", "cajero", Clave, 31);
        await App.CreateUserAsync("tb.sup", "supervisor", Clave, 32);
        var caja = await App.ClientAsAsync("tb.caja", Clave);
        var sesion = (await (await caja.PostAsJsonAsync("/v1/caja/abrir", new { monto_inicial = 1000m })).ShouldBeAsync(HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

        var errores = ErroresDeConsola(Page);
        await Page.Clock.InstallAsync(); // fake timers from the first page on: htmx's «every 60s» runs on this clock
        await LoginAsync(Page, "tb.sup", Clave);
        await Expect(Page.Locator("#tablero h1")).ToHaveTextAsync(new Regex("^Hoy, "));
        var tickets = int.Parse(await Page.Locator("[data-kpi=tickets]").InnerTextAsync(), System.Globalization.CultureInfo.GetCultureInfo("es-AR"));

        var pedidos = 0;
        Page.Request += (_, r) => { if (r.Url.Contains("handler=tablero", StringComparison.Ordinal)) Interlocked.Increment(ref pedidos); };
        await (await caja.PostAsJsonAsync("/v1/ventas", new
        {
            sesion_caja_id = sesion, items = new[] { new { barcode = codigo, cantidad = 2 } }, pagos = new[] { new { metodo = "efectivo", monto = 1200m } },
        })).ShouldBeAsync(HttpStatusCode.Created);

        // Installed, the page's clock still flows with real time: stop it a second after now (page time), so the minute
        // counts only what RunFor moves. htmx set its 60 s timer when the dashboard loaded, a moment before.
        var ahora = await Page.EvaluateAsync<double>("() => Date.now()");
        await Page.Clock.PauseAtAsync(DateTimeOffset.FromUnixTimeMilliseconds((long)ahora + 1_000).UtcDateTime);
        await Page.Clock.RunForAsync(50_000);
        Assert.Equal(0, Volatile.Read(ref pedidos)); // not before the minute
        await Expect(Page.Locator("[data-kpi=tickets]")).ToHaveTextAsync(tickets.ToString());

        var respuesta = await Page.RunAndWaitForResponseAsync(() => Page.Clock.RunForAsync(15_000),
            r => r.Url.Contains("handler=tablero", StringComparison.Ordinal));
        Assert.Equal(200, respuesta.Status);
        await Page.Clock.RunForAsync(1_000); // htmx settles the swap on a timer of this clock
        await Expect(Page.Locator("[data-kpi=tickets]")).ToHaveTextAsync((tickets + 1).ToString());
        await Expect(Page.Locator("#tablero")).ToContainTextAsync("Turrón Arcor");
        Assert.Equal(1, Volatile.Read(ref pedidos));
        await Expect(Page.Locator("#tablero")).ToHaveCountAsync(1); // replaced, not nested (outerHTML + hx-select)

        // The next minute polls again: it keeps refreshing while open.
        await Page.RunAndWaitForResponseAsync(() => Page.Clock.RunForAsync(60_000), r => r.Url.Contains("handler=tablero", StringComparison.Ordinal));
        Assert.Equal(2, Volatile.Read(ref pedidos));

        // Time flows again: the swapped-in chart (Chart.js draws on animation frames, this clock's too) gets painted.
        await Page.Clock.ResumeAsync();
        await Page.WaitForFunctionAsync("""
            () => { const c = document.querySelector('#tablero canvas[data-chart]'); if (!c || c.width === 0) return false;
                    const blanco = document.createElement('canvas'); blanco.width = c.width; blanco.height = c.height;
                    return c.toDataURL() !== blanco.toDataURL(); }
            """);
        await ScreenshotAsync(Page, "tablero-actualizado");
        Assert.Empty(errores);
    }

    [Fact]
    public async Task The_report_filters_are_Spanish_for_an_es_AR_user()
    {
        await App.CreateUserAsync("tb.sup2", "supervisor", Clave, 33);
        await LoginAsync(Page, "tb.sup2", Clave);
        await Page.GotoAsync("/reportes/ventas?desde=2026-11-03&hasta=2026-12-08");
        Assert.Equal("es-AR", await Page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("es-AR", await Page.EvaluateAsync<string>("() => navigator.language"));
        await Expect(Page.GetByLabel("Desde")).ToHaveValueAsync("2026-11-03");
        // Chromium draws the date in its UI language (LANGUAGE=es_AR, SharedBrowser): 03/11/2026, day first. The
        // screenshot shows it; the field's text is not in the DOM.
        await ScreenshotAsync(Page, "reportes-filtros-es-AR");
    }
}
