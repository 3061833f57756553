using BlendPos.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace BlendPos.Web.Infrastructure.Auth;

/// <summary>
/// Whether a user is still active, cached for a short while so bearer requests do not query the database each time.
/// Deactivation in this process evicts at once; other instances notice within <see cref="Ttl"/>.
/// </summary>
public sealed class UserStatusCache(IMemoryCache cache, IServiceScopeFactory scopes)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    public async Task<bool> IsActiveAsync(Guid userId, CancellationToken ct = default)
    {
        if (cache.TryGetValue(Key(userId), out bool active)) return active;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlendPosDb>();
        active = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Activo).FirstOrDefaultAsync(ct);
        cache.Set(Key(userId), active, Ttl);
        return active;
    }

    public void Forget(Guid userId) => cache.Remove(Key(userId));

    private static string Key(Guid id) => "user-active:" + id;
}
