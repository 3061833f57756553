using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace BlendPos.Web.Infrastructure.Cache;

/// <summary>
/// The second-level cache over Redis. A Redis failure is a cache miss (reads) or a skipped write, logged at most
/// once a minute: the shop keeps selling on the in-memory cache and the database.
/// </summary>
public sealed class ResilientRedisCache(
    IConnectionMultiplexer redis, ILogger<ResilientRedisCache> logger, TimeProvider clock, IConfiguration config)
    : IDistributedCache
{
    // BLENDPOS_CACHE_PREFIX lets several databases (tests, or shops on one Redis) share a Redis without collisions.
    private readonly string Prefix = $"blendpos:{config["BLENDPOS_CACHE_PREFIX"] ?? "main"}:cache:";
    private long _lastWarningTicks;

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        if (!redis.IsConnected) return null;
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(Prefix + key);
            return value.HasValue ? (byte[]?)value : null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Warn(e);
            return null;
        }
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        SetAsync(key, value, options).GetAwaiter().GetResult();

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        if (!redis.IsConnected) return;
        try
        {
            var db = redis.GetDatabase();
            if (Expiry(options) is { } ttl) await db.StringSetAsync(Prefix + key, value, ttl);
            else await db.StringSetAsync(Prefix + key, value);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Warn(e);
        }
    }

    public void Refresh(string key) { }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        if (!redis.IsConnected) return;
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(Prefix + key);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Warn(e);
        }
    }

    private TimeSpan? Expiry(DistributedCacheEntryOptions o)
    {
        if (o.AbsoluteExpirationRelativeToNow is { } relative) return relative;
        if (o.AbsoluteExpiration is { } absolute) return absolute - clock.GetUtcNow();
        return o.SlidingExpiration;
    }

    private void Warn(Exception e)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastWarningTicks);
        if (now - last < TimeSpan.TicksPerMinute || Interlocked.CompareExchange(ref _lastWarningTicks, now, last) != last) return;
        logger.LogWarning("Redis cache unavailable, using memory only: {Error}", e.Message);
    }
}
