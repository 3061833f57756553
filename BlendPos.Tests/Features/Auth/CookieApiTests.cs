using System.Net;
using System.Net.Http.Json;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;

namespace BlendPos.Tests.Features.Auth;

/// <summary>/v1 called with the page cookie (as htmx and the POS script do): reads pass, writes need the antiforgery header.</summary>
public sealed class CookieApiTests(QuickAppFixture fx) : IClassFixture<QuickAppFixture>
{
    private BlendPosApp App => fx.App;

    [Fact]
    public async Task Page_cookie_alone_reads_the_api()
    {
        var client = await AdminCookieAsync();

        var json = await (await client.GetAsync("/v1/usuarios")).ShouldBeAsync(HttpStatusCode.OK);

        Assert.True(json.GetProperty("total").GetInt32() >= 1);
    }

    [Fact]
    public async Task Cookie_write_without_the_antiforgery_header_is_400_problem()
    {
        var client = await AdminCookieAsync();

        var response = await client.PostAsJsonAsync("/v1/usuarios", NewCajero());

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("RequestVerificationToken", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Cookie_write_with_a_wrong_antiforgery_header_is_400_problem()
    {
        var client = await AdminCookieAsync();
        client.DefaultRequestHeaders.Add("RequestVerificationToken", "no-es-un-token");

        await (await client.PostAsJsonAsync("/v1/usuarios", NewCajero())).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Cookie_write_with_the_token_from_a_page_is_accepted()
    {
        var client = await AdminCookieAsync();
        var home = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        client.DefaultRequestHeaders.Add("RequestVerificationToken", Http.MetaContent(home, "request-verification-token"));

        await (await client.PostAsJsonAsync("/v1/usuarios", NewCajero())).ShouldBeAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Cookie_of_a_cajero_meets_the_same_role_wall()
    {
        var name = "c" + Guid.NewGuid().ToString("N")[..10];
        await App.CreateUserAsync(name, "cajero");
        var client = await App.CookieClientAsync(name, "clave-1234");

        await (await client.GetAsync("/v1/usuarios")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    private Task<HttpClient> AdminCookieAsync() => App.CookieClientAsync(DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword);

    private static object NewCajero()
    {
        var name = "c" + Guid.NewGuid().ToString("N")[..10];
        return new { username = name, nombre_completo = "Cajero " + name, rol = "cajero", punto_de_venta = 1, password = "clave-1234" };
    }
}
