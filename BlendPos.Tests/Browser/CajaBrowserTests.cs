using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using BlendPos.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>
/// The cash pages in a real browser: open, manual movements, the blind count with the denomination counter, the
/// supervisor's list, close and justification, and the printable report. Each test uses its own punto de venta, since
/// the class shares one database and a punto de venta holds one open session at a time.
/// </summary>
public sealed class CajaBrowserTests(KestrelAppFixture fx) : BrowserTest(fx)
{
    private static readonly (int Width, int Height)[] Pantallas = [(1024, 768), (1440, 900)];

    /// <summary>Everybody the tests sign in as, each cashier on a punto de venta of their own.</summary>
    private static readonly (string Usuario, string Rol, int PuntoDeVenta)[] Personal =
    [
        ("caja.ana", "cajero", 11), ("caja.beto", "cajero", 12), ("caja.beto2", "cajero", 12), ("caja.carla", "cajero", 13),
        ("caja.dani", "cajero", 14), ("caja.ceci", "cajero", 15), ("sup.sara", "supervisor", 1),
    ];

    private static readonly ConditionalWeakTable<BlendPosApp, Task> PersonalCreado = new();

    /// <summary>
    /// Creates <see cref="Personal"/> once per app with one admin sign-in: logins share a limit of 20 a minute per
    /// address (the /login page's GET and POST both count), and every browser here comes from 127.0.0.1.
    /// </summary>
    private Task PersonalAsync() => PersonalCreado.GetValue(App, static app => CrearPersonalAsync(app));

