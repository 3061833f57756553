using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BlendPos.Domain;
using BlendPos.Domain.Catalogo;
using BlendPos.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>A Kestrel app with quick password hashing: this class creates and signs in several users.</summary>
public sealed class VentasBrowserFixture : AppFixture
{
    protected override bool Kestrel => true;

    protected override BlendPosApp CreateApp(TestDatabase db) => new(db, kestrel: true, configure: BlendPosApp.QuickPasswordHashing);
}

/// <summary>
/// The sales list (/ventas) in a real browser: a cashier's own open session (tickets, no totals), and a supervisor filtering by
/// cajero and estado, voiding from the list (required reason, totals update), a stale second void refused in Spanish,
/// and the reprint link. Data comes through /v1 (admin products, cashiers' sessions and sales); each test has its own
/// cashiers and puntos de venta.
/// </summary>
public sealed class VentasBrowserTests(VentasBrowserFixture fx) : IClassFixture<VentasBrowserFixture>, IAsyncLifetime
{
    private const string Clave = "clave-1234";
    private static readonly (int Width, int Height)[] Pantallas = [(1280, 800), (1024, 768)];
    private static int _seq;

    private BlendPosApp App => fx.App;
    private IBrowserContext Context { get; set; } = null!;
    private IPage Page { get; set; } = null!;

    public async Task InitializeAsync()
    {
        var browser = await SharedBrowser.GetAsync();
        Context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString().TrimEnd('/'), Locale = "es-AR", TimezoneId = "America/Argentina/Buenos_Aires",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        Context.SetDefaultTimeout(10_000);
        // The receipt calls print on load; record it instead of opening a dialog.
        await Context.AddInitScriptAsync("window.print = () => { window.__impreso = (window.__impreso || 0) + 1; };");
        Page = await Context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        var errors = App.Logs.Errors;
        if (errors.Length > 0)
            await File.AppendAllTextAsync(SharedBrowser.ScreenshotPath("server-errors").Replace(".png", ".log"),
                $"--- {GetType().Name} {DateTime.Now:HH:mm:ss}\n{errors}\n");
    }

    private sealed record Cajero(string Usuario, HttpClient Api, Guid Sesion);

    private static string Ean13() { var d = $"7799{Interlocked.Increment(ref _seq):D8}"; return d + Gtin.ComputeCheckDigit(d); }

    private static async Task<string> ProductoAsync(HttpClient admin, string nombre, decimal precio)
    {
        var codigo = Ean13();
        await (await admin.PostAsJsonAsync("/v1/productos", new
        {
            codigo_barras = codigo, nombre, categoria = "Almacén", precio_costo = Math.Round(precio * 0.6m, 2), precio_venta = precio, stock_actual = 100,
        })).ShouldBeAsync(HttpStatusCode.Created);
        return codigo;
    }

    private async Task<Cajero> CajeroAsync(string usuario, int pdv)
    {
        await App.CreateUserAsync(usuario, "cajero", Clave, pdv);
        var api = await App.ClientAsAsync(usuario, Clave);
        var sesion = await (await api.PostAsJsonAsync("/v1/caja/abrir", new { monto_inicial = 1000m })).ShouldBeAsync(HttpStatusCode.Created);
        return new Cajero(usuario, api, sesion.GetProperty("id").GetGuid());
    }

    private static async Task VenderAsync(Cajero c, string codigo, int cantidad, params (string Metodo, decimal Monto)[] pagos) =>
        await (await c.Api.PostAsJsonAsync("/v1/ventas", new
        {
            sesion_caja_id = c.Sesion, items = new[] { new { barcode = codigo, cantidad } },
            pagos = pagos.Select(p => new { metodo = p.Metodo, monto = p.Monto }).ToArray(),
        })).ShouldBeAsync(HttpStatusCode.Created);

