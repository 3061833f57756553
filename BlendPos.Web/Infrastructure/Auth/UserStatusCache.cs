using BlendPos.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace BlendPos.Web.Infrastructure.Auth;

/// <summary>
/// Whether a user is still active (and on which security stamp), cached for a short while so bearer requests do not
/// query the database each time. A change in this process evicts at once; other instances notice within <see cref="Ttl"/>.
/// </summary>
public sealed class UserStatusCache(IMemoryCache cache, IServiceScopeFactory scopes)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    private sealed record Status(bool Activo, string Stamp);

    /// <summary>An access token still counts if its user is active and was not deactivated, re-roled or re-passworded since.</summary>
    public async Task<bool> AcceptsAsync(Guid userId, string? tokenStamp, CancellationToken ct = default)
    {
        var status = await StatusAsync(userId, ct);
        return status.Activo && tokenStamp == status.Stamp;
    }

    private async Task<Status> StatusAsync(Guid userId, CancellationToken ct)
    {
        if (cache.TryGetValue(Key(userId), out Status? cached) && cached is not null) return cached;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlendPosDb>();
        var row = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Activo, u.SecurityStamp }).FirstOrDefaultAsync(ct);
        var status = new Status(row?.Activo ?? false, TokenService.StampOf(row?.SecurityStamp));
        cache.Set(Key(userId), status, Ttl);
        return status;
    }

    public void Forget(Guid userId) => cache.Remove(Key(userId));

    private static string Key(Guid id) => "user-active:" + id;
}
