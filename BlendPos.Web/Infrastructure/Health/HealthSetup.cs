using System.Text.Json;
using BlendPos.Web.Infrastructure.Cache;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace BlendPos.Web.Infrastructure.Health;

/// <summary>
/// GET /health → <c>{"ok": true, "db": "connected", "redis": "connected"|"disconnected"|"disabled"}</c>.
/// Only PostgreSQL makes it 503: Redis is a cache and the shop sells without it.
/// </summary>
public static class HealthSetup
{
    private const string Db = "db";
    private const string Redis = "redis";

    public static IServiceCollection AddBlendPosHealth(this IServiceCollection services, IConfiguration config, string npgsqlConnectionString)
    {
        var checks = services.AddHealthChecks()
            .AddNpgSql(npgsqlConnectionString, name: Db, timeout: TimeSpan.FromSeconds(3));
        if (RedisSetup.RedisConfigured(config))
            checks.AddRedis(sp => sp.GetRequiredService<IConnectionMultiplexer>(), name: Redis,
                failureStatus: HealthStatus.Degraded, timeout: TimeSpan.FromSeconds(2));
        return services;
    }

    public static IEndpointRouteBuilder MapBlendPosHealth(this IEndpointRouteBuilder app)
    {
        var redisEnabled = RedisSetup.RedisConfigured(app.ServiceProvider.GetRequiredService<IConfiguration>());
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = 200,
                [HealthStatus.Degraded] = 200,
                [HealthStatus.Unhealthy] = 503,
            },
            ResponseWriter = async (http, report) =>
            {
                var dbUp = report.Entries.TryGetValue(Db, out var db) && db.Status == HealthStatus.Healthy;
                string redis = !redisEnabled ? "disabled"
                    : report.Entries.TryGetValue(Redis, out var r) && r.Status == HealthStatus.Healthy ? "connected"
                    : "disconnected";
                http.Response.ContentType = "application/json";
                http.Response.Headers.CacheControl = "no-store";
                await JsonSerializer.SerializeAsync(http.Response.Body, new
                {
                    ok = dbUp,
                    db = dbUp ? "connected" : "disconnected",
                    redis,
                });
            },
        }).AllowAnonymous().DisableRateLimiting();
        return app;
    }
}
