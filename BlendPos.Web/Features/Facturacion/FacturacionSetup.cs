using BlendPos.Web.Features.Facturacion.Configuracion;
using BlendPos.Web.Features.Facturacion.Documentos;
using BlendPos.Web.Features.Facturacion.Emision;
using BlendPos.Web.Features.Shared;
using Coravel;
using Coravel.Queuing.Interfaces;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlendPos.Web.Features.Facturacion;

/// <summary>Invoicing's services, its Coravel queue and sweep, and the shop identity read from the issuer configuration.</summary>
public static class FacturacionSetup
{
    public static IServiceCollection AddFacturacion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ConfiguracionFacturacionService>();
        services.AddScoped<FacturacionService>();
        services.AddScoped<EmisionJob>();
        services.AddTransient<BarridoPendientes>();
        services.AddSingleton<ColaEmision>();
        services.AddScoped<IFacturaDocumentos, FacturaDocumentos>();
        services.AddScoped<BloqueFiscalTicket>();
        // The receipt and the PDF print the issuer configured on /facturacion/configuracion, else BLENDPOS_SHOP_*.
        services.Replace(ServiceDescriptor.Singleton<IDatosComercio, DatosComercioFacturacion>());
        if (!services.Any(d => d.ServiceType == typeof(IQueue))) services.AddQueue();
        // BLENDPOS_INVOICE_SWEEP=false leaves the sweep to explicit calls (tests that must decide when rows are claimed).
        if (configuration.GetValue("BLENDPOS_INVOICE_SWEEP", true)) services.AddHostedService<ProgramacionBarrido>();
        return services;
    }

    /// <summary>Adds the sweep to Coravel's scheduler once the app has started (the scheduler itself is JobsSetup's).</summary>
    private sealed class ProgramacionBarrido(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.UseScheduler(s => s.Schedule<BarridoPendientes>().EveryThirtySeconds().PreventOverlapping(nameof(BarridoPendientes)));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
