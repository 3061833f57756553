using BlendPos.Web.Infrastructure.Config;
using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace BlendPos.Web.Infrastructure.Cache;

/// <summary>
/// Redis is a cache, never a dependency: without REDIS_URL the app uses memory only; with it, a Redis that is down
/// or unreachable makes look-ups fall back to memory instead of waiting on it.
/// </summary>
public static class RedisSetup
{
    public static IServiceCollection AddBlendPosCache(this IServiceCollection services, IConfiguration config)
    {
        services.AddMemoryCache();
        var redisUrl = config["REDIS_URL"];
        if (!string.IsNullOrWhiteSpace(redisUrl))
        {
            var options = ConfigurationOptions.Parse(ConnectionUrls.ToRedis(redisUrl));
            options.AbortOnConnectFail = false;      // start even when Redis is down; reconnect in the background
            options.ConnectTimeout = 2000;
            options.SyncTimeout = 1000;
            options.AsyncTimeout = 1000;
            options.BacklogPolicy = BacklogPolicy.FailFast; // while disconnected, fail at once instead of queueing
            options.ClientName = "blendpos";
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
            services.AddSingleton<IDistributedCache, ResilientRedisCache>();
        }
        services.AddHybridCache(o =>
        {
            o.DefaultEntryOptions = new Microsoft.Extensions.Caching.Hybrid.HybridCacheEntryOptions
            {
                Expiration = TimeSpan.FromMinutes(10),
                LocalCacheExpiration = TimeSpan.FromMinutes(10),
            };
        });
        return services;
    }

    public static bool RedisConfigured(IConfiguration config) => !string.IsNullOrWhiteSpace(config["REDIS_URL"]);
}
