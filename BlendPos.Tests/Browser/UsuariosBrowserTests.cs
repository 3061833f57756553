using System.Text.RegularExpressions;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlendPos.Tests.Browser;

public sealed class UsuariosBrowserTests(KestrelAppFixture fx) : BrowserTest(fx)
{
    [Fact]
    public async Task Admin_creates_a_cajero_who_then_sees_only_what_a_cajero_may()
    {
        // The admin signs in on the Spanish login page and lands on the home page: today's dashboard.
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(new Regex("/login"));
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "es-AR");
        await ScreenshotAsync(Page, "login");
        await LoginAsync(Page, DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Hoy, ") })).ToBeVisibleAsync();
        await Expect(Page.Locator(".mainnav")).ToContainTextAsync("Usuarios");
        await ScreenshotAsync(Page, "home-admin");

        // Users page, then the new-user form.
        await Page.Locator(".mainnav").GetByRole(AriaRole.Link, new() { Name = "Usuarios" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Usuarios", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.Locator("table.data")).ToContainTextAsync("admin");
        await ScreenshotAsync(Page, "usuarios");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Nuevo usuario" }).ClickAsync();

        // A weak password is refused with a Spanish message next to the field, and nothing is created.
        await Page.GetByLabel("Usuario", new() { Exact = true }).FillAsync("lucia");
        await Page.GetByLabel("Nombre completo").FillAsync("Lucía Gómez");
        await Page.GetByLabel("Rol").SelectOptionAsync("cajero");
        await Page.GetByLabel("Punto de venta").FillAsync("2");
        await Page.GetByLabel("Contraseña inicial").FillAsync("corta");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Crear usuario" }).ClickAsync();
        await Expect(Page.Locator(".field-validation-error")).ToContainTextAsync("al menos 8 caracteres");
        await ScreenshotAsync(Page, "usuario-nuevo-error");

        await Page.GetByLabel("Contraseña inicial").FillAsync("caja-lucia-1");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Crear usuario" }).ClickAsync();
        await Expect(Page.Locator(".alert-success")).ToContainTextAsync("Usuario lucia creado");
        await Expect(Page.Locator("table.data")).ToContainTextAsync("Lucía Gómez");

        // The search narrows the table through htmx, without a page reload.
        await Page.GetByLabel("Buscar").FillAsync("lucí");
        await Expect(Page.Locator("table.data tbody tr")).ToHaveCountAsync(1);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Salir" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/login"));

        // The cajero signs in: no Usuarios link, and the users page is refused.
        await LoginAsync(Page, "lucia", "caja-lucia-1");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Hola, lucia" })).ToBeVisibleAsync();
        await Expect(Page.Locator(".badge-cajero")).ToHaveTextAsync("Cajero");
        await Expect(Page.Locator(".mainnav")).Not.ToContainTextAsync("Usuarios");
        await ScreenshotAsync(Page, "home-cajero");
        await Page.GotoAsync("/usuarios");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "No tenés permiso para ver esta página" })).ToBeVisibleAsync();
        await ScreenshotAsync(Page, "acceso-denegado");
    }

    [Fact]
    public async Task Wrong_password_shows_a_spanish_message_on_the_login_page()
    {
        await LoginAsync(Page, DatabaseInitializer.AdminUserName, "no-es-la-clave-1");
        await Expect(Page.Locator(".alert-error")).ToHaveTextAsync("Usuario o contraseña incorrectos.");
        await Expect(Page).ToHaveURLAsync(new Regex("/login"));
        await ScreenshotAsync(Page, "login-error");
    }

    [Fact]
    public async Task Pages_run_with_no_content_security_policy_violation()
    {
        var violations = new List<string>();
        Page.Console += (_, msg) =>
        {
            if (msg.Type == "error") violations.Add(msg.Text);
        };
        await LoginAsync(Page, DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword);
        await Page.GotoAsync("/usuarios");
        await Page.GetByLabel("Buscar").FillAsync("adm");
        await Expect(Page.Locator("table.data tbody tr")).ToHaveCountAsync(1);
        Assert.Empty(violations);
    }
}
