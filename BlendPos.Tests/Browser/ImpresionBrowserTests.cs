using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BlendPos.Domain;
using BlendPos.Tests.Infrastructure;
using Microsoft.Playwright;
using static BlendPos.Tests.Browser.PosOfflineKit;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>A Kestrel app whose shop is configured (BLENDPOS_SHOP_*), as a real receipt header needs.</summary>
public sealed class ImpresionAppFixture : AppFixture
{
    public const string Nombre = "Kiosco La Esquina";
    public const string RazonSocial = "La Esquina de Palermo S.R.L.";
    public const string Domicilio = "Av. Santa Fe 3456, CABA";
    public const string Cuit = "30712345671";
    public const string CuitImpreso = "30-71234567-1";
    public const string Iva = "Responsable Inscripto";

    protected override bool Kestrel => true;

    protected override BlendPosApp CreateApp(TestDatabase db) => new(db, kestrel: true, settings: new Dictionary<string, string?>
    {
        ["BLENDPOS_SHOP_NAME"] = Nombre, ["BLENDPOS_SHOP_RAZON_SOCIAL"] = RazonSocial, ["BLENDPOS_SHOP_ADDRESS"] = Domicilio,
        ["BLENDPOS_SHOP_CUIT"] = Cuit, ["BLENDPOS_SHOP_IVA"] = Iva,
    });
}

