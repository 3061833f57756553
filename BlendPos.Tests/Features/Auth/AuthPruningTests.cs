using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Auth;
using BlendPos.Web.Infrastructure.Auth;
using Coravel.Scheduling.Schedule.Interfaces;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlendPos.Tests.Features.Auth;

/// <summary>A year from now by the app's clock, so only the TimeProvider can make these rows old.</summary>
public sealed class PruningAppFixture : AppFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow.AddYears(1));

    protected override BlendPosApp CreateApp(TestDatabase db) =>
        new(db, clock: Clock, configure: BlendPosApp.QuickPasswordHashing);
}

public sealed class AuthPruningTests(PruningAppFixture fx) : IClassFixture<PruningAppFixture>
{
    private BlendPosApp App => fx.App;

    [Fact]
    public async Task Daily_job_deletes_refresh_tokens_spent_more_than_30_days_ago_and_keeps_the_rest()
    {
        var usuario = await App.CreateUserAsync("u" + Guid.NewGuid().ToString("N")[..10], "cajero");
        var now = fx.Clock.GetUtcNow();
        var day = TimeSpan.FromDays(1);
        var rows = new Dictionary<string, RefreshToken>
        {
            ["expired 31 days ago"] = Token(usuario, expires: now - 31 * day),
            ["used 31 days ago"] = Token(usuario, expires: now - 24 * day, used: now - 31 * day),
            ["revoked 31 days ago"] = Token(usuario, expires: now - 24 * day, revoked: now - 31 * day),
            ["expired 29 days ago"] = Token(usuario, expires: now - 29 * day),
            ["used yesterday"] = Token(usuario, expires: now + 6 * day, used: now - day),
            ["revoked yesterday"] = Token(usuario, expires: now + 6 * day, revoked: now - day),
            ["valid"] = Token(usuario, expires: now + 7 * day),
        };
        await WithDbAsync(async db =>
        {
            db.RefreshTokens.AddRange(rows.Values);
            await db.SaveChangesAsync();
        });

        await using (var scope = App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AuthPruning>().PruneAsync();

        var left = await WithDbAsync(db => db.RefreshTokens.Where(t => t.UsuarioId == usuario).Select(t => t.Id).ToListAsync());
        Assert.Equal(
            ["expired 29 days ago", "revoked yesterday", "used yesterday", "valid"],
            rows.Where(r => left.Contains(r.Value.Id)).Select(r => r.Key).Order());
    }

    [Fact]
    public async Task Daily_job_deletes_lockout_counts_whose_run_is_over()
    {
        var usuario = await App.CreateUserAsync("u" + Guid.NewGuid().ToString("N")[..10], "cajero");
        var now = fx.Clock.GetUtcNow();
        await WithDbAsync(async db =>
        {
            db.UserTokens.AddRange(
                Count(usuario, "192.0.2.1", 5, now - TimeSpan.FromMinutes(6)),
                Count(usuario, "192.0.2.2", 5, now - TimeSpan.FromMinutes(1)));
            await db.SaveChangesAsync();
        });

        await using (var scope = App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AuthPruning>().PruneAsync();

        var left = await WithDbAsync(db => db.UserTokens
            .Where(t => t.UserId == usuario && t.LoginProvider == LoginAttempts.Provider).Select(t => t.Name).ToListAsync());
        Assert.Equal(["192.0.2.2"], left);
    }

    [Fact]
    public async Task Coravel_runs_the_job_daily_at_six_utc()
    {
        var usuario = await App.CreateUserAsync("u" + Guid.NewGuid().ToString("N")[..10], "cajero");
        var old = Token(usuario, expires: fx.Clock.GetUtcNow() - TimeSpan.FromDays(40));
        await WithDbAsync(async db =>
        {
            db.RefreshTokens.Add(old);
            await db.SaveChangesAsync();
        });
        var scheduler = Assert.IsType<Coravel.Scheduling.Schedule.Scheduler>(App.Services.GetRequiredService<IScheduler>());
        var today = DateTime.UtcNow.Date;

        await scheduler.RunAtAsync(today.AddHours(5));
        Assert.True(await WithDbAsync(db => db.RefreshTokens.AnyAsync(t => t.Id == old.Id)));

        await scheduler.RunAtAsync(today.AddHours(6));
        Assert.False(await WithDbAsync(db => db.RefreshTokens.AnyAsync(t => t.Id == old.Id)));
    }

    private static RefreshToken Token(Guid usuario, DateTimeOffset expires, DateTimeOffset? used = null, DateTimeOffset? revoked = null) => new()
    {
        Id = Guid.NewGuid(), UsuarioId = usuario, TokenHash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
        CreatedAt = expires - TimeSpan.FromDays(7), ExpiresAt = expires, UsedAt = used, RevokedAt = revoked,
    };

    private static IdentityUserToken<Guid> Count(Guid usuario, string address, int attempts, DateTimeOffset at) => new()
    {
        UserId = usuario, LoginProvider = LoginAttempts.Provider, Name = address, Value = $"{attempts}|{at.ToUnixTimeMilliseconds()}",
    };

    private async Task<T> WithDbAsync<T>(Func<BlendPosDb, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<BlendPosDb>());
    }

    private Task WithDbAsync(Func<BlendPosDb, Task> work) => WithDbAsync(async db => { await work(db); return 0; });
}
