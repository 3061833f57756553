using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using Serilog.Events;

namespace BlendPos.Tests.Features.Platform;

/// <summary>
/// What the server logs (captured from the app's own Serilog pipeline): one line per request with its id, user, path,
/// status and time; never a password or a token.
/// </summary>
public sealed class RequestLoggingTests(QuickAppFixture fx) : IClassFixture<QuickAppFixture>
{
    private BlendPosApp App => fx.App;

    [Fact]
    public async Task Login_and_refresh_never_log_a_password_or_a_token()
    {
        var name = "log" + Guid.NewGuid().ToString("N")[..8];
        const string password = "Secreta-9876-xyz";
        const string wrongPassword = "Equivocada-5432-xyz";
        await App.CreateUserAsync(name, "cajero", password);
        var client = App.Client();

        await (await client.PostAsJsonAsync("/v1/auth/login", new { username = name, password = wrongPassword }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var login = await (await client.PostAsJsonAsync("/v1/auth/login", new { username = name, password })).ShouldBeAsync(HttpStatusCode.OK);
        var refresh = await client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = login.GetProperty("refresh_token").GetString() });
        var refreshed = await refresh.ShouldBeAsync(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", refreshed.GetProperty("access_token").GetString());
        await client.GetAsync("/v1/usuarios?access_token=" + refreshed.GetProperty("access_token").GetString());

        var log = string.Join("\n", App.Logs.Events.Select(Render));
        string[] secrets =
        [
            password, wrongPassword,
            login.GetProperty("refresh_token").GetString()!, refreshed.GetProperty("refresh_token").GetString()!,
            login.GetProperty("access_token").GetString()!.Split('.')[2], refreshed.GetProperty("access_token").GetString()!.Split('.')[2],
            BlendPosApp.JwtSecret,
        ];
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, log));
        var refreshId = refresh.Headers.GetValues("X-Request-Id").Single();
        Assert.Contains(App.Logs.Events, e => Prop(e, "RequestId") == refreshId // the refresh itself was logged
            && Prop(e, "RequestPath") == "/v1/auth/refresh" && Prop(e, "StatusCode") == "200");
    }

    [Fact]
    public async Task Each_request_is_one_line_with_request_id_user_path_status_and_elapsed_ms()
    {
        using var admin = await App.AdminAsync();

        var response = await admin.GetAsync("/v1/usuarios?page=1");

        var id = response.Headers.GetValues("X-Request-Id").Single();
        var line = Assert.Single(App.Logs.Events, e => Prop(e, "RequestId") == id && e.Properties.ContainsKey("StatusCode"));
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Equal("GET", Prop(line, "RequestMethod"));
        Assert.Equal("/v1/usuarios", Prop(line, "RequestPath")); // without the query string
        Assert.Equal("200", Prop(line, "StatusCode"));
        Assert.Equal(DatabaseInitializer.AdminUserName, Prop(line, "UserName"));
        Assert.True(double.TryParse(Prop(line, "Elapsed"), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Contains("/v1/usuarios", line.RenderMessage());
    }

    [Fact]
    public async Task Lines_logged_inside_a_request_carry_its_request_id()
    {
        var name = "log" + Guid.NewGuid().ToString("N")[..8];
        await App.CreateUserAsync(name, "cajero");

        var response = await App.Client().PostAsJsonAsync("/v1/auth/login", new { username = name, password = "clave-1234" });

        var id = response.Headers.GetValues("X-Request-Id").Single();
        var inner = Assert.Single(App.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Login by") && Prop(e, "User") == name);
        Assert.Equal(id, Prop(inner, "RequestId"));
    }

    [Fact]
    public async Task Each_app_writes_its_own_log()
    {
        await using var otherDb = await TestDatabase.CreateAsync();
        await using var other = new BlendPosApp(otherDb);
        other.Start(); // started after this class's app

        var mine = await App.Client().GetAsync("/v1/no-existe-" + Guid.NewGuid().ToString("N"));
        var theirs = await other.Client().GetAsync("/v1/no-existe-" + Guid.NewGuid().ToString("N"));

        var mineId = mine.Headers.GetValues("X-Request-Id").Single();
        var theirsId = theirs.Headers.GetValues("X-Request-Id").Single();
        Assert.Contains(App.Logs.Events, e => Prop(e, "RequestId") == mineId);
        Assert.DoesNotContain(App.Logs.Events, e => Prop(e, "RequestId") == theirsId);
        Assert.Contains(other.Logs.Events, e => Prop(e, "RequestId") == theirsId);
        Assert.DoesNotContain(other.Logs.Events, e => Prop(e, "RequestId") == mineId);
    }

    private static string? Prop(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var value) ? value is ScalarValue { Value: var v } ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : value.ToString() : null;

    private static string Render(LogEvent e) =>
        $"{e.RenderMessage()} {string.Join(" ", e.Properties.Select(p => $"{p.Key}={p.Value}"))} {e.Exception}";
}
