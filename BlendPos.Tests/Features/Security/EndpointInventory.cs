using System.Reflection;
using BlendPos.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace BlendPos.Tests.Features.Security;

/// <summary>Who may call something, in the order admin ≥ supervisor ≥ cajero ≥ anonymous.</summary>
public enum Access { Anonymous = 0, Cajero = 1, Supervisor = 2, Admin = 3 }

/// <summary>One thing a client can call: a non-page endpoint (/v1, /health) or one handler of a Razor page.</summary>
public sealed record Callable(
    bool IsPage,
    string Method,
    RoutePattern Route,
    string? Handler,
    Access Minimum,
    string? RuleProblem,
    IReadOnlyList<string> BodyContentTypes,
    Type? BodyType,
    IReadOnlyList<ParameterInfo> HandlerParameters,
    IReadOnlyList<BoundField> FormFields)
{
    public bool IsApi => Route.RawText?.TrimStart('/').StartsWith("v1", StringComparison.Ordinal) == true;
    public bool TakesJson => BodyContentTypes.Any(c => c.Contains("json", StringComparison.OrdinalIgnoreCase));

    public override string ToString() => $"{Method} /{Route.RawText?.TrimStart('/')}{(Handler is { Length: > 0 } ? "?handler=" + Handler : "")}";
}

/// <summary>A form field a page handler binds (<c>[BindProperty]</c>), flattened one level: <c>Input.Username</c>.</summary>
public sealed record BoundField(string Name, Type Type);

/// <summary>
/// Everything the app routes, read from its own <see cref="EndpointDataSource"/> — so a route added tomorrow is in the
/// security tests tomorrow, with the rule its metadata declares. Razor pages are compiled through the app's
/// <see cref="PageLoader"/> to see their model's attributes and handler methods.
/// </summary>
public static class EndpointInventory
{
    public static async Task<IReadOnlyList<Callable>> ReadAsync(IServiceProvider services)
    {
        var source = services.GetRequiredService<EndpointDataSource>();
        var loader = services.GetRequiredService<PageLoader>();
        var result = new List<Callable>();
        var seenPages = new HashSet<string>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var page = endpoint.Metadata.GetMetadata<PageActionDescriptor>();
            if (page is null)
            {
                result.AddRange(FromEndpoint(endpoint));
                continue;
            }
            if (!seenPages.Add(page.RelativePath + "|" + endpoint.RoutePattern.RawText)) continue;
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            result.AddRange(FromPage(endpoint.RoutePattern, compiled));
        }
        return result;
    }

    public static IEnumerable<Callable> FromEndpoint(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        var (minimum, problem) = RuleOf(endpoint.Metadata, endpoint.DisplayName ?? endpoint.RoutePattern.RawText ?? "?");
        var accepts = endpoint.Metadata.GetOrderedMetadata<IAcceptsMetadata>();
        var contentTypes = accepts.SelectMany(a => a.ContentTypes).Distinct().ToList();
        var bodyType = accepts.Select(a => a.RequestType).FirstOrDefault(t => t is not null);
        foreach (var method in methods is { Count: > 0 } ? methods : ["GET"])
            yield return new Callable(false, method, endpoint.RoutePattern, null, minimum, problem, contentTypes, bodyType, [], []);
    }

    private static IEnumerable<Callable> FromPage(RoutePattern route, CompiledPageActionDescriptor page)
    {
        var metadata = page.Endpoint?.Metadata ?? new EndpointMetadataCollection(page.EndpointMetadata);
        var (pageMinimum, problem) = RuleOf(metadata, "page " + page.ViewEnginePath);
        var fields = page.BoundProperties.SelectMany(Flatten).ToList();
        var handlers = page.HandlerMethods.ToList();
        // A page without OnGet still renders on GET.
        if (!handlers.Any(h => h.HttpMethod.Equals("GET", StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(h.Name)))
            yield return new Callable(true, "GET", route, "", pageMinimum, problem, [], null, [], []);
        foreach (var h in handlers)
        {
            var minimum = pageMinimum;
            if (h.MethodInfo.GetCustomAttribute<HandlerPolicyAttribute>() is { } rule)
                minimum = (Access)Math.Max((int)minimum, (int)(Parse(rule.Policy) ?? Access.Admin));
            var parameters = h.MethodInfo.GetParameters()
                .Where(p => p.ParameterType != typeof(CancellationToken) && !p.GetCustomAttributes().Any(a => a.GetType().Name == "FromServicesAttribute"))
                .ToList();
            var method = h.HttpMethod.ToUpperInvariant();
            var bodyFields = method == "GET" ? [] : fields;
            yield return new Callable(true, method, route, h.Name ?? "", minimum, problem,
                method == "GET" ? [] : ["application/x-www-form-urlencoded"], null, parameters, bodyFields);
        }
    }

    /// <summary>[BindProperty] Input → Input.Username, Input.Password; a simple property is its own field.</summary>
    private static IEnumerable<BoundField> Flatten(Microsoft.AspNetCore.Mvc.Abstractions.ParameterDescriptor property)
    {
        var name = property.BindingInfo?.BinderModelName ?? property.Name;
        var type = property.ParameterType;
        if (IsSimple(type))
        {
            yield return new BoundField(name, type);
            yield break;
        }
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            yield return new BoundField($"{name}.{p.Name}", p.PropertyType);
    }

    public static bool IsSimple(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(Guid) ||
               t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(TimeOnly);
    }

    /// <summary>
    /// The minimum role an endpoint's metadata declares, as the authorization middleware reads it: AllowAnonymous wins;
    /// otherwise the strictest of its named policies. No rule at all is a problem the matrix reports.
    /// </summary>
    private static (Access, string?) RuleOf(EndpointMetadataCollection metadata, string what)
    {
        if (metadata.GetMetadata<IAllowAnonymous>() is not null) return (Access.Anonymous, null);
        var data = metadata.GetOrderedMetadata<IAuthorizeData>();
        if (metadata.GetOrderedMetadata<AuthorizationPolicy>().Count > 0)
            return (Access.Admin, $"{what}: an inline AuthorizationPolicy; use a named policy from Policies so its role can be read");
        if (data.Count == 0)
            return (Access.Anonymous, $"{what}: no authorization rule; add RequireAuthorization(Policies.X) or AllowAnonymous()");
        var level = Access.Cajero; // [Authorize] with no policy: any signed-in user, and every user is at least a cajero
        foreach (var d in data)
        {
            if (!string.IsNullOrEmpty(d.Policy))
            {
                if (Parse(d.Policy) is not { } p) return (Access.Admin, $"{what}: policy «{d.Policy}» is not one of Policies");
                level = (Access)Math.Max((int)level, (int)p);
            }
            if (!string.IsNullOrEmpty(d.Roles))
            {
                var roles = d.Roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToList();
                if (roles.Any(r => r is null)) return (Access.Admin, $"{what}: roles «{d.Roles}» are not BlendPOS roles");
                level = (Access)Math.Max((int)level, (int)roles.Min()!.Value);
            }
        }
        return (level, null);
    }

    private static Access? Parse(string policyOrRole) => policyOrRole switch
    {
        Policies.Cajero => Access.Cajero,
        Policies.Supervisor => Access.Supervisor,
        Policies.Admin => Access.Admin,
        _ => null,
    };
}
