using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlendPos.Tests.Features.Auth;

/// <summary>Counts the app's password verifications: the work that dominates a login's time.</summary>
public sealed class CountingPasswordHasher(IOptions<PasswordHasherOptions> options) : IPasswordHasher<Usuario>
{
    private readonly PasswordHasher<Usuario> _inner = new(options);
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(Usuario user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(Usuario user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public sealed class LoginAnswerFixture : AppFixture
{
    protected override BlendPosApp CreateApp(TestDatabase db) => new(db, configure: b =>
    {
        BlendPosApp.QuickPasswordHashing(b);
        BlendPosApp.DistinctClientAddresses(b);
        b.ConfigureServices(s =>
        {
            s.AddSingleton<CountingPasswordHasher>();
            s.AddSingleton<IPasswordHasher<Usuario>>(sp => sp.GetRequiredService<CountingPasswordHasher>());
        });
    });
}

/// <summary>
/// An unknown user and a wrong password are told apart neither by the answer nor by its time. The time is checked by
/// structure, not by a stopwatch (which a loaded 2-core machine would make flaky): both paths run exactly one password
/// verification, against a hash made by the same hasher with the same rounds.
/// </summary>
public sealed class LoginAnswerTests(LoginAnswerFixture fx) : IClassFixture<LoginAnswerFixture>
{
    private BlendPosApp App => fx.App;
    private CountingPasswordHasher Hasher => App.Services.GetRequiredService<CountingPasswordHasher>();

    [Fact]
    public async Task Api_answers_an_unknown_user_exactly_like_a_wrong_password_after_the_same_hashing()
    {
        var name = NewName();
        await App.CreateUserAsync(name, "cajero");

        var (wrong, wrongHashes) = await CountingAsync(() => App.Client().PostAsJsonAsync("/v1/auth/login", new { username = name, password = "otra-1234" }));
        var (unknown, unknownHashes) = await CountingAsync(() => App.Client().PostAsJsonAsync("/v1/auth/login", new { username = NewName(), password = "otra-1234" }));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        Assert.Equal(wrong.Content.Headers.ContentType, unknown.Content.Headers.ContentType);
        // Byte for byte, but for the request's ids.
        Assert.Equal(WithoutRequestIds(await wrong.Content.ReadAsStringAsync()), WithoutRequestIds(await unknown.Content.ReadAsStringAsync()));
        Assert.Equal(1, wrongHashes);
        Assert.Equal(1, unknownHashes);
    }

    [Fact]
    public async Task Login_page_answers_an_unknown_user_exactly_like_a_wrong_password_after_the_same_hashing()
    {
        var name = NewName();
        var unknownName = NewName(); // same length, so the echoed user name is the only difference
        await App.CreateUserAsync(name, "cajero");

        var (wrong, wrongHashes) = await CountingPageLoginAsync(name, "otra-1234");
        var (unknown, unknownHashes) = await CountingPageLoginAsync(unknownName, "otra-1234");

        Assert.Equal(HttpStatusCode.OK, wrong.Status);
        Assert.Equal(wrong.Status, unknown.Status);
        Assert.Contains("Usuario o contraseña incorrectos.", WebUtility.HtmlDecode(wrong.Html));
        Assert.Equal(Normalize(wrong.Html, name), Normalize(unknown.Html, unknownName));
        Assert.Equal(1, wrongHashes);
        Assert.Equal(1, unknownHashes);
    }

    [Fact]
    public async Task An_inactive_user_is_refused_like_a_wrong_password_after_the_same_hashing()
    {
        var name = NewName();
        var id = await App.CreateUserAsync(name, "cajero");
        using (var admin = await App.AdminAsync())
            await (await admin.DeleteAsync($"/v1/usuarios/{id}")).ShouldBeAsync(HttpStatusCode.OK);

        var (inactive, hashes) = await CountingAsync(() => App.Client().PostAsJsonAsync("/v1/auth/login", new { username = name, password = "clave-1234" }));

        var problem = await inactive.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Usuario o contraseña incorrectos.", problem.GetProperty("detail").GetString());
        Assert.Equal(1, hashes);
    }

    private async Task<(HttpResponseMessage Response, int Hashes)> CountingAsync(Func<Task<HttpResponseMessage>> send)
    {
        var before = Hasher.Verifications;
        var response = await send();
        await response.Content.LoadIntoBufferAsync();
        return (response, Hasher.Verifications - before);
    }

    private async Task<((HttpStatusCode Status, string Html) Page, int Hashes)> CountingPageLoginAsync(string username, string password)
    {
        var client = App.Client();
        var form = await (await client.GetAsync("/login")).Content.ReadAsStringAsync();
        var before = Hasher.Verifications;
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Username"] = username,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = Http.HiddenInput(form, "__RequestVerificationToken"),
        }));
        var html = await response.Content.ReadAsStringAsync();
        return ((response.StatusCode, html), Hasher.Verifications - before);
    }

    private static string WithoutRequestIds(string json) => Regex.Replace(json, "\"(request_id|trace_id)\":\"[^\"]*\"", "\"$1\":\"\"");

    /// <summary>The page minus what differs on every request (antiforgery tokens) and the user name it echoes.</summary>
    private static string Normalize(string html, string username) =>
        Regex.Replace(html, "(name=\"__RequestVerificationToken\"[^>]*value=\"|name=\"request-verification-token\"[^>]*content=\")[^\"]*", "$1")
            .Replace(username, "USUARIO");

    private static string NewName() => "u" + Guid.NewGuid().ToString("N")[..10];
}