    private static async Task CrearPersonalAsync(BlendPosApp app)
    {
        using var admin = await app.AdminAsync();
        foreach (var (usuario, rol, pdv) in Personal)
        {
            var response = await admin.PostAsJsonAsync("/v1/usuarios", new
            {
                username = usuario, nombre_completo = "Usuario " + usuario, rol, punto_de_venta = pdv, password = "clave-1234",
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    [Fact]
    public async Task Cashier_opens_records_an_egreso_and_counts_blind_with_the_denomination_counter()
    {
        await PersonalAsync();
        var errores = ConsoleErrors(Page);
        var preguntas = AcceptDialogs(Page);
        await LoginAsync(Page, "caja.ana", "clave-1234");

        // Open: the punto de venta comes from the user's profile, and a cashier cannot change it.
        await Page.Locator(".mainnav").GetByRole(AriaRole.Link, new() { Name = "Caja", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Abrir caja" })).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Punto de venta")).ToHaveValueAsync("11");
        await Expect(Page.GetByLabel("Punto de venta")).Not.ToBeEditableAsync();
        await ScreenshotAsync(Page, "caja-abrir-cajero");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Abrir caja" }).ClickAsync();
        await Expect(Page.Locator(".field-validation-error")).ToHaveTextAsync("Ingresá el importe.");
        await Page.GetByLabel("Monto inicial en efectivo ($)").FillAsync("5.100");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Abrir caja" }).ClickAsync();
        await Expect(Page.Locator(".alert-success")).ToContainTextAsync("Caja abierta en el punto de venta 11.");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Caja actual" })).ToBeVisibleAsync();
        await Expect(Page.Locator(".caja-datos")).ToContainTextAsync("$ 5.100,00");

        // An egreso through htmx: the list refreshes without a reload.
        await RegistrarMovimientoAsync(Page, "Egreso", "1000", "Pago de hielo al proveedor");
        await Expect(Page.Locator("#caja-movimientos .alert-success")).ToContainTextAsync("Egreso de $ 1.000,00 registrado.");
        await Expect(Page.Locator("#caja-movimientos-tabla tbody tr")).ToHaveCountAsync(1);
        await Expect(Page.Locator("#caja-movimientos-tabla")).ToContainTextAsync("-$ 1.000,00");
        await Expect(Page.Locator("#caja-movimientos-tabla")).ToContainTextAsync("Pago de hielo al proveedor");
        await ScreenshotsAsync(Page, "caja-actual");

        // The count page: nothing expected on it. A second tab opens it too, to try to count twice later.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Hacer arqueo ciego" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Arqueo ciego" })).ToBeVisibleAsync();
        var segunda = await Context.NewPageAsync();
        AcceptDialogs(segunda);
        await segunda.GotoAsync("/caja/arqueo");
        Assert.DoesNotContain("4.100", await Page.ContentAsync()); // 5.100 - 1.000, the expected cash

        // The counter, by keyboard: 3 × $ 1.000, Enter moves to $ 500, 2 × $ 500 → efectivo 4.000,00.
        await Page.GetByLabel("Cantidad de $ 1.000", new() { Exact = true }).FocusAsync();
        await Page.Keyboard.TypeAsync("3");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.GetByLabel("Cantidad de $ 500", new() { Exact = true })).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("2");
        await Expect(Page.Locator("[data-contador-total]")).ToHaveTextAsync("$ 4.000,00");
        await Expect(Page.Locator("output[for='cantidad-3']")).ToHaveTextAsync("$ 3.000,00");
        var efectivo = Page.GetByLabel("Efectivo ($)");
        await Expect(efectivo).ToHaveValueAsync("4.000,00");
        // «Efectivo» stays editable; a figure other than the counter's is flagged, not refused.
        await efectivo.FillAsync("3.999");
        await Expect(Page.Locator("[data-contador-aviso]")).ToBeVisibleAsync();
        await efectivo.FillAsync("4000");
        await Expect(Page.Locator("[data-contador-aviso]")).ToBeHiddenAsync();
        await ScreenshotsAsync(Page, "caja-arqueo");

        // Enter in a declaration field submits, after a confirmation.
        await Page.GetByLabel("Transferencia ($)").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new Regex(@"/caja/arqueo\?sesion="));
        Assert.Contains(preguntas, p => p.Contains("una sola vez"));

        // Only now: expected vs declared, the deviation (-100 of 4.100 = -2,44 %), a warning, in amber; the session closes.
        var veredicto = Page.Locator(".desvio-veredicto");
        await Expect(veredicto).ToHaveAttributeAsync("data-clasificacion", "warning");
        await Expect(veredicto.Locator(".desvio-monto")).ToHaveTextAsync("-$ 100,00");
        await Expect(veredicto.Locator(".desvio-pct")).ToHaveTextAsync("-2,44 %");
        await Expect(veredicto.Locator(".desvio-badge")).ToHaveTextAsync("Advertencia");
        await Expect(veredicto).ToHaveCSSAsync("color", "rgb(138, 75, 0)"); // --c-warning
        await Expect(veredicto.Locator(".desvio-estado")).ToContainTextAsync("Caja cerrada");
        await Expect(Page.Locator("[data-total-esperado]")).ToHaveTextAsync("$ 4.100,00");
        await Expect(Page.Locator("[data-total-declarado]")).ToHaveTextAsync("$ 4.000,00");
        await ScreenshotsAsync(Page, "caja-arqueo-resultado");

        // One declaration per session: the other tab's submit is refused in Spanish.
        await segunda.GetByLabel("Efectivo ($)").FillAsync("4100");
        await segunda.GetByRole(AriaRole.Button, new() { Name = "Declarar arqueo" }).ClickAsync();
        await Expect(segunda.Locator(".alert-error")).ToContainTextAsync("Esta caja ya fue contada: el arqueo se declara una sola vez.");
        await Expect(segunda.GetByRole(AriaRole.Link, new() { Name = "Ver el resultado" })).ToBeVisibleAsync();

        // Back on /caja the cashier may open a new session.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Volver a caja" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Abrir caja" })).ToBeVisibleAsync();
        Assert.Empty(errores);
    }

    [Fact]
    public async Task The_open_session_page_and_its_htmx_answers_never_carry_the_expected_amount()
    {
        await PersonalAsync();
        await LoginAsync(Page, "caja.beto", "clave-1234");
        await Page.GotoAsync("/caja");
        await Page.GetByLabel("Monto inicial en efectivo ($)").FillAsync("10000");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Abrir caja" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Caja actual" })).ToBeVisibleAsync();

