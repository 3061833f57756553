using BlendPos.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace BlendPos.Web.Infrastructure.Auth;

/// <summary>
/// Password attempts counted per (user, client address) — the lockout. Identity's own lockout locked the account, so
/// anybody anywhere could keep the admin out by typing wrong passwords; here five failures in a row lock that user out
/// from that address only, for five minutes after the fifth, and the same user still signs in from another address.
/// The per-address rate limits (AuthSetup) bound guessing across users.
/// <para>
/// Where the count lives: for an existing user, in the database — one row in Identity's <c>usuario_tokens</c> per
/// (user, address), <c>value</c> = "attempts|epoch ms" — so every app instance sharing the database sees the same
/// count, Redis or not, and no schema change was needed. An unknown user name has no row to hang it on (the table
/// references <c>usuarios</c>); it is counted in this instance's memory only, so that it locks the same way and the
/// lockout does not tell which user names exist.
/// </para>
/// </summary>
public sealed class LoginAttempts(BlendPosDb db, IMemoryCache memory, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    /// <summary>The <c>login_provider</c> of the rows; no Identity feature reads it.</summary>
    public const string Provider = "blendpos:login-attempts";

    /// <summary>
    /// Counts an attempt before its password is checked (so concurrent guesses cannot all slip in under the limit) and
    /// returns its number in the current run: 1..<see cref="MaxFailures"/> may try, more are refused unchecked. A run
    /// ends with <see cref="ClearAsync"/> (a success) or <see cref="Window"/> after its last counted attempt — after
    /// the <see cref="MaxFailures"/>th once locked, so hammering a locked pair does not prolong the lock.
    /// </summary>
    public async Task<int> CountAsync(Guid? usuarioId, string username, string address, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var window = (long)Window.TotalMilliseconds;
        if (usuarioId is not { } id) return CountInMemory(username, address, now, window);

        // One statement: atomic under concurrent attempts and across instances. Not composed on by EF (an INSERT
        // cannot be a subquery), hence ToList.
        var counted = await db.Database.SqlQuery<int>($"""
            INSERT INTO usuario_tokens AS t (user_id, login_provider, name, value)
            VALUES ({id}, {Provider}, {address}, '1|' || {now}::text)
            ON CONFLICT (user_id, login_provider, name) DO UPDATE SET value = CASE
                WHEN {now} - split_part(t.value, '|', 2)::bigint >= {window} THEN '1|' || {now}::text
                WHEN split_part(t.value, '|', 1)::int >= {MaxFailures} THEN (split_part(t.value, '|', 1)::int + 1)::text || '|' || split_part(t.value, '|', 2)
                ELSE (split_part(t.value, '|', 1)::int + 1)::text || '|' || {now}::text
            END
            RETURNING split_part(value, '|', 1)::int AS "Value"
            """).ToListAsync(ct);
        return counted[0];
    }

    /// <summary>A success: the pair starts afresh.</summary>
    public async Task ClearAsync(Guid? usuarioId, string username, string address, CancellationToken ct)
    {
        if (usuarioId is not { } id)
        {
            memory.Remove(MemoryKey(username, address));
            return;
        }
        await db.UserTokens.Where(t => t.UserId == id && t.LoginProvider == Provider && t.Name == address)
            .ExecuteDeleteAsync(ct);
    }

    /// <summary>Deletes rows whose run is over (the daily job; a success deletes its own at once).</summary>
    public async Task<int> PruneAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow().ToUnixTimeMilliseconds() - (long)Window.TotalMilliseconds;
        return await db.Database.ExecuteSqlAsync($"""
            DELETE FROM usuario_tokens
            WHERE login_provider = {Provider} AND split_part(value, '|', 2)::bigint <= {before}
            """, ct);
    }

    private int CountInMemory(string username, string address, long now, long window)
    {
        var run = memory.GetOrCreate(MemoryKey(username, address), e =>
        {
            e.SlidingExpiration = Window;
            return new Run();
        })!;
        lock (run)
        {
            if (now - run.Since >= window) (run.Count, run.Since) = (1, now);
            else if (run.Count >= MaxFailures) run.Count++;
            else (run.Count, run.Since) = (run.Count + 1, now);
            return run.Count;
        }
    }

    private static string MemoryKey(string username, string address) => $"login-attempts:{username}|{address}";

    private sealed class Run
    {
        public int Count;
        public long Since = long.MinValue / 2;
    }
}
