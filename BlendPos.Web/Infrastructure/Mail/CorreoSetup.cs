using BlendPos.Web.Features.Facturacion.Documentos;
using Coravel;
using Coravel.Queuing.Interfaces;
using Coravel.Scheduling.Schedule.Interfaces;

namespace BlendPos.Web.Infrastructure.Mail;

public static class CorreoSetup
{
    /// <summary>SMTP (MailKit), the document e-mail with its retries and sweep, and the admins' notices.</summary>
    public static IServiceCollection AddCorreo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(CorreoOptions.FromConfiguration(configuration));
        services.AddSingleton<IEnviadorCorreo, EnviadorSmtp>();
        services.AddScoped<CorreoComprobantes>();
        services.AddScoped<EnvioFacturas>();
        services.AddScoped<IFacturaCorreo, FacturaCorreo>();
        services.AddSingleton<INotificadorAdmins, NotificadorAdmins>();
        services.AddTransient<BarridoCorreos>();
        // Coravel's queue is shared with invoicing; whoever registers first wins, the other skips it.
        if (!services.Any(d => d.ServiceType == typeof(IQueue))) services.AddQueue();
        services.AddHostedService<ProgramarBarridoCorreos>();
        return services;
    }

    /// <summary>
    /// Adds the sweep to Coravel's scheduler (registered by Infrastructure/Jobs) when the app starts, so this folder
    /// needs no line in Program.cs. Every minute; an instance never runs two sweeps at once.
    /// </summary>
    private sealed class ProgramarBarridoCorreos(IScheduler scheduler) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            scheduler.Schedule<BarridoCorreos>().EveryMinute().PreventOverlapping(nameof(BarridoCorreos));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