        // 10.000 + 2.345,67 - 1.111,11: expected 12.345,67 after the ingreso, 11.234,56 after the egreso.
        var ingreso = await RegistrarMovimientoAsync(Page, "Ingreso", "2345,67", "Cambio traído del banco");
        var egreso = await RegistrarMovimientoAsync(Page, "Egreso", "1.111,11", "Retiro para pagar la luz");
        await Expect(Page.Locator("#caja-movimientos-tabla tbody tr")).ToHaveCountAsync(2);
        AssertNoExpected(ingreso, "12345.67");

        // A refused amount comes back as 422 with the form and its message; nothing is recorded.
        var form = Page.Locator("#caja-movimientos form");
        await form.GetByLabel("Monto ($)").FillAsync("12,345");
        await form.GetByLabel("Descripción").FillAsync("Mal tipeado");
        var rechazo = await Page.RunAndWaitForResponseAsync(
            () => form.GetByRole(AriaRole.Button, new() { Name = "Registrar movimiento" }).ClickAsync(),
            r => r.Url.Contains("handler=Movimiento"));
        Assert.Equal(422, rechazo.Status);
        await Expect(Page.Locator("#caja-movimientos .field-validation-error")).ToContainTextAsync("Ingresá un importe válido");
        await Expect(Page.Locator("#caja-movimientos-tabla tbody tr")).ToHaveCountAsync(2);
        await Expect(Page.Locator("#caja-movimientos form").GetByLabel("Descripción")).ToHaveValueAsync("Mal tipeado");
        AssertNoExpected(egreso, "11234.56");
        AssertNoExpected(egreso, "12345.67");

        // Neither the rendered page nor the raw source the server sends.
        AssertNoExpected(await Page.ContentAsync(), "11234.56");
        var fuente = await Page.APIRequest.GetAsync("/caja");
        Assert.Equal(200, fuente.Status);
        AssertNoExpected(await fuente.TextAsync(), "11234.56");
        var arqueo = await Page.APIRequest.GetAsync("/caja/arqueo");
        AssertNoExpected(await arqueo.TextAsync(), "11234.56");

