using System.Net;
using System.Text.RegularExpressions;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;

namespace BlendPos.Tests.Features.Platform;

/// <summary>The Razor Pages shell: Spanish pages, the role wall on pages, security headers and a CSP that holds.</summary>
public sealed class PagesShellTests(QuickAppFixture fx) : IClassFixture<QuickAppFixture>
{
    private BlendPosApp App => fx.App;

    [Fact]
    public async Task Anonymous_home_redirects_to_login()
    {
        var response = await App.Client().GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.AbsolutePath : response.Headers.Location.OriginalString.Split('?')[0]);
    }

    [Fact]
    public async Task Login_page_is_in_spanish()
    {
        var response = await App.Client().GetAsync("/login");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"es-AR\"", html);
        Assert.Contains("Ingresar", html);
        Assert.Contains("Contraseña", html);
    }

    [Fact]
    public async Task Unknown_page_is_a_spanish_404_page()
    {
        var response = await App.Client().GetAsync("/no-existe-esta-pagina");

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"es-AR\"", html);
        Assert.Contains("Página no encontrada", html);
    }

    [Fact]
    public async Task Cajero_cannot_open_the_users_page()
    {
        var name = "c" + Guid.NewGuid().ToString("N")[..10];
        await App.CreateUserAsync(name, "cajero");
        var cajero = await App.CookieClientAsync(name, "clave-1234");

        var response = await cajero.GetAsync("/usuarios");

        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Equal("/acceso-denegado", response.Headers.Location!.IsAbsoluteUri
                ? response.Headers.Location.AbsolutePath : response.Headers.Location.OriginalString.Split('?')[0]);
            response = await cajero.GetAsync(response.Headers.Location);
        }
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("No tenés permiso", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Admin_opens_the_users_page()
    {
        var admin = await App.CookieClientAsync(DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword);

        var response = await admin.GetAsync("/usuarios");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"es-AR\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/")]
    [InlineData("/usuarios")]
    public async Task Pages_carry_the_security_headers_and_vary_on_hx_request(string path)
    {
        var response = await (await ClientForAsync(path)).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.False(string.IsNullOrEmpty(Assert.Single(response.Headers.GetValues("Referrer-Policy"))));
        Assert.Contains("HX-Request", response.Headers.Vary);
    }

    [Fact]
    public async Task Api_answers_carry_the_security_headers_too()
    {
        var response = await App.Client().GetAsync("/health");

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/")]
    [InlineData("/usuarios")]
    public async Task Pages_have_no_inline_script(string path)
    {
        var response = await (await ClientForAsync(path)).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();

        var scripts = Regex.Matches(html, @"<script\b([^>]*)>(.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase);
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s =>
        {
            Assert.Matches(@"\bsrc=""/", s.Groups[1].Value);
            Assert.True(string.IsNullOrWhiteSpace(s.Groups[2].Value), $"inline script body in {path}: {s.Value}");
        });
        Assert.DoesNotMatch(@"<[^>]*\son[a-z]+\s*=", html); // inline event handlers are inline script too
        Assert.DoesNotContain("<style", html);
    }

    /// <summary>/login is seen signed out (signed in it redirects home); the other pages as the admin.</summary>
    private async Task<HttpClient> ClientForAsync(string path) => path == "/login"
        ? App.Client()
        : await App.CookieClientAsync(DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword);
}
