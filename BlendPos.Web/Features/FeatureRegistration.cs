using BlendPos.Web.Data;
using BlendPos.Web.Features.Auth;
using BlendPos.Web.Features.Caja;
using BlendPos.Web.Features.Catalogo;
using BlendPos.Web.Features.Facturacion;
using BlendPos.Web.Features.Inventario;
using BlendPos.Web.Features.Proveedores;
using BlendPos.Web.Features.Reportes;
using BlendPos.Web.Features.Usuarios;
using BlendPos.Web.Features.Ventas;
using BlendPos.Web.Infrastructure.Afip;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Pdf;

namespace BlendPos.Web.Features;

/// <summary>Every business area registers its services and maps its /v1 endpoints here.</summary>
public static class FeatureRegistration
{
    public static IServiceCollection AddBlendPosFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AuthService>();
        services.AddScoped<UsuarioService>();
        services.AddScoped<DemoData>();
        services.AddSingleton<CatalogCache>();
        services.AddScoped<CatalogoService>();
        services.AddScoped<CatalogoLookups>();
        services.AddScoped<InventarioService>();
        services.AddScoped<CajaService>();
        services.AddScoped<VentaService>();
        services.AddScoped<Shared.Aprobadores>();
        services.AddScoped<Shared.AutorizacionSupervisor>();
        services.AddHttpContextAccessor(); // the terminal address of a supervisor authorization (AutorizacionSupervisor)
        services.AddScoped<Conflictos.ConflictosService>();
        services.AddReportes(configuration); // the reports and their daily summary job
        services.AddSingleton<Shared.IDatosComercio, Shared.DatosComercioDesdeConfiguracion>();
        services.AddScoped<ProveedorService>();
        services.AddFacturacion(configuration); // after IDatosComercio: it replaces it with the issuer configuration
        services.AddAfip(configuration);
        services.AddDocumentosFiscales(configuration);
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
        v1.MapProductosApi();
        v1.MapPrecioApi();
        v1.MapInventarioApi();
        v1.MapCajaApi();
        v1.MapVentasApi();
        v1.MapTicketApi();
        v1.MapProveedoresApi();
        v1.MapFacturasApi();
        // No catch-all here: it would outrank routing's own 405 and 415 answers. An unknown /v1 path matches no endpoint
        // and UseStatusCodePages (for /v1 only, in Program) turns that bare 404 into problem+json.
        return app;
    }
}
