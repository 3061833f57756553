using System.Net;
using System.Net.Http.Json;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;

namespace BlendPos.Tests.Features.Auth;

public sealed class AuthApiTests(AppFixture fx) : IClassFixture<AppFixture>
{
    private BlendPosApp App => fx.App;

    [Fact]
    public async Task Login_returns_tokens_and_the_user_with_role()
    {
        var client = App.Client();
        var json = await (await client.PostAsJsonAsync("/v1/auth/login",
            new { username = DatabaseInitializer.AdminUserName, password = BlendPosApp.AdminPassword })).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal("bearer", json.GetProperty("token_type").GetString());
        Assert.Equal(8 * 3600, json.GetProperty("expires_in").GetInt32());
        Assert.Equal(3, json.GetProperty("access_token").GetString()!.Split('.').Length);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("refresh_token").GetString()));
        var usuario = json.GetProperty("usuario");
        Assert.Equal("admin", usuario.GetProperty("username").GetString());
        Assert.Equal("admin", usuario.GetProperty("rol").GetString());
    }

    [Fact]
    public async Task Wrong_password_is_401_problem()
    {
        var response = await App.Client().PostAsJsonAsync("/v1/auth/login", new { username = "admin", password = "nope-1234" });
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("incorrectos", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_400_problem()
    {
        var response = await App.Client().PostAsync("/v1/auth/login", Http.Json("{\"username\": "));
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Bearer_cajero_gets_403_on_admin_endpoints()
    {
        await App.CreateUserAsync("caja.muro", "cajero");
        var cajero = await App.ClientAsAsync("caja.muro", "clave-1234");
        var response = await cajero.GetAsync("/v1/usuarios");
        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task No_token_is_401_problem()
    {
        await (await App.Client().GetAsync("/v1/usuarios")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
