using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BlendPos.Domain;
using BlendPos.Tests.Fakes.Afip;
using BlendPos.Tests.Features.Caja;
using BlendPos.Tests.Features.Facturacion;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>A Kestrel app whose AFIP is the in-process fake.</summary>
public sealed class FacturacionBrowserFixture : IAsyncLifetime
{
    public FakeAfip Afip { get; private set; } = null!;
    public BlendPosApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Afip = await FakeAfip.StartAsync();
        App = FacturacionKit.NuevaApp(await TestDatabase.CreateAsync(), Afip, kestrel: true);
        App.Start();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await App.Database.DisposeAsync();
        await Afip.DisposeAsync();
    }
}

/// <summary>
/// Issue 11 in a real browser: the admin configures the issuer (uploads the fake's certificate and key) and «Probar
/// conexión» answers OK; a cashier sells with «Factura electrónica»; the invoice list shows it emitted.
/// </summary>
public sealed class FacturacionBrowserTests(FacturacionBrowserFixture fx) : IClassFixture<FacturacionBrowserFixture>, IAsyncLifetime
{
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
        Context.SetDefaultTimeout(15_000);
        await Context.AddInitScriptAsync("window.print = () => {};");
        Page = await Context.NewPageAsync();
    }

    public async Task DisposeAsync() => await Context.DisposeAsync();

    private async Task LoginAsync(string usuario, string clave)
    {
        await Page.GotoAsync("/login");
        await Page.GetByLabel("Usuario").FillAsync(usuario);
        await Page.GetByLabel("Contraseña").FillAsync(clave);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await Expect(Page).Not.ToHaveURLAsync(new Regex("/login"));
    }

    private Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = SharedBrowser.ScreenshotPath(name), FullPage = true });

    [Fact]
    public async Task Admin_configures_invoicing_a_cashier_sells_with_factura_and_the_list_shows_it_emitted()
    {
        // 1. The admin: credentials first (enabling needs them), then the issuer in homologación, then the test.
        await LoginAsync(DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword);
        await Page.GotoAsync("/facturacion/configuracion");
        await Expect(Page.GetByText("La facturación está")).ToContainTextAsync("deshabilitada");
        var (cert, key) = fx.Afip.CrearCredenciales(FacturacionFixture.CuitEmisor);
        var dir = Directory.CreateTempSubdirectory("blendpos-cert");
        await File.WriteAllBytesAsync(Path.Combine(dir.FullName, "kiosco.crt"), cert);
        await File.WriteAllBytesAsync(Path.Combine(dir.FullName, "kiosco.key"), key);
        await Page.GetByLabel("Certificado (.crt o .pem)").SetInputFilesAsync(Path.Combine(dir.FullName, "kiosco.crt"));
        await Page.GetByLabel("Clave privada (.key, PEM)").SetInputFilesAsync(Path.Combine(dir.FullName, "kiosco.key"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Subir certificado y clave" }).ClickAsync();
        await Expect(Page.Locator(".alert-success")).ToContainTextAsync("Certificado guardado");
        dir.Delete(recursive: true);

        await Page.GetByLabel("Modo").SelectOptionAsync("homologacion");
        await Page.GetByLabel("CUIT").FillAsync("20-12345678-6");
        await Page.Locator("#Input_CondicionIva").SelectOptionAsync("responsable_inscripto");
        await Page.GetByLabel("Razón social").FillAsync("Kiosco El Sol SRL");
        await Page.GetByLabel("Domicilio comercial").FillAsync("Av. Corrientes 1234, CABA");
        await Page.GetByLabel("Ingresos Brutos").FillAsync("901-123456-7");
        await Page.GetByLabel("Inicio de actividades").FillAsync("2020-03-01");
        await Page.GetByLabel("Punto de venta AFIP").FillAsync("1");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
        await Expect(Page.Locator(".alert-success")).ToContainTextAsync("homologación");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Probar conexión" }).ClickAsync();
        await Expect(Page.Locator("[data-prueba]")).ToHaveAttributeAsync("data-prueba", "ok");
        await Expect(Page.Locator("[data-prueba]")).ToContainTextAsync("Conexión correcta con AFIP (homologación)");
        await ScreenshotAsync("facturacion-configuracion");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Salir" }).ClickAsync();
        // The sign-out lands on /login by itself: the next login must not start a navigation on top of that one.
        await Expect(Page).ToHaveURLAsync(new Regex("/login"));

        // 2. A cashier with an open drawer sells with «Factura electrónica» to a DNI.
        var codigo = await FacturacionKit.ProductoAsync(App, 1210m, 21m);
        var cajero = await FacturacionKit.PersonaAsync(App, "cajero", 2);
        await CajaKit.AbiertaAsync(cajero);
        await LoginAsync(cajero.Usuario, CajaKit.Password);
        await Page.GotoAsync("/pos");
        await Page.Locator("#pos-codigo").FillAsync(codigo);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("#pos-carrito")).ToHaveAttributeAsync("data-lineas", "1");
        await Page.Keyboard.PressAsync("F12");
        var cobro = Page.Locator("#pos-cobro");
        await Expect(cobro).ToBeVisibleAsync();
        await cobro.GetByLabel("Factura electrónica").CheckAsync();
        await cobro.GetByLabel("CUIT o DNI").FillAsync("30.123.456");
        await cobro.GetByLabel("Nombre o razón social").FillAsync("Ana Gómez");
        await ScreenshotAsync("facturacion-pos-cobro");
        var ticket = await Page.RunAndWaitForPopupAsync(() => cobro.GetByRole(AriaRole.Button, new() { Name = "Confirmar venta" }).ClickAsync());
        await Expect(cobro.Locator("[data-factura-pedida]")).ToContainTextAsync("Factura B en proceso");
        await ticket.CloseAsync();

        var id = await App.WithDbAsync(db => db.Comprobantes.Select(c => c.Id).SingleAsync());
        var c = await App.EmitidoAsync(id);

        // 3. The list (an admin is a supervisor too) shows it emitted with its CAE and PDF.
        await Page.GotoAsync("/login");
        await Context.ClearCookiesAsync();
        await LoginAsync(DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword);
        await Page.GotoAsync("/facturacion");
        var fila = Page.Locator($"tr[data-comprobante='{id}']");
        await Expect(fila).ToHaveAttributeAsync("data-estado", "emitido");
        await Expect(fila).ToContainTextAsync("Factura B");
        await Expect(fila).ToContainTextAsync("00001-00000001");
        await Expect(fila).ToContainTextAsync(c.Cae!);
        await Expect(fila.GetByRole(AriaRole.Link, new() { Name = "PDF" })).ToHaveAttributeAsync("href", $"/v1/facturas/{id}/pdf");
        await ScreenshotAsync("facturacion-lista");

        // 4. The receipt, reprinted once emitted, carries the invoice number, the CAE and the AFIP QR inside its 72 mm.
        var venta = await App.WithDbAsync(db => db.Comprobantes.Where(x => x.Id == id).Select(x => x.VentaId).SingleAsync());
        await Page.GotoAsync($"/ventas/{venta}/ticket");
        await Expect(Page.Locator("[data-ticket-comprobante]")).ToHaveTextAsync("Factura B 00001-00000001");
        await Expect(Page.Locator("[data-ticket-cae]")).ToHaveTextAsync(c.Cae!);
        var qr = Page.Locator("[data-ticket-qr]");
        await Expect(qr).ToBeVisibleAsync();
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the QR image decodes");
        await Page.Locator("#ticket").ScreenshotAsync(new LocatorScreenshotOptions { Path = SharedBrowser.ScreenshotPath("facturacion-ticket-80mm") });
    }
}
