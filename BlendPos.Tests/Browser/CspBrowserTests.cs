using BlendPos.Tests.Features.Conflictos;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>
/// The Content-Security-Policy (<c>style-src 'self'</c>, no inline script or style) is never violated: every main page,
/// with data on it, opens without a CSP report in the console.
/// </summary>
public sealed class CspBrowserTests(KestrelAppFixture fx) : BrowserTest(fx)
{
    private static readonly string[] Paginas =
        ["/", "/productos", "/caja", "/caja/sesiones", "/ventas", "/conflictos", "/conflictos?estado=todas", "/usuarios", "/alertas", "/precio",
         "/proveedores", "/proveedores/importar", "/proveedores/precios"];

    [Fact]
    public async Task No_main_page_violates_the_content_security_policy()
    {
        // A flagged sale, so /conflictos, /ventas and the sessions have rows and cards to draw.
        var kit = new ConflictosKit(App);
        using var admin = await App.AdminAsync();
        var (coca, codigo) = await kit.ProductoAsync(admin, "Coca-Cola 500 ml", 1400m, 10);
        var cajero = await kit.CajeroAsync("csp.caja", 71);
        var venta = await ConflictosKit.VenderAsync(cajero, (codigo, 3));
        var hecha = DateTimeOffset.UtcNow.AddHours(-2);
        await kit.HistorialAsync(coca, (1400m, hecha.AddDays(-20)));
        await kit.PrecioOfflineAsync(venta.Id, coca, 1100m);
        await kit.StockNegativoAsync(venta.Id, coca, -2);
        await kit.ReplayedAsync(venta.Id, hecha, stock: true, precio: true, sesion: true);
        await kit.UsuarioAsync("csp.sara", "supervisor");

        foreach (var (usuario, clave, esAdmin) in new[] { (DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword, true), ("csp.sara", ConflictosKit.Clave, false) })
        {
            await using var context = await NewContextAsync();
            var page = await context.NewPageAsync();
            var errores = ErroresDeConsola(page);
            await LoginAsync(page, usuario, clave);
            await Expect(page.Locator(".user-name")).ToHaveTextAsync(usuario);
            foreach (var ruta in Paginas.Where(r => esAdmin || !(r == "/usuarios" || r.StartsWith("/proveedores", StringComparison.Ordinal))))
            {
                var respuesta = await page.GotoAsync(ruta);
                Assert.True(respuesta?.Ok, $"{usuario} {ruta}: {respuesta?.Status}");
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                if (ruta == "/conflictos")
                {
                    // Open the stock form too: what it shows must not need an inline style either.
                    await page.Locator("article.conflicto summary").First.ClickAsync();
                    await Expect(page.Locator(".conflicto-ajuste-form").First).ToBeVisibleAsync();
                    if (!esAdmin)
                    {
                        // And what htmx swaps in: an adjustment (the card comes back with its message), then the filter.
                        var form = page.Locator(".conflicto-ajuste-form").First;
                        await form.GetByLabel("Cantidad", new() { Exact = true }).FillAsync("6");
                        await form.GetByLabel("Motivo").FillAsync("Recuento en góndola");
                        await form.GetByRole(AriaRole.Button, new() { Name = "Guardar ajuste" }).ClickAsync();
                        await Expect(page.Locator("article.conflicto .alert-success").First).ToBeVisibleAsync();
                        await page.GetByLabel("Mostrar").SelectOptionAsync("todas");
                        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("estado=todas"));
                        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    }
                }
                await ScreenshotAsync(page, "csp-" + usuario.Replace('.', '-') + ruta.Replace('/', '-').Replace('?', '-').Replace('=', '-'));
            }
            Assert.True(Csp(errores).Count == 0, $"{usuario}: " + string.Join("\n", Csp(errores)));
        }

        // The check itself: an inline style attribute arriving in markup (as htmx would swap it in) is reported.
        var prueba = await Context.NewPageAsync();
        var vistos = ErroresDeConsola(prueba);
        await prueba.GotoAsync("/login");
        await prueba.EvaluateAsync("() => document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')");
        await Expect(prueba.Locator("p", new() { HasText = "x" })).ToHaveCountAsync(1);
        for (var i = 0; i < 50 && Csp(vistos).Count == 0; i++) await Task.Delay(100);
        Assert.NotEmpty(Csp(vistos));
    }

    private static List<string> Csp(List<string> errores) =>
        errores.Where(e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)).ToList();
}
