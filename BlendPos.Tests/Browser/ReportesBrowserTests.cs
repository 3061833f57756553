using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BlendPos.Tests.Features.Caja;
using BlendPos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>
/// The dashboard and the reports in a real browser at 1366×768 (a kiosk's laptop): a supervisor lands on today's
/// numbers with the by-hour chart painted, follows «Reportes» to the sales report over two weeks, and the charts are drawn
/// under the strict CSP with no console error. The sales are made through the API; their times are then spread over the
/// day and the two weeks with SQL, only so the charts have a shape to look at.
/// </summary>
public sealed class ReportesBrowserTests(KestrelAppFixture fx) : BrowserTest(fx)
{
    private const string Clave = "clave-1234";
    private static int _seq;

    private async Task<string> ProductoAsync(HttpClient admin, string nombre, decimal costo, decimal precio)
    {
        var d = $"7791{Interlocked.Increment(ref _seq):D8}";
        var codigo = d + BlendPos.Domain.Catalogo.Gtin.ComputeCheckDigit(d);
        await (await admin.PostAsJsonAsync("/v1/productos", new
        {
            codigo_barras = codigo, nombre, categoria = "Kiosco", precio_costo = costo, precio_venta = precio, stock_actual = 5000,
        })).ShouldBeAsync(HttpStatusCode.Created);
        return codigo;
    }

    private async Task<(HttpClient Client, Guid Sesion)> CajaAsync(string usuario, int pdv)
    {
        await App.CreateUserAsync(usuario, "cajero", Clave, pdv);
        var client = await App.ClientAsAsync(usuario, Clave);
        var sesion = await (await client.PostAsJsonAsync("/v1/caja/abrir", new { monto_inicial = 5000m })).ShouldBeAsync(HttpStatusCode.Created);
        return (client, sesion.GetProperty("id").GetGuid());
    }

