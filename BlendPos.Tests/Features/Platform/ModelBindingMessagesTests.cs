using System.Net;
using System.Text.RegularExpressions;
using BlendPos.Tests.Features.Catalogo;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Tests.Features.Platform;

/// <summary>
/// Pages never show MVC's English model-binding messages («The value '15.000' is not valid for PuntoDeVenta»), and a
/// whole-number field that cannot be read refuses the form instead of saving a default (null, 0, the user's own).
/// </summary>
public sealed class ModelBindingMessagesTests(QuickAppFixture fx) : IClassFixture<QuickAppFixture>
{
    private const string Entero = "no es un número entero: escribilo sin puntos ni comas.";
    private BlendPosApp App => fx.App;

    [Theory]
    [InlineData("15.000")]
    [InlineData("2,5")]
    [InlineData("abc")]
    public async Task Creating_a_user_with_an_unreadable_punto_de_venta_says_so_in_spanish_and_creates_nobody(string pdv)
    {
        using var web = await App.CookieClientAsync(DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword);
        var name = "mb" + Guid.NewGuid().ToString("N")[..8];
        var form = await web.GetStringAsync("/usuarios/nuevo");

        var response = await web.PostAsync("/usuarios/nuevo", Form(form, new()
        {
            ["Input.Username"] = name, ["Input.NombreCompleto"] = "Ana Pérez", ["Input.Rol"] = "cajero",
            ["Input.PuntoDeVenta"] = pdv, ["Input.Password"] = "clave-1234", ["Input.Activo"] = "true",
        }));

        var html = await PageAsync(response);
        Assert.Contains($"«{pdv}» {Entero}", html);
        Assert.Matches(new Regex($@"name=""Input.PuntoDeVenta""[^>]*value=""{Regex.Escape(pdv)}"""), html); // kept as typed
        NoEnglish(html);
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == name)));
    }

    [Fact]
    public async Task A_supervisor_opening_a_drawer_at_punto_de_venta_15_000_gets_a_spanish_message_and_no_drawer()
    {
        var name = "mbsup" + Guid.NewGuid().ToString("N")[..6];
        var id = await App.CreateUserAsync(name, "supervisor", puntoDeVenta: 731);
        using var web = await App.CookieClientAsync(name, "clave-1234");
        var form = await web.GetStringAsync("/caja");

        var response = await web.PostAsync("/caja?handler=Abrir", Form(form, new()
        {
            ["Abrir.PuntoDeVenta"] = "15.000", ["Abrir.MontoInicial"] = "1000",
        }));

        var html = await PageAsync(response);
        Assert.Contains($"«15.000» {Entero}", html);
        NoEnglish(html);
        Assert.False(await App.WithDbAsync(db => db.SesionesCaja.AnyAsync(s => s.UsuarioId == id)));
    }

    [Fact]
    public async Task A_product_with_opening_stock_2_5_is_refused_instead_of_created_with_0()
    {
        using var web = await App.CookieClientAsync(DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword);
        var form = await web.GetStringAsync("/productos/nuevo");

        var response = await web.PostAsync("/productos/nuevo", Form(form, new()
        {
            ["Input.CodigoBarras"] = "77123", ["Input.Nombre"] = "Caramelos sueltos", ["Input.Categoria"] = "Golosinas",
            ["Input.PrecioCosto"] = "10", ["Input.PrecioVenta"] = "20", ["Input.AlicuotaIva"] = "21",
            ["Input.StockMinimo"] = "5", ["Input.UnidadMedida"] = "unidad", ["Input.StockActual"] = "2,5", ["Input.Activo"] = "true",
        }));

        var html = await PageAsync(response);
        Assert.Contains($"«2,5» {Entero}", html);
        NoEnglish(html);
        Assert.False(await App.WithDbAsync(db => db.Productos.AnyAsync(p => p.CodigoBarras == "77123")));
    }

    [Fact]
    public async Task Forms_and_a_query_filter_that_is_not_a_number_carry_no_english_validation_text()
    {
        using var web = await App.CookieClientAsync(DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword);

        foreach (var ruta in new[] { "/caja/sesiones?pdv=x&page=", "/usuarios/nuevo", "/productos/nuevo", "/productos?page=2,5", "/caja" })
        {
            var html = WebUtility.HtmlDecode(await web.GetStringAsync(ruta));
            NoEnglish(html);
            Assert.DoesNotContain("data-val", html); // MVC's client-validation attributes carry English messages
        }
    }

    private static FormUrlEncodedContent Form(string page, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Http.HiddenInput(page, "__RequestVerificationToken");
        return new FormUrlEncodedContent(fields);
    }

    /// <summary>The form comes back (200, not a redirect to a saved record), decoded.</summary>
    private static async Task<string> PageAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected the form again, got {(int)response.StatusCode} {response.Headers.Location}");
        return WebUtility.HtmlDecode(html);
    }

    private static void NoEnglish(string html)
    {
        foreach (var english in new[] { "is not valid", "is invalid", "The value", "The field", "is required", "must be a number", "A value for" })
            Assert.DoesNotContain(english, html);
    }
}