        // A cashier's own open session has no detail page yet, and the supervisor's list is not theirs.
        var sesionId = await Page.Locator("input[name='Movimiento.SesionCajaId']").InputValueAsync();
        await Page.GotoAsync($"/caja/sesiones/{sesionId}");
        await Expect(Page).ToHaveURLAsync(new Regex("/caja$"));
        await Expect(Page.Locator(".alert-warning:visible")).ToContainTextAsync("después del arqueo");
        await Page.GotoAsync("/caja/sesiones");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "No tenés permiso para ver esta página" })).ToBeVisibleAsync();
        await Page.GotoAsync($"/caja/sesiones/{sesionId}/reporte?formato=a4");
        await Expect(Page.Locator(".reporte-aviso")).ToContainTextAsync("El reporte de cierre está disponible después del arqueo.");

        // Another cashier of the same punto de venta is told why they cannot open.
        var otro = await (await NewContextAsync()).NewPageAsync();
        await LoginAsync(otro, "caja.beto2", "clave-1234");
        await otro.GotoAsync("/caja");
        await otro.GetByLabel("Monto inicial en efectivo ($)").FillAsync("500");
        await otro.GetByRole(AriaRole.Button, new() { Name = "Abrir caja" }).ClickAsync();
        await Expect(otro.Locator(".alert-error")).ToHaveTextAsync("El punto de venta 12 ya tiene una caja abierta por otro usuario.");
    }

    [Fact]
    public async Task A_supervisor_finds_a_critical_session_justifies_it_and_closes_it()
    {
        await PersonalAsync();
        AcceptDialogs(Page);
        await LoginAsync(Page, "caja.carla", "clave-1234");
        await Page.GotoAsync("/caja");
        await Page.GetByLabel("Monto inicial en efectivo ($)").FillAsync("1000");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Abrir caja" }).ClickAsync();
        await RegistrarMovimientoAsync(Page, "Ingreso", "500", "Cobro con posnet", metodo: "debito");

        // Expected 1.000 cash + 500 debit; declared 100 + 500: -900, -60 %: critical, left for a supervisor.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Hacer arqueo ciego" }).ClickAsync();
        await Page.GetByLabel("Efectivo ($)").FillAsync("100");
        await Page.GetByLabel("Débito ($)").FillAsync("500");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Declarar arqueo" }).ClickAsync();
        var veredicto = Page.Locator(".desvio-veredicto");
        await Expect(veredicto).ToHaveAttributeAsync("data-clasificacion", "critico");
        await Expect(veredicto.Locator(".desvio-pct")).ToHaveTextAsync("-60,00 %");
        await Expect(veredicto.Locator(".desvio-badge")).ToHaveTextAsync("Crítico");
        await Expect(veredicto).ToHaveCSSAsync("color", "rgb(145, 32, 24)"); // --c-danger-dark
        await Expect(veredicto.Locator(".desvio-estado")).ToHaveTextAsync(new Regex(@"Pendiente de cierre:\s+un supervisor debe justificar el desvío\."));
        await ScreenshotAsync(Page, "caja-arqueo-critico");

        // The supervisor finds it in the list filtered by state (htmx swaps the table only).
        var sup = await (await NewContextAsync()).NewPageAsync();
        AcceptDialogs(sup);
        await LoginAsync(sup, "sup.sara", "clave-1234");
        await sup.GotoAsync("/caja"); // the supervisor's own till: blind for them too while it is open
        await sup.GetByLabel("Monto inicial en efectivo ($)").FillAsync("750");
        await sup.GetByRole(AriaRole.Button, new() { Name = "Abrir caja" }).ClickAsync();
        await Expect(sup.GetByRole(AriaRole.Heading, new() { Name = "Caja actual" })).ToBeVisibleAsync();
        await sup.Locator(".mainnav").GetByRole(AriaRole.Link, new() { Name = "Sesiones de caja" }).ClickAsync();
        await Expect(sup.GetByRole(AriaRole.Heading, new() { Name = "Sesiones de caja" })).ToBeVisibleAsync();
        await Expect(sup.Locator(".mainnav a[aria-current='page']")).ToHaveTextAsync("Sesiones de caja");
        var propia = sup.Locator("#sesiones-tabla tbody tr", new() { HasText = "sup.sara" });
        await Expect(propia.Locator("td").Nth(4)).ToHaveTextAsync("$ 750,00");
        await Expect(propia.Locator("td").Nth(5)).ToHaveTextAsync("—");
        await ScreenshotsAsync(sup, "caja-sesiones");
        await sup.GetByLabel("Estado").SelectOptionAsync("pendiente_cierre");
        await Expect(sup).ToHaveURLAsync(new Regex("estado=pendiente_cierre"));
        var fila = sup.Locator("#sesiones-tabla tbody tr", new() { HasText = "caja.carla" });
        await Expect(fila).ToHaveCountAsync(1);
        await Expect(sup.Locator("#sesiones-tabla .estado-abierta, #sesiones-tabla .estado-cerrada")).ToHaveCountAsync(0);
        await Expect(fila.Locator(".desvio-celda")).ToHaveClassAsync(new Regex("desvio-critico"));
        await Expect(fila).ToContainTextAsync("-$ 900,00");
        await ScreenshotAsync(sup, "caja-sesiones-filtradas");

        // Justify: required, then recorded with the supervisor's name.
        await fila.GetByRole(AriaRole.Link, new() { Name = "Ver" }).ClickAsync();
        await Expect(sup.GetByRole(AriaRole.Heading, new() { Name = "Justificar y cerrar" })).ToBeVisibleAsync();
        await ScreenshotAsync(sup, "caja-sesion-pendiente");
        await sup.GetByRole(AriaRole.Button, new() { Name = "Justificar y cerrar" }).ClickAsync();
        await Expect(sup.Locator(".field-validation-error")).ToContainTextAsync("Escribí la justificación");
        await sup.GetByLabel("Justificación").FillAsync("Faltante por un vuelto mal dado; la cajera lo repone.");
        await sup.GetByRole(AriaRole.Button, new() { Name = "Justificar y cerrar" }).ClickAsync();
        await Expect(sup.Locator(".alert-success")).ToContainTextAsync("Desvío justificado: la caja quedó cerrada.");
        await Expect(sup.Locator("#sesion-estado")).ToHaveTextAsync("Cerrada");
        await Expect(sup.Locator("#sesion-cerrada-por")).ToContainTextAsync("sup.sara");
        await Expect(sup.Locator("#sesion-resumen")).ToContainTextAsync("Justificación: Faltante por un vuelto mal dado");
        await Expect(sup.GetByRole(AriaRole.Heading, new() { Name = "Justificar y cerrar" })).ToHaveCountAsync(0);
        await ScreenshotAsync(sup, "caja-sesion-justificada");

        // The list shows it closed, by whom.
        await sup.GotoAsync("/caja/sesiones?estado=cerrada");
        await Expect(sup.Locator("#sesiones-tabla tbody tr", new() { HasText = "caja.carla" })).ToContainTextAsync("por sup.sara");

        // A cashier who left without counting: the supervisor counts and closes that session, whatever the deviation.
        var ceci = await (await NewContextAsync()).NewPageAsync();
        await LoginAsync(ceci, "caja.ceci", "clave-1234");
        await ceci.GotoAsync("/caja");
        await ceci.GetByLabel("Monto inicial en efectivo ($)").FillAsync("3000");
        await ceci.GetByRole(AriaRole.Button, new() { Name = "Abrir caja" }).ClickAsync();
        await Expect(ceci.GetByRole(AriaRole.Heading, new() { Name = "Caja actual" })).ToBeVisibleAsync();

        await sup.GotoAsync("/caja/sesiones?estado=abierta");
        await sup.GetByLabel("Usuario").SelectOptionAsync(new SelectOptionValue { Label = "caja.ceci (Usuario caja.ceci)" });
        await Expect(sup.Locator("#sesiones-tabla tbody tr")).ToHaveCountAsync(1);
        await Expect(sup.Locator("#sesiones-tabla tbody tr td").Nth(5)).ToContainTextAsync("$ 3.000,00"); // live, for a supervisor
        await sup.Locator("#sesiones-tabla").GetByRole(AriaRole.Link, new() { Name = "Ver" }).ClickAsync();
        await Expect(sup.GetByRole(AriaRole.Heading, new() { Name = "Cerrar caja de otro usuario" })).ToBeVisibleAsync();
        var cierre = sup.Locator("#cerrar");
        await cierre.GetByLabel("Efectivo ($)").FillAsync("2.990,50");
        await cierre.GetByLabel("Observaciones").FillAsync("La cajera se retiró sin cerrar; conté la caja con el encargado.");
        await cierre.GetByRole(AriaRole.Button, new() { Name = "Cerrar caja" }).ClickAsync();
        await Expect(sup.Locator(".alert-success")).ToContainTextAsync("Caja cerrada con el arqueo declarado.");
        await Expect(sup.Locator("#sesion-estado")).ToHaveTextAsync("Cerrada");
        await Expect(sup.Locator("#sesion-cerrada-por")).ToContainTextAsync("sup.sara");
        await Expect(sup.Locator("#sesion-arqueo .desvio-veredicto")).ToHaveAttributeAsync("data-clasificacion", "normal"); // -9,50 of 3.000
        await Expect(sup.Locator("#sesion-arqueo [data-total-declarado]")).ToHaveTextAsync("$ 2.990,50");

        // Its cashier, still on the old page, tries one more movement: refused, and the page moves on to «Abrir caja».
        var tarde = ceci.Locator("#caja-movimientos form");
        await tarde.GetByLabel("Monto ($)").FillAsync("100");
        await tarde.GetByLabel("Descripción").FillAsync("Llegó tarde");
        await tarde.GetByRole(AriaRole.Button, new() { Name = "Registrar movimiento" }).ClickAsync();
        await Expect(ceci.GetByRole(AriaRole.Heading, new() { Name = "Abrir caja" })).ToBeVisibleAsync();
        await Expect(ceci.Locator(".alert-warning:visible")).ToContainTextAsync("La caja no está abierta");
        // And may read the counted session.
        await ceci.GotoAsync(sup.Url);
        await Expect(ceci.Locator("#sesion-cerrada-por")).ToContainTextAsync("sup.sara");
        await Expect(ceci.Locator("#cerrar, #justificar")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_closing_report_renders_for_an_80mm_printer_and_for_a4()
    {
        await PersonalAsync();
        var errores = ConsoleErrors(Page);
        AcceptDialogs(Page);
        await LoginAsync(Page, "caja.dani", "clave-1234");
        await Page.GotoAsync("/caja");
        await Page.GetByLabel("Monto inicial en efectivo ($)").FillAsync("2000");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Abrir caja" }).ClickAsync();
        await RegistrarMovimientoAsync(Page, "Egreso", "300", "Compra de bolsas");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Hacer arqueo ciego" }).ClickAsync();
        await Page.GetByLabel("Efectivo ($)").FillAsync("1700");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Declarar arqueo" }).ClickAsync();
        await Expect(Page.Locator(".desvio-veredicto")).ToHaveAttributeAsync("data-clasificacion", "normal");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Reporte 80 mm" }).ClickAsync();
        await Expect(Page.Locator("body")).ToHaveClassAsync(new Regex("reporte-80mm"));
        var hoja = Page.Locator("#reporte");
        await Expect(hoja.GetByRole(AriaRole.Heading, new() { Name = "Cierre de caja" })).ToBeVisibleAsync();
        await Expect(hoja.Locator(".reporte-comercio")).ToHaveTextAsync("Kiosco BlendPOS");
        await Expect(hoja).ToContainTextAsync("caja.dani");
        // The roll carries totals per kind; the list of movements is on A4 (or «Con movimientos»).
        await Expect(hoja.Locator("[data-reporte-por-tipo] tr[data-tipo='EgresoManual']")).ToContainTextAsync(BlendPos.Domain.Money.Format(-300m));
        await Expect(hoja).Not.ToContainTextAsync("Compra de bolsas");
        await Expect(hoja.Locator(".reporte-desvio")).ToContainTextAsync("Normal");
        await Expect(hoja).ToHaveCSSAsync("font-family", new Regex("mono", RegexOptions.IgnoreCase));
        var ancho = (await hoja.BoundingBoxAsync())!.Width;
        Assert.InRange(ancho, 295, 310); // 80 mm at 96 dpi ≈ 302 px
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Imprimir" })).ToBeVisibleAsync();
        await ScreenshotAsync(Page, "caja-reporte-80mm");
        var (ancho80, _) = await PdfPageSizeMmAsync(Page, "caja-reporte-80mm");
        Assert.InRange(ancho80, 79, 81);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Ver en A4" }).ClickAsync();
        await Expect(Page.Locator("body")).ToHaveClassAsync(new Regex("reporte-a4"));
        await Expect(hoja.Locator(".reporte-tabla").First).ToContainTextAsync("Efectivo");
        await Expect(hoja.Locator(".reporte-tabla").First).ToContainTextAsync("$ 1.700,00");
        await Expect(hoja).ToContainTextAsync("Firma del supervisor");
        await Expect(hoja).ToContainTextAsync("Compra de bolsas");
        await ScreenshotAsync(Page, "caja-reporte-a4");
        var (anchoA4, altoA4) = await PdfPageSizeMmAsync(Page, "caja-reporte-a4");
        Assert.InRange(anchoA4, 209, 211);
        Assert.InRange(altoA4, 296, 298);

        // «Imprimir» opens the print dialog through caja.js (no inline handler).
        await Page.EvaluateAsync("() => { window.__impreso = false; window.print = () => { window.__impreso = true; }; }");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Imprimir" }).ClickAsync();
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__impreso"));
        Assert.Empty(errores);
    }

    // ── helpers ──────────────────────────────────────────────────────────────────────────────────────────────

    /// <summary>Records a manual movement through the htmx form and returns the body of its htmx answer.</summary>
    private static async Task<string> RegistrarMovimientoAsync(IPage page, string tipo, string monto, string descripcion,
        string metodo = "efectivo")
    {
        var form = page.Locator("#caja-movimientos form");
        await form.GetByRole(AriaRole.Radio, new() { Name = tipo }).CheckAsync();
        await form.GetByLabel("Monto ($)").FillAsync(monto);
        await form.GetByLabel("Medio de pago").SelectOptionAsync(metodo);
        await form.GetByLabel("Descripción").FillAsync(descripcion);
        var response = await page.RunAndWaitForResponseAsync(
            () => form.GetByRole(AriaRole.Button, new() { Name = "Registrar movimiento" }).ClickAsync(),
            r => r.Url.Contains("handler=Movimiento") && r.Request.Method == "POST");
        Assert.Equal(200, response.Status);
        Assert.Equal("true", await response.Request.HeaderValueAsync("hx-request"));
        var body = await response.TextAsync();
        await Expect(page.Locator("#caja-movimientos-tabla")).ToContainTextAsync(descripcion);
        return body;
    }

    /// <summary>The expected amount in none of its spellings: "$ 11.234,56", "11.234,56", "11234,56", "11234.56".</summary>
    private static void AssertNoExpected(string html, string invariant)
    {
        var value = decimal.Parse(invariant, System.Globalization.CultureInfo.InvariantCulture);
        var esAr = BlendPos.Domain.Money.FormatPlain(value);
        foreach (var spelling in new[] { "$ " + esAr, esAr, esAr.Replace(".", ""), invariant })
            Assert.DoesNotContain(spelling, html);
    }

    private async Task ScreenshotsAsync(IPage page, string name)
    {
        foreach (var (width, height) in Pantallas)
        {
            await page.SetViewportSizeAsync(width, height);
            await ScreenshotAsync(page, $"{name}-{width}");
        }
    }

    /// <summary>
    /// Prints the page to PDF with its CSS @page size (saved beside the screenshots) and reads the first page's size in
    /// millimetres from the MediaBox, which Chromium writes in clear text.
    /// </summary>
    private static async Task<(double Width, double Height)> PdfPageSizeMmAsync(IPage page, string name)
    {
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var pdf = await page.PdfAsync(new()
        {
            PreferCSSPageSize = true, PrintBackground = true, Path = SharedBrowser.ScreenshotPath(name).Replace(".png", ".pdf"),
        });
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        var box = Regex.Match(System.Text.Encoding.Latin1.GetString(pdf), @"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]");
        Assert.True(box.Success, "the PDF has no MediaBox");
        static double Mm(string pt) => double.Parse(pt, System.Globalization.CultureInfo.InvariantCulture) * 25.4 / 72;
        return (Mm(box.Groups[1].Value), Mm(box.Groups[2].Value));
    }

    private static List<string> AcceptDialogs(IPage page)
    {
        var messages = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            messages.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        return messages;
    }

    private static List<string> ConsoleErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, msg) =>
        {
            if (msg.Type == "error") errors.Add(msg.Text);
        };
        page.PageError += (_, error) => errors.Add(error);
        return errors;
    }
}
