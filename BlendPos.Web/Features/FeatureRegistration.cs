using BlendPos.Web.Data;
using BlendPos.Web.Features.Auth;
using BlendPos.Web.Features.Usuarios;
using BlendPos.Web.Infrastructure.Auth;

namespace BlendPos.Web.Features;

/// <summary>Every business area registers its services and maps its /v1 endpoints here.</summary>
public static class FeatureRegistration
{
    public static IServiceCollection AddBlendPosFeatures(this IServiceCollection services)
    {
        services.AddScoped<AuthService>();
        services.AddScoped<UsuarioService>();
        services.AddScoped<DemoData>();
        return services;
    }

    public static IEndpointRouteBuilder MapBlendPosApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1")
            .RequireAuthorization(Policies.Cajero)
            .AddEndpointFilter<CookieAntiforgeryFilter>()
            .DisableAntiforgery(); // form-bound endpoints would validate twice; the filter above covers cookie calls
        v1.MapAuthApi();
        v1.MapUsuariosApi();
        // Unknown /v1 paths answer 404 problem+json rather than falling through to the pages.
        v1.Map("/{**rest}", () => Results.Problem(statusCode: 404, title: "No encontrado", detail: "La ruta no existe."))
            .AllowAnonymous();
        return app;
    }
}