    private static async Task<Guid> VenderAsync(HttpClient c, Guid sesion, (string Codigo, int Cantidad)[] items, string metodo, decimal monto)
    {
        var v = await (await c.PostAsJsonAsync("/v1/ventas", new
        {
            sesion_caja_id = sesion, items = items.Select(i => new { barcode = i.Codigo, cantidad = i.Cantidad }).ToArray(),
            pagos = new[] { new { metodo, monto } },
        })).ShouldBeAsync(HttpStatusCode.Created);
        return v.GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_supervisor_sees_todays_dashboard_and_the_sales_report_with_charts()
    {
        using var admin = await App.AdminAsync();
        var productos = new[]
        {
            (await ProductoAsync(admin, "Alfajor Havanna Triple", 900m, 1500m), 1500m),
            (await ProductoAsync(admin, "Coca-Cola 500 ml", 800m, 1400m), 1400m),
            (await ProductoAsync(admin, "Yerba Playadito 500 g", 2300m, 3400m), 3400m),
            (await ProductoAsync(admin, "Chicle Beldent menta", 250m, 500m), 500m),
            (await ProductoAsync(admin, "Galletitas Oreo 118 g", 700m, 1200m), 1200m),
            (await ProductoAsync(admin, "Cigarrillos Marlboro 20", 2900m, 3600m), 3600m),
        };
        var (ana, sesionAna) = await CajaAsync("rb.ana", 21);
        var (beto, sesionBeto) = await CajaAsync("rb.beto", 22);
        await App.CreateUserAsync("rb.sara", "supervisor", Clave, 23);
        var sara = await App.ClientAsAsync("rb.sara", Clave);

        var metodos = new[] { "efectivo", "debito", "efectivo", "credito", "efectivo", "transferencia", "debito" };
        var ventas = new List<Guid>();
        for (var i = 0; i < 60; i++)
        {
            var (codigo, precio) = productos[(i * 7 + i / 5) % productos.Length];
            var (otro, precioOtro) = productos[(i + 2) % productos.Length];
            var cantidad = 1 + i % 3;
            var total = precio * cantidad + precioOtro;
            var (client, sesion) = i % 2 == 0 ? (ana, sesionAna) : (beto, sesionBeto);
            ventas.Add(await VenderAsync(client, sesion, [(codigo, cantidad), (otro, 1)], metodos[i % metodos.Length], total));
        }
        await (await sara.PostAsJsonAsync($"/v1/ventas/{ventas[7]}/anular", new { motivo = "Cobro duplicado" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await sara.PostAsJsonAsync($"/v1/ventas/{ventas[20]}/anular", new { motivo = "El cliente no tenía saldo" })).ShouldBeAsync(HttpStatusCode.OK);
        // Two thirds of the sales go back 1 to 13 days; today's are spread over the hours before now.
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
            UPDATE ventas v SET created_at = CASE WHEN x.n % 3 <> 0 THEN v.created_at - ((x.n % 13) + 1) * interval '1 day' - (x.n % 9) * interval '47 minutes'
                                                  ELSE v.created_at - (x.n / 3) * interval '23 minutes' END
            FROM (SELECT id, row_number() OVER (ORDER BY created_at, numero_ticket) AS n FROM ventas) x WHERE x.id = v.id
            """));
        await (await CajaKit.ArqueoAsync(beto, sesionBeto, efectivo: 1000m)).ShouldBeAsync(HttpStatusCode.OK);

        var errores = ErroresDeConsola(Page);
        await using var context = await NewContextAsync(1366, 768);
        var page = await context.NewPageAsync();
        var erroresGrandes = ErroresDeConsola(page);
        await LoginAsync(page, "rb.sara", Clave);
        await Expect(page.Locator("#tablero h1")).ToHaveTextAsync(new Regex("^Hoy, "));
        await Expect(page.Locator("[data-kpi=tickets]")).Not.ToHaveTextAsync("0");
        await Expect(page.Locator("[data-lista=abiertas]")).ToContainTextAsync("rb.ana");
        await Expect(page.Locator("[data-lista=desvios]")).ToContainTextAsync("rb.beto");
        await EsperarGraficosAsync(page);
        await ScreenshotAsync(page, "reportes-tablero");

        await page.Locator(".mainnav").GetByRole(AriaRole.Link, new() { Name = "Reportes" }).ClickAsync();
        await page.Locator(".grid-cards").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Ventas") }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/reportes/ventas"));
        var hoy = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Argentina/Buenos_Aires")).DateTime);
        await page.GetByLabel("Desde").FillAsync(hoy.AddDays(-13).ToString("yyyy-MM-dd"));
        await page.GetByLabel("Hasta").FillAsync(hoy.ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Ver" }).ClickAsync();
        await Expect(page.Locator("[data-kpi=anuladas]")).ToHaveTextAsync("2");
        await Expect(page.Locator("table[data-tabla=cajeros]")).ToContainTextAsync("rb.beto");
        await EsperarGraficosAsync(page);
        await ScreenshotAsync(page, "reportes-ventas");

        await page.Locator(".report-tabs").GetByRole(AriaRole.Link, new() { Name = "Productos" }).ClickAsync();
        await Expect(page.Locator("table[data-tabla=productos] tbody tr")).ToHaveCountAsync(6);
        await EsperarGraficosAsync(page);
        await ScreenshotAsync(page, "reportes-productos");

        await page.Locator(".report-tabs").GetByRole(AriaRole.Link, new() { Name = "Caja y desvíos" }).ClickAsync();
        await Expect(page.Locator("table[data-tabla=sesiones]")).ToContainTextAsync("Crítico");
        await EsperarGraficosAsync(page);
        await ScreenshotAsync(page, "reportes-caja");

        await page.Locator(".report-tabs").GetByRole(AriaRole.Link, new() { Name = "Anulaciones" }).ClickAsync();
        await Expect(page.Locator("table[data-tabla=anulaciones]")).ToContainTextAsync("Cobro duplicado");
        await ScreenshotAsync(page, "reportes-anulaciones");

        await page.Locator(".report-tabs").GetByRole(AriaRole.Link, new() { Name = "Ventas" }).ClickAsync();
        await EsperarGraficosAsync(page);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator(".report-filters")).ToBeHiddenAsync();
        await ScreenshotAsync(page, "reportes-ventas-impresion");

        Assert.True(erroresGrandes.Count == 0, string.Join("\n", erroresGrandes));
        Assert.Empty(errores);
    }

    /// <summary>Every chart of the page was painted by Chart.js (a canvas it sized), not left blank.</summary>
    private static async Task EsperarGraficosAsync(IPage page)
    {
        var canvases = page.Locator("canvas[data-chart]");
        await Expect(canvases.First).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('canvas[data-chart]')].every(c => c.width > 0 && c.style.width !== '')");
    }
}
