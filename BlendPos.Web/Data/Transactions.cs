using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Data;

public static class Transactions
{
    /// <summary>
    /// One business operation = one transaction, run inside the retrying execution strategy (STYLE 2). A retry starts
    /// from an empty change tracker, so entities added by the failed attempt are not inserted twice; the work must
    /// therefore load what it changes inside <paramref name="work"/>.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this BlendPosDb db, Func<Task<T>> work, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var result = await work();
            await tx.CommitAsync(ct);
            return result;
        });
}
