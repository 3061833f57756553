using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using Microsoft.Extensions.Time.Testing;

namespace BlendPos.Tests.Features.Auth;

/// <summary>The auth class's app: a clock the tests move, and one client address per request (see the rate-limit test).</summary>
public sealed class AuthAppFixture : AppFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override BlendPosApp CreateApp(TestDatabase db) =>
        new(db, clock: Clock, configure: b =>
        {
            BlendPosApp.QuickPasswordHashing(b);
            BlendPosApp.DistinctClientAddresses(b);
        });
}

public sealed class AuthApiTests(AuthAppFixture fx) : IClassFixture<AuthAppFixture>
{
    private const string Password = "clave-1234";
    private BlendPosApp App => fx.App;

    [Fact]
    public async Task Login_returns_tokens_and_the_user_with_role()
    {
        var json = await (await App.Client().PostAsJsonAsync("/v1/auth/login",
            new { username = DatabaseInitializer.AdminUserName, password = BlendPosApp.AdminPassword })).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal("bearer", json.GetProperty("token_type").GetString());
        Assert.Equal(8 * 3600, json.GetProperty("expires_in").GetInt32());
        Assert.Equal(3, json.GetProperty("access_token").GetString()!.Split('.').Length);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("refresh_token").GetString()));
        var usuario = json.GetProperty("usuario");
        Assert.NotEqual(Guid.Empty, usuario.GetProperty("id").GetGuid());
        Assert.Equal("admin", usuario.GetProperty("username").GetString());
        Assert.Equal("admin", usuario.GetProperty("rol").GetString());
        Assert.Equal(1, usuario.GetProperty("punto_de_venta").GetInt32());
    }

    [Fact]
    public async Task Access_token_is_hs256_carries_the_role_and_lives_eight_hours()
    {
        var name = NewName();
        var id = await App.CreateUserAsync(name, "supervisor", puntoDeVenta: 3);
        var login = await BlendPosApp.LoginAsync(App.Client(), name, Password);
        var jwt = login.GetProperty("access_token").GetString()!;

        var header = Http.JwtPart(jwt, 0);
        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        var payload = Http.JwtPart(jwt, 1);
        Assert.Equal("supervisor", payload.GetProperty("role").GetString());
        Assert.Equal(id.ToString(), payload.GetProperty("sub").GetString());
        Assert.Equal(3, payload.GetProperty("punto_de_venta").GetInt32());
        Assert.Equal(8 * 3600, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task Wrong_password_is_401_problem()
    {
        var response = await App.Client().PostAsJsonAsync("/v1/auth/login", new { username = "admin", password = "nope-1234" });
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("incorrectos", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Unknown_user_gets_the_same_401_as_a_wrong_password()
    {
        var name = NewName();
        await App.CreateUserAsync(name, "cajero");
        var wrongPassword = await (await App.Client().PostAsJsonAsync("/v1/auth/login", new { username = name, password = "otra-1234" }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var unknownUser = await (await App.Client().PostAsJsonAsync("/v1/auth/login", new { username = NewName(), password = "otra-1234" }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(wrongPassword.GetProperty("title").GetString(), unknownUser.GetProperty("title").GetString());
        Assert.Equal(wrongPassword.GetProperty("detail").GetString(), unknownUser.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Missing_credentials_are_400_with_field_errors()
    {
        var problem = await (await App.Client().PostAsJsonAsync("/v1/auth/login", new { username = "" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("username", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Refresh_returns_a_new_pair_that_works()
    {
        var client = App.Client();
        var login = await LoginNewUserAsync("cajero");

        var refreshed = await (await RefreshAsync(client, login.GetProperty("refresh_token").GetString()!)).ShouldBeAsync(HttpStatusCode.OK);

        Assert.NotEqual(login.GetProperty("refresh_token").GetString(), refreshed.GetProperty("refresh_token").GetString());
        Assert.NotEqual(login.GetProperty("access_token").GetString(), refreshed.GetProperty("access_token").GetString());
        Assert.Equal("bearer", refreshed.GetProperty("token_type").GetString());
        Assert.Equal("cajero", refreshed.GetProperty("usuario").GetProperty("rol").GetString());
        // The new refresh token is itself good for one more exchange.
        await (await RefreshAsync(client, refreshed.GetProperty("refresh_token").GetString()!)).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reused_refresh_token_is_refused_and_revokes_the_token_issued_from_it()
    {
        var client = App.Client();
        var first = (await LoginNewUserAsync("cajero")).GetProperty("refresh_token").GetString()!;
        var second = (await (await RefreshAsync(client, first)).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("refresh_token").GetString()!;

        await (await RefreshAsync(client, first)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await RefreshAsync(client, second)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Concurrent_refreshes_of_one_token_succeed_exactly_once()
    {
        var token = (await LoginNewUserAsync("cajero")).GetProperty("refresh_token").GetString()!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RefreshAsync(App.Client(), token)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK),
            r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
    }

    [Fact]
    public async Task Unknown_refresh_token_is_401_problem()
    {
        await (await RefreshAsync(App.Client(), "no-es-un-token")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Five_failed_logins_lock_the_account_even_for_the_right_password()
    {
        var name = NewName();
        await App.CreateUserAsync(name, "cajero");
        var client = App.Client();

        for (var i = 1; i <= 4; i++)
            await (await Login(client, name, "mala-1234")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await Login(client, name, "mala-1234")).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);

        var locked = await (await Login(client, name, Password)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("bloqueada", locked.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Login_is_rate_limited_per_client_address()
    {
        var client = App.Client();
        client.DefaultRequestHeaders.Add(BlendPosApp.ClientIpHeader, "192.0.2.77");
        for (var i = 0; i < 20; i++)
            await (await Login(client, "nadie-" + i, "clave-1234")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        var limited = await Login(client, "admin", BlendPosApp.AdminPassword);
        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter is not null, "429 without Retry-After");

        // Another address is not held back by this one.
        await (await App.Client().PostAsJsonAsync("/v1/auth/login",
            new { username = "admin", password = BlendPosApp.AdminPassword })).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Access_token_stops_working_after_eight_hours()
    {
        var client = await App.AdminAsync();
        await (await client.GetAsync("/v1/usuarios")).ShouldBeAsync(HttpStatusCode.OK);

        fx.Clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromMinutes(1));
        await (await client.GetAsync("/v1/usuarios")).ShouldBeAsync(HttpStatusCode.OK);

        fx.Clock.Advance(TimeSpan.FromMinutes(2));
        await (await client.GetAsync("/v1/usuarios")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_token_stops_working_after_seven_days()
    {
        var token = (await LoginNewUserAsync("cajero")).GetProperty("refresh_token").GetString()!;

        fx.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        await (await RefreshAsync(App.Client(), token)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bearer_cajero_gets_403_on_admin_endpoints()
    {
        var name = NewName();
        await App.CreateUserAsync(name, "cajero");
        var cajero = await App.ClientAsAsync(name, Password);
        await (await cajero.GetAsync("/v1/usuarios")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task No_token_is_401_problem()
    {
        await (await App.Client().GetAsync("/v1/usuarios")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_signed_with_another_key_is_401()
    {
        var login = await LoginNewUserAsync("admin");
        var parts = login.GetProperty("access_token").GetString()!.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}";
        var client = App.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        await (await client.GetAsync("/v1/usuarios")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static string NewName() => "u" + Guid.NewGuid().ToString("N")[..10];

    private async Task<JsonElement> LoginNewUserAsync(string rol)
    {
        var name = NewName();
        await App.CreateUserAsync(name, rol);
        return await BlendPosApp.LoginAsync(App.Client(), name, Password);
    }

    private static Task<HttpResponseMessage> Login(HttpClient client, string username, string password) =>
        client.PostAsJsonAsync("/v1/auth/login", new { username, password });

    private static Task<HttpResponseMessage> RefreshAsync(HttpClient client, string token) =>
        client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = token });
}
