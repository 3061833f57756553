using Coravel;

namespace BlendPos.Web.Features.Reportes;

/// <summary>The reports' services and the daily summary job on Coravel's scheduler (registered by Infrastructure/Jobs).</summary>
public static class ResumenSetup
{
    public static IServiceCollection AddReportes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ReportesService>();
        services.AddScoped<ResumenService>();
        services.AddTransient<ResumenJob>();
        // BLENDPOS_SUMMARY_JOB=false leaves summarizing to explicit calls (tests that decide when a day is summarized).
        if (configuration.GetValue("BLENDPOS_SUMMARY_JOB", true)) services.AddHostedService<ProgramacionResumen>();
        return services;
    }

    /// <summary>
    /// Every 15 minutes: a day is summarized within a quarter of an hour of its end (midnight in Argentina), and a day
    /// made dirty by a void or a late offline sale is summarized again as soon. A run with nothing to do is two index
    /// look-ups. Every instance runs it; the job is idempotent and its table lock serializes instances.
    /// </summary>
    private sealed class ProgramacionResumen(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.UseScheduler(s => s.Schedule<ResumenJob>().EveryFifteenMinutes().PreventOverlapping(nameof(ResumenJob)));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
