using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlendPos.Domain.Catalogo;
using BlendPos.Tests.Features.Caja;
using BlendPos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

/// <summary>
/// Issue 16 at the till: a cashier's discount in the payment dialog is refused until a supervisor types their user and
/// password there; the sale then records who authorized it. The total shown follows the discount while typing.
/// </summary>
public sealed class PosDescuentoBrowserTests(KestrelAppFixture fx) : BrowserTest(fx)
{
    private const string Clave = "clave-1234";

    [Fact]
    public async Task A_cashier_discount_needs_a_supervisor_at_the_till_and_is_recorded()
    {
        using var admin = await App.AdminAsync();
        foreach (var (usuario, rol, pdv) in new[] { ("desc.ana", "cajero", 41), ("desc.sara", "supervisor", 1) })
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/usuarios", new
            {
                username = usuario, nombre_completo = "Usuario " + usuario, rol, punto_de_venta = pdv, password = Clave,
            })).StatusCode);
        var codigo = "779400000001" + Gtin.ComputeCheckDigit("779400000001");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/productos", new
        {
            codigo_barras = codigo, nombre = "Aceite Girasol 1,5 l", categoria = "Almacén", precio_costo = 2000m, precio_venta = 3000m, stock_actual = 10,
        })).StatusCode);
        var errores = ErroresDeConsola(Page);

        await LoginAsync(Page, "desc.ana", Clave);
        await Page.GotoAsync("/caja");
        await Page.GetByLabel("Monto inicial en efectivo ($)").FillAsync("10000");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Abrir caja" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Caja actual" })).ToBeVisibleAsync();
        await Page.GotoAsync("/pos");
        await Expect(Page.Locator("#pos-codigo")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync($"2*{codigo}\n");
        await Expect(Page.Locator("[data-pos-total]")).ToHaveTextAsync("$ 6.000,00");

        await Page.Keyboard.PressAsync("F12");
        var cobro = Page.Locator("#pos-cobro");
        await cobro.Locator("summary", new() { HasText = "Descuento" }).ClickAsync();
        await cobro.GetByLabel("Descuento ($)").FillAsync("500");
        await Expect(cobro.Locator("[data-cobro-total]")).ToHaveTextAsync("$ 5.500,00");
        await cobro.GetByLabel("Efectivo ($)").FillAsync("5500");
        await cobro.GetByRole(AriaRole.Button, new() { Name = "Confirmar venta" }).ClickAsync();
        await Expect(cobro.Locator("[data-pos-error], .alert-error")).ToContainTextAsync("El descuento necesita la autorización de un supervisor");
        await ScreenshotAsync(Page, "pos-descuento-sin-autorizar");

        await cobro.GetByLabel("Usuario del supervisor").FillAsync("desc.sara");
        await cobro.GetByLabel("Contraseña").FillAsync(Clave);
        await ScreenshotAsync(Page, "pos-descuento");
        var ticket = await Page.RunAndWaitForPopupAsync(() => cobro.GetByRole(AriaRole.Button, new() { Name = "Confirmar venta" }).ClickAsync());
        await Expect(cobro.Locator(".pos-vendida-titulo")).ToHaveTextAsync("Venta registrada — Ticket 0041-00000001");
        await Expect(ticket.Locator("body")).ToContainTextAsync("Descuento");
        await ticket.CloseAsync();

        var supervisor = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "desc.sara").Select(u => u.Id).SingleAsync());
        var venta = await App.WithDbAsync(db => db.Ventas.AsNoTracking().SingleAsync(v => v.PuntoDeVenta == 41));
        Assert.Equal((5500m, 500m, (Guid?)supervisor), (venta.Total, venta.DescuentoTotal, venta.DescuentoAutorizadoPorId));
        Assert.Empty(errores);
    }
}