/// <summary>
/// What leaves the printer (issue 15): the receipt inside the printable width of an 80 mm roll (72 mm) and of a 58 mm
/// one (48 mm), measured in Chromium with print media — long names wrap, no amount is cut or wrapped — with the shop's
/// name, razón social, address, CUIT and IVA condition on top; and the drawer's closing report on 80 mm with totals per
/// kind of movement and sales per method (the movement list only on A4, or on 80 mm when asked).
/// </summary>
public sealed class ImpresionBrowserTests(ImpresionAppFixture fx) : IClassFixture<ImpresionAppFixture>, IAsyncLifetime
{
    private const string NombreLargo = "Galletitas Surtidas Rellenas Sabor Dulce de Leche y Chocolate Edición Familiar";
    private const string NombreSinEspacios = "AlfajorTripleDeChocolateConDulceDeLecheXL";
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        var browser = await SharedBrowser.GetAsync();
        _context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fx.App.BaseAddress.ToString().TrimEnd('/'), Locale = "es-AR", TimezoneId = "America/Argentina/Buenos_Aires",
            ViewportSize = new ViewportSize { Width = 900, Height = 900 },
        });
        _context.SetDefaultTimeout(10_000);
        _page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    /// <summary>
    /// A cashier's counted drawer: one big sale (long names, amounts of 15 digits, cash with change and debit), one
    /// sale voided by the admin, one egreso; declared exactly. Returns the big sale and the session.
    /// </summary>
    private async Task<(Guid Venta, Guid Sesion)> CajaContadaAsync(string usuario, int puntoDeVenta)
    {
        using var admin = await fx.App.AdminAsync();
        var sesion = await CajeroConCajaAsync(fx.App, admin, usuario, puntoDeVenta);
        var caro = await ProductoAsync(admin, NombreLargo, 4_999_999.99m, 10);
        var alfajor = await ProductoAsync(admin, NombreSinEspacios, 1250.50m, 10);
        using var cajero = await fx.App.ClientAsAsync(usuario, Clave);
        async Task<JsonElement> Vender(object[] items, params object[] pagos) =>
            await (await cajero.PostAsJsonAsync("/v1/ventas", new { sesion_caja_id = sesion, items, pagos })).ShouldBeAsync(HttpStatusCode.Created);
        var grande = await Vender(
            [new { barcode = caro.Codigo, cantidad = 3 }, new { barcode = alfajor.Codigo, cantidad = 2 }],
            new { metodo = "efectivo", monto = 10_000_100m }, new { metodo = "debito", monto = 5_002_500.97m });
        Assert.Equal(15_002_500.97m, grande.GetProperty("total").GetDecimal());
        var anulada = await Vender([new { barcode = alfajor.Codigo, cantidad = 1 }], new { metodo = "debito", monto = 1250.50m });
        await (await admin.PostAsJsonAsync($"/v1/ventas/{anulada.GetProperty("id").GetGuid()}/anular", new { motivo = "Error de carga" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        await (await cajero.PostAsJsonAsync("/v1/caja/movimiento", new
        {
            sesion_caja_id = sesion, tipo = "egreso_manual", metodo_pago = "efectivo", monto = 300m, descripcion = "Compra de bolsas",
        })).ShouldBeAsync(HttpStatusCode.Created);
        await (await cajero.PostAsJsonAsync("/v1/caja/arqueo", new
        {
            sesion_caja_id = sesion, declaracion = new { efectivo = 10_009_700m, debito = 5_002_500.97m, credito = 0m, transferencia = 0m },
        })).ShouldBeAsync(HttpStatusCode.OK);
        await IngresarAsync(_page, usuario);
        return (grande.GetProperty("id").GetGuid(), sesion);
    }

    /// <summary>What of the sheet falls outside its content box (the printable width), or is an amount that wrapped.</summary>
    public sealed class Medida
    {
        public double AnchoMm { get; set; }
        public string[] Fuera { get; set; } = [];
        public string[] Partidos { get; set; } = [];
    }

    private static Task<Medida> MedirAsync(IPage page, string hoja, string montos) => page.EvaluateAsync<Medida>("""
        ([hoja, montos]) => {
          const h = document.querySelector(hoja);
          const cs = getComputedStyle(h);
          const r = h.getBoundingClientRect();
          const izq = r.left + parseFloat(cs.paddingLeft), der = r.right - parseFloat(cs.paddingRight);
          const fuera = [], partidos = [];
          for (const el of h.querySelectorAll('*')) {
            const b = el.getBoundingClientRect();
            if (b.width === 0 || el.closest('thead')) continue;
            if (b.left < izq - 0.5 || b.right > der + 0.5 || el.scrollWidth > el.clientWidth + 1)
              fuera.push(`${el.tagName}.${el.className}: «${el.textContent.trim().slice(0, 40)}» ${b.left.toFixed(1)}..${b.right.toFixed(1)} in ${izq.toFixed(1)}..${der.toFixed(1)}`);
          }
          for (const el of h.querySelectorAll(montos)) {
            const rg = document.createRange();
            rg.selectNodeContents(el);
            const lineas = new Set([...rg.getClientRects()].map((x) => Math.round(x.top)));
            if (lineas.size > 1) partidos.push(el.textContent.trim());
          }
          return { AnchoMm: (der - izq) * 25.4 / 96, Fuera: fuera, Partidos: partidos };
        }
        """, new[] { hoja, montos });

    /// <summary>
    /// Print media; with <paramref name="anchoImprimibleMm"/>, the viewport is the printed page's content box (the report
    /// prints at the page's width, inside the @page margins, which emulation alone does not apply).
    /// </summary>
    private async Task EnPapelAsync(string captura, double? anchoImprimibleMm = null)
    {
        if (anchoImprimibleMm is { } mm) await _page.SetViewportSizeAsync((int)Math.Round(mm * 96 / 25.4), 900);
        await _page.EmulateMediaAsync(new() { Media = Media.Print });
        if (anchoImprimibleMm is null) // the receipt keeps its paper width in print: only the sheet is of interest
            await _page.Locator("#ticket").ScreenshotAsync(new() { Path = SharedBrowser.ScreenshotPath(captura) });
        else
            await _page.ScreenshotAsync(new() { Path = SharedBrowser.ScreenshotPath(captura), FullPage = true });
    }

    [Fact]
    public async Task The_receipt_fits_the_printable_width_of_80_and_58_mm_rolls_with_the_shops_header()
    {
        var (venta, _) = await CajaContadaAsync("imp.ana", 91);

        foreach (var (ancho, imprimible, url) in new[] { (80, 72.0, $"/ventas/{venta}/ticket"), (58, 48.0, $"/ventas/{venta}/ticket?ancho=58") })
        {
            await _page.EmulateMediaAsync(new() { Media = Media.Screen });
            await _page.GotoAsync(url);
            var ticket = _page.Locator("#ticket");
            var cabecera = ticket.Locator(".ticket-cabecera");
            await Expect(cabecera.Locator("[data-comercio='nombre']")).ToHaveTextAsync(ImpresionAppFixture.Nombre);
            await Expect(cabecera.Locator("[data-comercio='razon-social']")).ToHaveTextAsync(ImpresionAppFixture.RazonSocial);
            await Expect(cabecera.Locator("[data-comercio='domicilio']")).ToHaveTextAsync(ImpresionAppFixture.Domicilio);
            await Expect(cabecera.Locator("[data-comercio='cuit']")).ToHaveTextAsync("CUIT " + ImpresionAppFixture.CuitImpreso);
            await Expect(cabecera.Locator("[data-comercio='iva']")).ToHaveTextAsync("IVA " + ImpresionAppFixture.Iva);
            await Expect(ticket.Locator("[data-ticket-total]")).ToHaveTextAsync(Money.Format(15_002_500.97m));
            await Expect(ticket).ToContainTextAsync(NombreLargo);
            await Expect(ticket).ToContainTextAsync(Money.Format(14_999_999.97m));

            await EnPapelAsync($"ticket-{ancho}mm");
            var m = await MedirAsync(_page, "#ticket", ".ticket-monto, .ticket-totales dd");
            Assert.InRange(m.AnchoMm, imprimible - 0.5, imprimible + 0.1);
            Assert.True(m.Fuera.Length == 0, $"{ancho} mm: outside the printable width: {string.Join(" | ", m.Fuera)}");
            Assert.True(m.Partidos.Length == 0, $"{ancho} mm: amounts split over lines: {string.Join(" | ", m.Partidos)}");
        }
    }

    [Fact]
    public async Task The_closing_report_on_80_mm_shows_totals_per_kind_and_per_method_and_the_list_only_when_asked()
    {
        var (_, sesion) = await CajaContadaAsync("imp.beto", 92);

        await _page.GotoAsync($"/caja/sesiones/{sesion}/reporte?formato=80mm");
        var hoja = _page.Locator("#reporte");
        var tipos = hoja.Locator("[data-reporte-por-tipo]");
        await Expect(tipos.Locator("tr[data-tipo='Venta']")).ToContainTextAsync(new Regex(@"Ventas\s*2\s*" + Regex.Escape(Money.Format(15_003_751.47m))));
        await Expect(tipos.Locator("tr[data-tipo='Anulacion']")).ToContainTextAsync(new Regex(@"Anulaciones\s*1\s*" + Regex.Escape(Money.Format(-1250.50m))));
        await Expect(tipos.Locator("tr[data-tipo='IngresoManual']")).ToContainTextAsync(new Regex(@"Ingresos\s*0\s*" + Regex.Escape(Money.Format(0m))));
        await Expect(tipos.Locator("tr[data-tipo='EgresoManual']")).ToContainTextAsync(new Regex(@"Egresos\s*1\s*" + Regex.Escape(Money.Format(-300m))));
        var medios = hoja.Locator("[data-reporte-ventas-por-medio]");
        await Expect(medios.Locator("tr[data-metodo='Efectivo']")).ToContainTextAsync(Money.Format(10_000_000m));
        await Expect(medios.Locator("tr[data-metodo='Debito']")).ToContainTextAsync(Money.Format(5_002_500.97m));
        await Expect(medios.Locator("tr[data-metodo='Credito']")).ToContainTextAsync(Money.Format(0m));
        await Expect(medios.Locator("tfoot")).ToContainTextAsync(Money.Format(15_002_500.97m));
        // No list of movements on the roll by default: it says where the list is.
        await Expect(hoja.Locator("[data-sin-lista]")).ToBeVisibleAsync();
        await Expect(hoja).Not.ToContainTextAsync("Compra de bolsas");
        await EnPapelAsync("caja-reporte-80mm-totales", 72);
        var m = await MedirAsync(_page, "#reporte", ".reporte-kv td, .reporte-mov-linea > :last-child");
        Assert.True(m.Fuera.Length == 0, $"80 mm report: outside the printable width: {string.Join(" | ", m.Fuera)}");
        Assert.True(m.Partidos.Length == 0, $"80 mm report: amounts split: {string.Join(" | ", m.Partidos)}");
        Assert.InRange(m.AnchoMm, 71.5, 72.1);

        await _page.EmulateMediaAsync(new() { Media = Media.Screen });
        await _page.SetViewportSizeAsync(900, 900);
        await _page.GetByRole(AriaRole.Link, new() { Name = "Con movimientos" }).ClickAsync();
        await Expect(hoja.Locator(".reporte-movimientos li")).ToHaveCountAsync(5); // 2 sales (3 payments) … as movements
        await Expect(hoja).ToContainTextAsync("Compra de bolsas");
        await EnPapelAsync("caja-reporte-80mm-con-movimientos", 72);
        var conLista = await MedirAsync(_page, "#reporte", ".reporte-kv td, .reporte-mov-linea > :last-child");
        Assert.True(conLista.Fuera.Length == 0, $"80 mm report with movements: outside: {string.Join(" | ", conLista.Fuera)}");

        await _page.EmulateMediaAsync(new() { Media = Media.Screen });
        await _page.SetViewportSizeAsync(900, 900);
        await _page.GotoAsync($"/caja/sesiones/{sesion}/reporte?formato=a4");
        await Expect(hoja.Locator("[data-reporte-por-tipo] tr[data-tipo='Venta']")).ToContainTextAsync(Money.Format(15_003_751.47m));
        await Expect(hoja.Locator("[data-reporte-movimientos] tbody tr")).ToHaveCountAsync(5);
        await Expect(hoja).ToContainTextAsync("Compra de bolsas");
        await EnPapelAsync("caja-reporte-a4-totales", 178); // A4 inside 16 mm side margins
    }
}
