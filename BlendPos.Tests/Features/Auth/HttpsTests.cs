using BlendPos.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BlendPos.Tests.Features.Auth;

/// <summary>The app as deployed: the Production environment, reached over HTTPS (as behind Traefik).</summary>
public sealed class ProductionAppFixture : AppFixture
{
    protected override BlendPosApp CreateApp(TestDatabase db) => new(db, configure: b => b.UseEnvironment("Production"));
}

public sealed class HttpsTests(ProductionAppFixture fx) : IClassFixture<ProductionAppFixture>
{
    private HttpClient Client(string scheme) => fx.App.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri($"{scheme}://blendpos.example/"), AllowAutoRedirect = false,
    });

    [Fact]
    public async Task Production_over_https_answers_strict_transport_security()
    {
        var response = await Client("https").GetAsync("/login");

        Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "No Strict-Transport-Security header");
        Assert.Matches(@"^max-age=\d{7,}", Assert.Single(hsts));
    }

    [Fact]
    public async Task Plain_http_gets_no_strict_transport_security()
    {
        var response = await Client("http").GetAsync("/login");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_antiforgery_cookie_is_secure_over_https_only()
    {
        var overHttps = AntiforgeryCookie(await Client("https").GetAsync("/login"));
        var overHttp = AntiforgeryCookie(await Client("http").GetAsync("/login"));

        Assert.Contains("secure", overHttps.Split(';').Select(p => p.Trim().ToLowerInvariant()));
        Assert.DoesNotContain("secure", overHttp.Split(';').Select(p => p.Trim().ToLowerInvariant()));
    }

    private static string AntiforgeryCookie(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out var cookies), "No Set-Cookie");
        return Assert.Single(cookies, c => c.StartsWith("blendpos.af="));
    }
}
