using System.Net;
using System.Net.Http.Json;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Usuarios;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.Extensions.DependencyInjection;

namespace BlendPos.Tests.Features.Usuarios;

/// <summary>
/// /v1/usuarios as the admin uses it. Invariant kept by every test of the collection: "admin" stays the only active
/// admin when a test ends (the last-admin rules depend on it).
/// </summary>
[Collection(UsuariosCollection.Name)]
public sealed class UsuariosApiTests(QuickAppFixture fx)
{
    private const string Password = "clave-1234";
    private BlendPosApp App => fx.App;

    [Fact]
    public async Task Create_answers_201_with_location_and_the_snake_case_user()
    {
        using var admin = await App.AdminAsync();
        var name = NewName();

        var response = await admin.PostAsJsonAsync("/v1/usuarios", new
        {
            username = name.ToUpperInvariant(), email = name + "@kiosco.com.ar", nombre_completo = "  Marta Gómez ",
            rol = "cajero", punto_de_venta = 2, password = Password,
        });

        var json = await response.ShouldBeAsync(HttpStatusCode.Created);
        var id = json.GetProperty("id").GetGuid();
        Assert.Equal($"/v1/usuarios/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(
            ["id", "username", "email", "nombre_completo", "rol", "punto_de_venta", "activo", "created_at"],
            json.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(name, json.GetProperty("username").GetString()); // stored lower-case
        Assert.Equal(name + "@kiosco.com.ar", json.GetProperty("email").GetString());
        Assert.Equal("Marta Gómez", json.GetProperty("nombre_completo").GetString());
        Assert.Equal("cajero", json.GetProperty("rol").GetString());
        Assert.Equal(2, json.GetProperty("punto_de_venta").GetInt32());
        Assert.True(json.GetProperty("activo").GetBoolean());
        Assert.True(json.GetProperty("created_at").TryGetDateTimeOffset(out _));

        await BlendPosApp.LoginAsync(App.Client(), name, Password);
    }

    [Fact]
    public async Task Duplicate_username_is_409_problem_whatever_its_case()
    {
        var name = NewName();
        await App.CreateUserAsync(name, "cajero");
        using var admin = await App.AdminAsync();

        var response = await admin.PostAsJsonAsync("/v1/usuarios", new
        {
            username = name.ToUpperInvariant(), nombre_completo = "Otro", rol = "cajero", punto_de_venta = 1, password = Password,
        });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("rol", "jefe", 1, "clave-1234", null)]
    [InlineData("punto_de_venta", "cajero", 0, "clave-1234", null)]
    [InlineData("password", "cajero", 1, "abc", null)]
    [InlineData("password", "cajero", 1, "solamenteletras", null)]
    [InlineData("email", "cajero", 1, "clave-1234", "no-es-un-email")]
    public async Task Invalid_field_is_400_with_errors_keyed_by_that_field(string field, string rol, int pdv, string password, string? email)
    {
        using var admin = await App.AdminAsync();
        var name = NewName();

        var response = await admin.PostAsJsonAsync("/v1/usuarios", new
        {
            username = name, email, nombre_completo = "Nombre", rol, punto_de_venta = pdv, password,
        });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"No error for {field}: {problem}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        var search = await (await admin.GetAsync($"/v1/usuarios?q={name}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(0, search.GetProperty("total").GetInt32()); // nothing was created
    }

    [Fact]
    public async Task List_is_a_page_of_items_with_total_page_and_size()
    {
        for (var i = 0; i < 3; i++) await App.CreateUserAsync(NewName(), "cajero");
        using var admin = await App.AdminAsync();

        var first = await (await admin.GetAsync("/v1/usuarios?page=1&size=2")).ShouldBeAsync(HttpStatusCode.OK);
        var second = await (await admin.GetAsync("/v1/usuarios?page=2&size=2")).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(1, first.GetProperty("page").GetInt32());
        Assert.Equal(2, first.GetProperty("size").GetInt32());
        var total = first.GetProperty("total").GetInt32();
        Assert.True(total >= 4, $"total {total}");
        Assert.Equal(total, second.GetProperty("total").GetInt32());
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(u => u.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Get_by_id_returns_the_user_and_an_unknown_id_is_404_problem()
    {
        var name = NewName();
        var id = await App.CreateUserAsync(name, "supervisor", puntoDeVenta: 4);
        using var admin = await App.AdminAsync();

        var json = await (await admin.GetAsync($"/v1/usuarios/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(name, json.GetProperty("username").GetString());
        Assert.Equal("supervisor", json.GetProperty("rol").GetString());
        Assert.Equal(4, json.GetProperty("punto_de_venta").GetInt32());

        await (await admin.GetAsync($"/v1/usuarios/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_changes_role_and_punto_de_venta_and_the_next_login_carries_them()
    {
        var name = NewName();
        var id = await App.CreateUserAsync(name, "cajero");
        using var admin = await App.AdminAsync();

        var json = await (await admin.PutAsJsonAsync($"/v1/usuarios/{id}", new { rol = "supervisor", punto_de_venta = 7 }))
            .ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("supervisor", json.GetProperty("rol").GetString());
        Assert.Equal(7, json.GetProperty("punto_de_venta").GetInt32());
        Assert.Equal(name, json.GetProperty("username").GetString());

        var login = await BlendPosApp.LoginAsync(App.Client(), name, Password);
        Assert.Equal("supervisor", login.GetProperty("usuario").GetProperty("rol").GetString());
        var payload = Http.JwtPart(login.GetProperty("access_token").GetString()!, 1);
        Assert.Equal("supervisor", payload.GetProperty("role").GetString());
        Assert.Equal(7, payload.GetProperty("punto_de_venta").GetInt32());
    }

    [Fact]
    public async Task Put_with_a_password_resets_it()
    {
        var name = NewName();
        var id = await App.CreateUserAsync(name, "cajero");
        using var admin = await App.AdminAsync();

        await (await admin.PutAsJsonAsync($"/v1/usuarios/{id}", new { password = "nueva-5678" })).ShouldBeAsync(HttpStatusCode.OK);

        await (await Login(name, Password)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await Login(name, "nueva-5678")).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Put_with_a_weak_password_is_400_and_keeps_the_old_one()
    {
        var name = NewName();
        var id = await App.CreateUserAsync(name, "cajero");
        using var admin = await App.AdminAsync();

        var problem = await (await admin.PutAsJsonAsync($"/v1/usuarios/{id}", new { password = "corta" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
        await (await Login(name, Password)).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delete_deactivates_and_the_user_can_no_longer_log_in_refresh_or_use_an_earlier_token()
    {
        var name = NewName();
        var id = await App.CreateUserAsync(name, "cajero");
        var before = await BlendPosApp.LoginAsync(App.Client(), name, Password);
        var cajero = Bearer(before.GetProperty("access_token").GetString()!);
        await (await cajero.GetAsync("/v1/usuarios")).ShouldBeProblemAsync(HttpStatusCode.Forbidden); // token works (role wall)
        using var admin = await App.AdminAsync();

        var json = await (await admin.DeleteAsync($"/v1/usuarios/{id}")).ShouldBeAsync(HttpStatusCode.OK);

        Assert.False(json.GetProperty("activo").GetBoolean());
        await (await cajero.GetAsync("/v1/usuarios")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await App.Client().PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = before.GetProperty("refresh_token").GetString() }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await Login(name, Password)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        // Still listed (sales keep pointing at it), as inactive.
        var listed = await (await admin.GetAsync($"/v1/usuarios/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.False(listed.GetProperty("activo").GetBoolean());
    }

    [Fact]
    public async Task Admin_cannot_deactivate_itself()
    {
        using var admin = await App.AdminAsync();
        var adminId = await AdminIdAsync(admin);

        await (await admin.DeleteAsync($"/v1/usuarios/{adminId}")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PutAsJsonAsync($"/v1/usuarios/{adminId}", new { activo = false })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await BlendPosApp.LoginAsync(App.Client(), DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword);
    }

    [Fact]
    public async Task The_only_admin_cannot_demote_itself()
    {
        using var admin = await App.AdminAsync();
        var adminId = await AdminIdAsync(admin);

        await (await admin.PutAsJsonAsync($"/v1/usuarios/{adminId}", new { rol = "supervisor" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var login = await BlendPosApp.LoginAsync(App.Client(), DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword);
        Assert.Equal("admin", login.GetProperty("usuario").GetProperty("rol").GetString());
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_demoted_or_deactivated_by_anyone()
    {
        using var admin = await App.AdminAsync();
        var adminId = await AdminIdAsync(admin);
        var someoneElse = Guid.NewGuid(); // the service rule, whoever asks (e.g. a page session of a former admin)
        await using var scope = App.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<UsuarioService>();

        await Assert.ThrowsAsync<ConflictException>(() =>
            service.UpdateAsync(adminId, new UsuarioRequest(null, null, null, "cajero", null, null, null), someoneElse));
        await Assert.ThrowsAsync<ConflictException>(() => service.DeactivateAsync(adminId, someoneElse));

        var still = await (await admin.GetAsync($"/v1/usuarios/{adminId}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("admin", still.GetProperty("rol").GetString());
        Assert.True(still.GetProperty("activo").GetBoolean());
    }

    private static string NewName() => UsuariosTestKit.NewName();

    private Task<HttpResponseMessage> Login(string username, string password) =>
        App.Client().PostAsJsonAsync("/v1/auth/login", new { username, password });

    private HttpClient Bearer(string token) => UsuariosTestKit.Bearer(App, token);

    private static Task<Guid> AdminIdAsync(HttpClient admin) => UsuariosTestKit.AdminIdAsync(admin);
}
