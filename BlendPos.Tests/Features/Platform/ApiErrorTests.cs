using System.Net;
using System.Net.Http.Json;
using System.Text;
using BlendPos.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BlendPos.Tests.Features.Platform;

/// <summary>
/// The app on a real Kestrel socket (the in-memory server does not enforce the body size limit), plus one test-only
/// route, <c>/v1/test-boom</c>, that throws after the app's own pipeline found no endpoint for it.
/// </summary>
public sealed class ErrorsAppFixture : AppFixture
{
    public const string BoomPath = "/v1/test-boom";
    public const string BoomMessage = "Boom at /srv/blendpos/Secret/Thing.cs line 42";

    protected override BlendPosApp CreateApp(TestDatabase db) => new(db, kestrel: true, configure: b =>
        b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new ThrowingRoute())));

    private sealed class ThrowingRoute : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((http, nextMiddleware) => http.Request.Path == BoomPath
                ? throw new InvalidOperationException(BoomMessage)
                : nextMiddleware(http));
        };
    }

    public HttpClient Client() => new() { BaseAddress = App.BaseAddress };
}

/// <summary>Every /v1 error is problem+json with the right status, and a 500 tells nothing about the code.</summary>
public sealed class ApiErrorTests(ErrorsAppFixture fx) : IClassFixture<ErrorsAppFixture>
{
    [Fact]
    public async Task Malformed_json_is_400_problem()
    {
        using var client = fx.Client();

        var response = await client.PostAsync("/v1/auth/login", Http.Json("{\"username\": "));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Json_with_a_wrong_field_type_is_400_problem()
    {
        using var client = fx.Client();

        var response = await client.PostAsync("/v1/auth/login", Http.Json("{\"username\": 12, \"password\": true}"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Wrong_content_type_is_415_problem()
    {
        using var client = fx.Client();

        var response = await client.PostAsync("/v1/auth/login",
            new StringContent("username=admin&password=x", Encoding.UTF8, "text/plain"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("GET", "/v1/no-existe")]
    [InlineData("POST", "/v1/no-existe/tampoco")]
    [InlineData("GET", "/v1/usuarios/no-es-un-guid/x")]
    public async Task Unknown_v1_path_is_404_problem(string method, string path)
    {
        using var client = fx.Client();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Wrong_method_on_a_known_path_is_405_problem()
    {
        using var client = fx.Client();

        var response = await client.DeleteAsync("/v1/auth/login");

        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Body_over_10_mb_is_413_problem()
    {
        using var client = fx.Client();
        var big = "{\"username\": \"" + new string('a', 11 * 1024 * 1024) + "\", \"password\": \"x\"}";

        // Expect: 100-continue lets Kestrel refuse by Content-Length before the body is sent, as browsers' uploads
        // see it; without it the client may still be writing when the server answers and closes.
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/login") { Content = Http.Json(big) };
        request.Headers.ExpectContinue = true;
        var response = await client.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Unhandled_error_is_500_problem_without_stack_trace_or_path()
    {
        using var client = fx.Client();

        var response = await client.GetAsync(ErrorsAppFixture.BoomPath);

        var body = await response.Content.ReadAsStringAsync();
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain(".cs", body);
        Assert.DoesNotContain("Boom", body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), problem.GetProperty("request_id").GetString());
        // The admin finds the cause in the log by that request id.
        Assert.Contains(fx.App.Logs.Events, e => e.Exception?.Message == ErrorsAppFixture.BoomMessage
            && e.Properties.TryGetValue("RequestId", out var id) && id.ToString().Trim('"') == problem.GetProperty("request_id").GetString());
    }

    [Theory]
    [InlineData("GET", "/v1/no-existe", HttpStatusCode.NotFound)]
    [InlineData("GET", "/v1/usuarios", HttpStatusCode.Unauthorized)]
    [InlineData("POST", "/v1/auth/login", HttpStatusCode.BadRequest)]
    public async Task Problem_request_id_is_the_x_request_id_header(string method, string path, HttpStatusCode status)
    {
        using var client = fx.Client();
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = JsonContent.Create(new { username = "", password = "" });

        var response = await client.SendAsync(request);

        var problem = await response.ShouldBeProblemAsync(status);
        var header = response.Headers.GetValues("X-Request-Id").Single();
        Assert.True(Guid.TryParse(header, out _), header);
        Assert.Equal(header, problem.GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task A_client_request_id_is_kept_and_echoed()
    {
        using var client = fx.Client();
        var id = Guid.NewGuid().ToString();
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/no-existe");
        request.Headers.Add("X-Request-Id", id);

        var response = await client.SendAsync(request);

        Assert.Equal(id, response.Headers.GetValues("X-Request-Id").Single());
        Assert.Equal(id, (await response.ShouldBeProblemAsync(HttpStatusCode.NotFound)).GetProperty("request_id").GetString());
    }
}
