using System.Net;
using BlendPos.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace BlendPos.Tests.Features.Security;

/// <summary>
/// Role × endpoint over everything the app routes (read from its EndpointDataSource, pages compiled): each endpoint's
/// minimum role comes from its own authorization metadata, and every role is tried against it with an empty body —
/// below the minimum it is refused (401/403, or the login / access-denied redirect for pages), at or above it is let
/// through (whatever the handler then says about the empty body, never 500).
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class RoleMatrixTests(SecurityAppFixture fx)
{
    private static readonly Access[] Everyone = [Access.Anonymous, Access.Cajero, Access.Supervisor, Access.Admin];

    [Fact]
    public async Task Every_endpoint_and_page_declares_who_may_call_it()
    {
        var callables = await fx.CallablesAsync();

        var problems = callables.Where(c => c.RuleProblem is not null).Select(c => $"{c}: {c.RuleProblem}").Distinct().ToList();

        Assert.True(problems.Count == 0, "Endpoints without an explicit authorization rule:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void A_route_mapped_without_a_rule_is_reported_and_one_with_a_rule_is_not()
    {
        // What a route added tomorrow outside the /v1 group (or with its rule forgotten) looks like to the inventory.
        RouteEndpoint Endpoint(params object[] metadata)
        {
            var b = new RouteEndpointBuilder(_ => Task.CompletedTask, RoutePatternFactory.Parse("/v1/nuevo"), 0);
            foreach (var m in metadata) b.Metadata.Add(m);
            b.Metadata.Add(new HttpMethodMetadata(["POST"]));
            return (RouteEndpoint)b.Build();
        }

        Assert.NotNull(Assert.Single(EndpointInventory.FromEndpoint(Endpoint())).RuleProblem);
        Assert.NotNull(Assert.Single(EndpointInventory.FromEndpoint(Endpoint(new AuthorizeAttribute("otra-politica")))).RuleProblem);
        var anonymous = Assert.Single(EndpointInventory.FromEndpoint(Endpoint(new AllowAnonymousAttribute())));
        Assert.Null(anonymous.RuleProblem);
        Assert.Equal(Access.Anonymous, anonymous.Minimum);
        var strictest = Assert.Single(EndpointInventory.FromEndpoint(Endpoint(new AuthorizeAttribute(Policies.Cajero), new AuthorizeAttribute(Policies.Supervisor))));
        Assert.Null(strictest.RuleProblem);
        Assert.Equal(Access.Supervisor, strictest.Minimum);
    }

    [Fact]
    public async Task The_inventory_sees_the_known_routes_with_their_rules()
    {
        var callables = await fx.CallablesAsync();
        Access Rule(string text) => Assert.Single(callables, c => c.ToString() == text).Minimum;

        // If these drift the matrix below would be testing the wrong thing (or nothing).
        Assert.Equal(Access.Anonymous, Rule("POST /v1/auth/login"));
        Assert.Equal(Access.Anonymous, Rule("GET /v1/precio/{barcode}"));
        Assert.Equal(Access.Cajero, Rule("POST /v1/ventas/"));
        Assert.Equal(Access.Supervisor, Rule("POST /v1/caja/cerrar"));
        Assert.Equal(Access.Admin, Rule("DELETE /v1/usuarios/{id:guid}"));
        Assert.Equal(Access.Admin, Rule("GET /usuarios"));
        Assert.Equal(Access.Supervisor, Rule("GET /productos"));
        Assert.Equal(Access.Admin, Rule("POST /productos/{id:guid}?handler=Vincular"));
        Assert.Equal(Access.Supervisor, Rule("POST /caja/sesiones/{id:guid}?handler=Cerrar"));
        Assert.Equal(Access.Anonymous, Rule("GET /login"));
        Assert.True(callables.Count(c => c.IsApi) >= 30, $"only {callables.Count(c => c.IsApi)} /v1 endpoints found");
        Assert.True(callables.Count(c => c.IsPage) >= 40, $"only {callables.Count(c => c.IsPage)} page handlers found");
    }

    [Fact]
    public async Task Api_endpoints_admit_exactly_the_roles_their_rule_names()
    {
        var failures = new List<string>();
        foreach (var c in (await fx.CallablesAsync()).Where(c => !c.IsPage))
        foreach (var who in Everyone)
        {
            var client = await fx.BearerAsync(who);
            var response = await client.SendAsync(SecurityAppFixture.Request(c, SecurityAppFixture.PathOf(c),
                SecurityAppFixture.MinimalBody(c, null), null));
            var status = (int)response.StatusCode;
            var refused = status is 401 or 403;
            if (who < c.Minimum && !refused) failures.Add($"{c} as {who}: {status}, expected 401/403 (minimum {c.Minimum})");
            if (who >= c.Minimum && refused) failures.Add($"{c} as {who}: {status} {await BodyAsync(response)}");
            if (status >= 500) failures.Add($"{c} as {who}: {status} {await BodyAsync(response)}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Page_handlers_admit_exactly_the_roles_their_rule_names()
    {
        var failures = new List<string>();
        foreach (var c in (await fx.CallablesAsync()).Where(c => c.IsPage))
        foreach (var who in Everyone)
        {
            var session = await fx.PageSessionAsync(who);
            var path = SecurityAppFixture.PathOf(c) + SecurityAppFixture.QueryOf(c);
            var response = await session.SendAsync(SecurityAppFixture.Request(c, path,
                SecurityAppFixture.MinimalBody(c, session.Antiforgery), session.Antiforgery));
            var status = (int)response.StatusCode;
            if (path == fx.AccessDeniedPath)
            {
                if (status != 403) failures.Add($"{c} as {who}: {status}, expected the access-denied page (403)");
                continue;
            }
            var refused = status is 401 or 403 || IsDenialRedirect(response);
            if (who < c.Minimum && !refused) failures.Add($"{c} as {who}: {status} {response.Headers.Location}, expected a refusal (minimum {c.Minimum})");
            if (who >= c.Minimum && refused) failures.Add($"{c} as {who}: {status} {response.Headers.Location}");
            if (status >= 500) failures.Add($"{c} as {who}: {status}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The cookie handler's challenge and forbid: /login or /acceso-denegado with a ReturnUrl.</summary>
    public static bool IsDenialRedirect(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)) return false;
        var location = response.Headers.Location?.OriginalString ?? "";
        var path = location.Split('?')[0];
        if (Uri.TryCreate(location, UriKind.Absolute, out var abs)) path = abs.AbsolutePath;
        return path is "/login" or "/acceso-denegado" && location.Contains("ReturnUrl=", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<string> BodyAsync(HttpResponseMessage r)
    {
        var body = await r.Content.ReadAsStringAsync();
        return body.Length > 300 ? body[..300] : body;
    }
}
