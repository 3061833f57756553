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
    public async Task Five_failed_logins_lock_the_user_out_from_that_address_only()
    {
        var name = NewName();
        await App.CreateUserAsync(name, "cajero");
        var fromA = ClientAt("198.51.100.10");

        for (var i = 1; i <= 4; i++)
            await (await Login(fromA, name, "mala-1234")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await Login(fromA, name, "mala-1234")).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);

        // Address A is refused even with the right password…
        var locked = await (await Login(fromA, name, Password)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("Demasiados intentos fallidos", locked.GetProperty("detail").GetString());
        // …while the user still signs in from address B, through the API and the page.
        await (await Login(ClientAt("198.51.100.11"), name, Password)).ShouldBeAsync(HttpStatusCode.OK);
        var page = ClientAt("198.51.100.12");
        Assert.Equal(HttpStatusCode.Redirect, (await PageLoginAsync(page, name, Password)).StatusCode);
        // The page at A is locked too: one count per user and address, whatever the door.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PageLoginAsync(ClientAt("198.51.100.10"), name, Password)).StatusCode);
    }

    [Fact]
    public async Task A_locked_address_may_try_again_five_minutes_after_the_fifth_failure()
    {
        var name = NewName();
        await App.CreateUserAsync(name, "cajero");
        var fromA = ClientAt("198.51.100.20");
        for (var i = 1; i <= 5; i++) await Login(fromA, name, "mala-1234");
        await (await Login(fromA, name, Password)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);

        fx.Clock.Advance(TimeSpan.FromMinutes(4));
        await (await Login(fromA, name, Password)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        fx.Clock.Advance(TimeSpan.FromMinutes(1));
        await (await Login(fromA, name, Password)).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_success_clears_the_count_of_that_address()
    {
        var name = NewName();
        await App.CreateUserAsync(name, "cajero");
        var fromA = ClientAt("198.51.100.30");
        for (var i = 1; i <= 4; i++)
            await (await Login(fromA, name, "mala-1234")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await Login(fromA, name, Password)).ShouldBeAsync(HttpStatusCode.OK);

        for (var i = 1; i <= 4; i++)
            await (await Login(fromA, name, "mala-1234")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_user_locks_the_same_way_so_the_lockout_does_not_reveal_who_exists()
    {
        var known = NewName();
        await App.CreateUserAsync(known, "cajero");
        var unknown = NewName();

        foreach (var name in new[] { known, unknown })
        {
            var from = ClientAt("198.51.100.40");
            var statuses = new List<HttpStatusCode>();
            for (var i = 1; i <= 6; i++) statuses.Add((await Login(from, name, "mala-1234")).StatusCode);
            Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        }
    }

    [Fact]
    public async Task The_lockout_is_kept_in_the_database_so_every_instance_sees_it()
    {
        var name = NewName();
        await App.CreateUserAsync(name, "cajero");
        for (var i = 1; i <= 5; i++) await Login(ClientAt("198.51.100.50"), name, "mala-1234");

        // A second app instance on the same database, without Redis, at the same client address.
        await using var other = new BlendPosApp(App.Database, useRedis: false, clock: fx.Clock, configure: BlendPosApp.DistinctClientAddresses);
        var fromA = other.Client();
        fromA.DefaultRequestHeaders.Add(BlendPosApp.ClientIpHeader, "198.51.100.50");
        await (await Login(fromA, name, Password)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        var fromB = other.Client();
        fromB.DefaultRequestHeaders.Add(BlendPosApp.ClientIpHeader, "198.51.100.51");
        await (await Login(fromB, name, Password)).ShouldBeAsync(HttpStatusCode.OK);
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

    [Fact]
    public async Task Logout_revokes_that_devices_refresh_token_and_no_other()
    {
        var name = NewName();
        await App.CreateUserAsync(name, "cajero");
        var deviceA = (await BlendPosApp.LoginAsync(App.Client(), name, Password)).GetProperty("refresh_token").GetString()!;
        var deviceB = (await BlendPosApp.LoginAsync(App.Client(), name, Password)).GetProperty("refresh_token").GetString()!;

        var logout = await App.Client().PostAsJsonAsync("/v1/auth/logout", new { refresh_token = deviceA });
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        await (await RefreshAsync(App.Client(), deviceA)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await RefreshAsync(App.Client(), deviceB)).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logout_with_an_unknown_or_spent_token_answers_the_same_and_without_a_token_is_400()
    {
        var token = (await LoginNewUserAsync("cajero")).GetProperty("refresh_token").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await App.Client().PostAsJsonAsync("/v1/auth/logout", new { refresh_token = token })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await App.Client().PostAsJsonAsync("/v1/auth/logout", new { refresh_token = token })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await App.Client().PostAsJsonAsync("/v1/auth/logout", new { refresh_token = "no-es-un-token" })).StatusCode);

        var problem = await (await App.Client().PostAsJsonAsync("/v1/auth/logout", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("refresh_token", out _));
    }

    private static string NewName() => "u" + Guid.NewGuid().ToString("N")[..10];

    private async Task<JsonElement> LoginNewUserAsync(string rol)
    {
        var name = NewName();
        await App.CreateUserAsync(name, rol);
        return await BlendPosApp.LoginAsync(App.Client(), name, Password);
    }

    private HttpClient ClientAt(string address)
    {
        var client = App.Client();
        client.DefaultRequestHeaders.Add(BlendPosApp.ClientIpHeader, address);
        return client;
    }

    private static async Task<HttpResponseMessage> PageLoginAsync(HttpClient client, string username, string password)
    {
        var page = await (await client.GetAsync("/login")).Content.ReadAsStringAsync();
        return await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Username"] = username,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = Http.HiddenInput(page, "__RequestVerificationToken"),
        }));
    }

    private static Task<HttpResponseMessage> Login(HttpClient client, string username, string password) =>
        client.PostAsJsonAsync("/v1/auth/login", new { username, password });

    private static Task<HttpResponseMessage> RefreshAsync(HttpClient client, string token) =>
        client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = token });
}
