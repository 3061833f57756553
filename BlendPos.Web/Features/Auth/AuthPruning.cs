using BlendPos.Web.Data;
using BlendPos.Web.Infrastructure.Auth;
using Coravel.Invocable;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Auth;

/// <summary>
/// The daily clean-up of sign-in rows (scheduled in JobsSetup): refresh tokens expired, used or revoked more than
/// <see cref="Retention"/> ago, and lockout counts whose run is over. A used token is kept that long because presenting
/// it again is how a stolen one is detected (it revokes the user's tokens); past its 7-day expiry it is refused anyway.
/// </summary>
public sealed class AuthPruning(BlendPosDb db, LoginAttempts attempts, TimeProvider clock, ILogger<AuthPruning> logger) : IInvocable
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public Task Invoke() => PruneAsync();

    /// <summary>The whole job; several instances may run it the same night, which is harmless.</summary>
    public async Task<(int RefreshTokens, int LoginAttempts)> PruneAsync(CancellationToken ct = default)
    {
        var before = clock.GetUtcNow() - Retention;
        var tokens = await db.RefreshTokens
            .Where(t => t.ExpiresAt < before || t.UsedAt < before || t.RevokedAt < before)
            .ExecuteDeleteAsync(ct);
        var counts = await attempts.PruneAsync(ct);
        logger.LogInformation("Auth pruning: {Tokens} refresh tokens and {Attempts} lockout counts deleted", tokens, counts);
        return (tokens, counts);
    }
}