    private async Task LoginAsync(IPage page, string usuario)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("Usuario").FillAsync(usuario);
        await page.GetByLabel("Contraseña").FillAsync(Clave);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/login"));
    }

    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = SharedBrowser.ScreenshotPath(name), FullPage = true });

    private static async Task ScreenshotsAsync(IPage page, string name)
    {
        foreach (var (width, height) in Pantallas)
        {
            await page.SetViewportSizeAsync(width, height);
            await ScreenshotAsync(page, $"{name}-{width}");
        }
        await page.SetViewportSizeAsync(1280, 800);
    }

    private static ILocator Fila(IPage page, string ticket) => page.Locator($"#ventas-tabla tbody tr[data-ticket='{ticket}']");

    [Fact]
    public async Task A_cashier_sees_only_their_sessions_sales_without_totals_while_open_and_reprints_a_receipt()
    {
        using var admin = await App.AdminAsync();
        var alfajor = await ProductoAsync(admin, "Alfajor Triple", 1250.50m);
        var yerba = await ProductoAsync(admin, "Yerba Playadito 500 g", 3400m);
        var ana = await CajeroAsync("vb.ana", 51);
        var beto = await CajeroAsync("vb.beto", 52);
        await VenderAsync(ana, alfajor, 2, ("efectivo", 3000m));                  // 2.501,00, change 499
        await VenderAsync(ana, yerba, 1, ("debito", 2000m), ("efectivo", 1400m)); // 3.400,00
        await VenderAsync(beto, yerba, 3, ("credito", 10200m));

        await LoginAsync(Page, "vb.ana");
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Principal" }).GetByRole(AriaRole.Link, new() { Name = "Ventas" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/ventas$"));
        await Expect(Page.Locator("#ventas-tabla tbody tr")).ToHaveCountAsync(2);
        await Expect(Fila(Page, "0051-00000002")).ToContainTextAsync("$ 3.400,00");
        await Expect(Fila(Page, "0051-00000002")).ToContainTextAsync("Efectivo · Débito");
        await Expect(Fila(Page, "0051-00000001")).ToContainTextAsync("$ 2.501,00");
        await Expect(Page.Locator("#ventas-tabla")).Not.ToContainTextAsync("0052-");
        // Her drawer is still open: no sums until the blind count (ConteoCiegoBrowserTests shows them after it).
        await Expect(Page.Locator("[data-total]")).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-totales-ocultos]")).ToHaveTextAsync("Los totales se ven después del arqueo ciego.");
        await Expect(Page.Locator("#ventas-tabla summary")).ToHaveCountAsync(0); // no «Anular» for a cashier
        await Expect(Page.Locator("#sesion")).ToHaveValueAsync(ana.Sesion.ToString());
        await ScreenshotsAsync(Page, "ventas-cajero");

        var ticket = await Page.RunAndWaitForPopupAsync(() =>
            Fila(Page, "0051-00000001").GetByRole(AriaRole.Link, new() { Name = "Reimprimir" }).ClickAsync());
        await Expect(ticket.Locator("[data-ticket-numero]")).ToHaveTextAsync("0051-00000001");
        Assert.Matches(new Regex(@"/ventas/[0-9a-f-]{36}/ticket\?print=1$"), ticket.Url);
        await ticket.WaitForFunctionAsync("() => window.__impreso === 1");
    }

    [Fact]
    public async Task A_supervisor_filters_voids_from_the_list_and_a_second_void_is_refused()
    {
        using var admin = await App.AdminAsync();
        var gaseosa = await ProductoAsync(admin, "Gaseosa Cola 1,5 l", 2100m);
        var carla = await CajeroAsync("vb.carla", 61);
        var dani = await CajeroAsync("vb.dani", 62);
        await VenderAsync(carla, gaseosa, 1, ("efectivo", 2100m));
        await VenderAsync(carla, gaseosa, 2, ("transferencia", 4200m));
        await VenderAsync(dani, gaseosa, 1, ("debito", 2100m));
        await App.CreateUserAsync("vb.sara", "supervisor", Clave);

        await LoginAsync(Page, "vb.sara");
        await Page.GotoAsync("/ventas");
        // Everyone's sales (the class shares its database with the cashier test).
        await Expect(Fila(Page, "0061-00000002")).ToBeVisibleAsync();
        await Expect(Fila(Page, "0062-00000001")).ToBeVisibleAsync();
        await Expect(Fila(Page, "0062-00000001")).ToContainTextAsync("vb.dani");
        await Page.GetByLabel("Cajero").SelectOptionAsync(new SelectOptionValue { Label = "vb.carla" });
        await Expect(Page.Locator("#ventas-tabla tbody tr")).ToHaveCountAsync(2);
        await Expect(Page).ToHaveURLAsync(new Regex("usuario="));
        await Expect(Page.Locator("[data-total=vendido]")).ToHaveTextAsync("$ 6.300,00");

        // A second window keeps the list as it is now, to try the same void again later.
        var vieja = await Context.NewPageAsync();
        await vieja.GotoAsync(Page.Url);

        var fila = Fila(Page, "0061-00000001");
        await fila.GetByText("Anular", new() { Exact = true }).ClickAsync();
        await ScreenshotsAsync(Page, "ventas-supervisor-anular");
        await fila.GetByRole(AriaRole.Button, new() { Name = "Confirmar anulación" }).ClickAsync();
        // The reason is required: the browser refuses the empty form, nothing is sent.
        await Expect(fila.Locator(".badge-danger")).ToHaveCountAsync(0);
        await fila.GetByLabel(new Regex("Motivo")).FillAsync("El cliente se arrepintió");
        await fila.GetByRole(AriaRole.Button, new() { Name = "Confirmar anulación" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Venta 0061-00000001 anulada.");
        fila = Fila(Page, "0061-00000001");
        await Expect(fila.Locator(".badge-danger")).ToHaveTextAsync("Anulada");
        await Expect(fila.Locator(".badge-danger")).ToHaveAttributeAsync("title", "Motivo: El cliente se arrepintió");
        await Expect(fila).ToContainTextAsync("El cliente se arrepintió · vb.sara");
        await Expect(fila.GetByText("Anular", new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-total=vendido]")).ToHaveTextAsync("$ 4.200,00");
        await Expect(Page.Locator("[data-total=anulado]")).ToHaveTextAsync("$ 2.100,00");
        await Expect(Page.Locator("[data-total=efectivo]")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#usuario")).Not.ToHaveValueAsync(""); // the filter survived the void

        await Page.GetByLabel("Estado").SelectOptionAsync("anulada");
        await Expect(Page.Locator("#ventas-tabla tbody tr")).ToHaveCountAsync(1);
        await Expect(Fila(Page, "0061-00000001")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-total=vendido]")).ToHaveTextAsync("$ 0,00");
        await ScreenshotsAsync(Page, "ventas-supervisor-anuladas");

        // The stale window still offers «Anular»: the server refuses in Spanish and the table shows the sale voided.
        var filaVieja = Fila(vieja, "0061-00000001");
        await filaVieja.GetByText("Anular", new() { Exact = true }).ClickAsync();
        await filaVieja.GetByLabel(new Regex("Motivo")).FillAsync("Otra vez");
        await filaVieja.GetByRole(AriaRole.Button, new() { Name = "Confirmar anulación" }).ClickAsync();
        await Expect(vieja.GetByRole(AriaRole.Alert)).ToContainTextAsync("La venta ya está anulada.");
        await Expect(Fila(vieja, "0061-00000001").Locator(".badge-danger")).ToHaveTextAsync("Anulada");
        await ScreenshotAsync(vieja, "ventas-supervisor-ya-anulada");
    }
}
