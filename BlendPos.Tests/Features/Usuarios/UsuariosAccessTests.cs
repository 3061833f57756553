using System.Net;
using System.Net.Http.Json;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;

namespace BlendPos.Tests.Features.Usuarios;

/// <summary>Who may call /v1/usuarios, and how long a token keeps its rights after the user changes.</summary>
[Collection(UsuariosCollection.Name)]
public sealed class UsuariosAccessTests(QuickAppFixture fx)
{
    private const string Password = "clave-1234";
    private BlendPosApp App => fx.App;

    [Fact]
    public async Task Role_change_ends_the_users_earlier_access_tokens()
    {
        var name = NewName();
        var id = await App.CreateUserAsync(name, "supervisor");
        var supervisor = await App.ClientAsAsync(name, Password);
        await (await supervisor.GetAsync("/v1/usuarios")).ShouldBeProblemAsync(HttpStatusCode.Forbidden); // token works (role wall)
        using var admin = await App.AdminAsync();

        await (await admin.PutAsJsonAsync($"/v1/usuarios/{id}", new { rol = "cajero" })).ShouldBeAsync(HttpStatusCode.OK);

        // The token still says "supervisor": it must not keep those rights until it expires.
        await (await supervisor.GetAsync("/v1/usuarios")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Demoted_admins_earlier_token_no_longer_opens_admin_endpoints()
    {
        var name = NewName();
        var id = await App.CreateUserAsync(name, "admin");
        var demoted = await App.ClientAsAsync(name, Password);
        await (await demoted.GetAsync("/v1/usuarios")).ShouldBeAsync(HttpStatusCode.OK);
        using var admin = await App.AdminAsync();

        await (await admin.PutAsJsonAsync($"/v1/usuarios/{id}", new { rol = "cajero" })).ShouldBeAsync(HttpStatusCode.OK);

        var adminId = await AdminIdAsync(admin);
        var response = await demoted.PutAsJsonAsync($"/v1/usuarios/{adminId}", new { rol = "cajero" });
        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var still = await BlendPosApp.LoginAsync(App.Client(), DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword);
        Assert.Equal("admin", still.GetProperty("usuario").GetProperty("rol").GetString());
    }

    [Fact]
    public async Task Password_reset_ends_the_users_earlier_access_tokens()
    {
        var name = NewName();
        var id = await App.CreateUserAsync(name, "cajero");
        var stolen = await App.ClientAsAsync(name, Password);
        await (await stolen.GetAsync("/v1/usuarios")).ShouldBeProblemAsync(HttpStatusCode.Forbidden); // token works (role wall)
        using var admin = await App.AdminAsync();

        await (await admin.PutAsJsonAsync($"/v1/usuarios/{id}", new { password = "nueva-5678" })).ShouldBeAsync(HttpStatusCode.OK);

        await (await stolen.GetAsync("/v1/usuarios")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("cajero")]
    [InlineData("supervisor")]
    public async Task Roles_below_admin_get_403_problem_on_every_users_endpoint(string rol)
    {
        var name = NewName();
        var id = await App.CreateUserAsync(name, rol);
        var client = await App.ClientAsAsync(name, Password);

        foreach (var response in new[]
                 {
                     await client.GetAsync("/v1/usuarios"),
                     await client.GetAsync($"/v1/usuarios/{id}"),
                     await client.PostAsJsonAsync("/v1/usuarios", new { username = NewName(), nombre_completo = "X", rol = "admin", punto_de_venta = 1, password = Password }),
                     await client.PutAsJsonAsync($"/v1/usuarios/{id}", new { rol = "admin" }),
                     await client.DeleteAsync($"/v1/usuarios/{id}"),
                 })
            await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var self = await BlendPosApp.LoginAsync(App.Client(), name, Password);
        Assert.Equal(rol, self.GetProperty("usuario").GetProperty("rol").GetString()); // nothing changed
    }

    [Theory]
    [InlineData(null)]
    [InlineData("no-es-un-jwt")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.")]
    public async Task Missing_or_garbage_token_is_401_problem(string? token)
    {
        var client = token is null ? App.Client() : Bearer(token);

        await (await client.GetAsync("/v1/usuarios")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.PostAsJsonAsync("/v1/usuarios", new { username = NewName() })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static string NewName() => UsuariosTestKit.NewName();

    private HttpClient Bearer(string token) => UsuariosTestKit.Bearer(App, token);

    private static Task<Guid> AdminIdAsync(HttpClient admin) => UsuariosTestKit.AdminIdAsync(admin);
}
