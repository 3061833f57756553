using BlendPos.Web.Features.Auth;
using Coravel;

namespace BlendPos.Web.Infrastructure.Jobs;

/// <summary>
/// Coravel's in-process scheduler. Every instance runs it, so a job must be harmless to run twice; work that must
/// survive a restart is a row that a job picks up, never the scheduler's own state.
/// </summary>
public static class JobsSetup
{
    public static IServiceCollection AddBlendPosJobs(this IServiceCollection services)
    {
        services.AddScheduler();
        services.AddTransient<AuthPruning>();
        return services;
    }

    public static IServiceProvider UseBlendPosJobs(this IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(JobsSetup));
        services.UseScheduler(s => s.Schedule<AuthPruning>()
                .DailyAtHour(6) // UTC: 3 a.m. in Argentina, when no shop is open
                .PreventOverlapping(nameof(AuthPruning)))
            .OnError(e => logger.LogError(e, "Scheduled job failed"));
        return services;
    }
}
