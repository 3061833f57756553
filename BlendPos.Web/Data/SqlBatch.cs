using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace BlendPos.Web.Data;

/// <summary>
/// Npgsql batches on the DbContext's connection and transaction: statements that do not depend on each other's answers
/// travel in one round trip. Used where a hot path is latency-bound (a sale: several terminals on 2 cores).
/// </summary>
public static class SqlBatch
{
    public static NpgsqlBatch Create(BlendPosDb db, IEnumerable<NpgsqlBatchCommand> commands)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        var batch = new NpgsqlBatch(connection, transaction);
        foreach (var c in commands) batch.BatchCommands.Add(c);
        return batch;
    }

    /// <summary>
    /// A positional command ($1, $2…). Arrays go as PostgreSQL arrays of their element type (for unnest); null needs
    /// its type, so pass a typed <see cref="NpgsqlParameter"/> for a value that may be null.
    /// </summary>
    public static NpgsqlBatchCommand Cmd(string sql, params object[] values)
    {
        var c = new NpgsqlBatchCommand(sql);
        foreach (var v in values)
        {
            c.Parameters.Add(v switch
            {
                NpgsqlParameter p => p,
                string?[] s => new NpgsqlParameter { Value = s, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                Guid[] g => new NpgsqlParameter { Value = g, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                int[] n => new NpgsqlParameter { Value = n, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
                decimal[] d => new NpgsqlParameter { Value = d, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric },
                _ => new NpgsqlParameter { Value = v },
            });
        }
        return c;
    }

    /// <summary>
    /// One positional query on the context's connection (opened for it when closed, inside the current transaction if
    /// any), each row mapped by <paramref name="map"/>. For raw SQL on the hot paths: no EF query pipeline (cache key,
    /// parameter extraction, shaper) between the request and the reader.
    /// </summary>
    public static async Task<List<T>> ListAsync<T>(BlendPosDb db, Func<NpgsqlDataReader, T> map, string sql, CancellationToken ct,
        params object[] values)
    {
        var cerrada = db.Database.GetDbConnection().State != System.Data.ConnectionState.Open;
        if (cerrada) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var batch = Create(db, [Cmd(sql, values)]);
            await using var reader = await batch.ExecuteReaderAsync(ct);
            var filas = new List<T>();
            while (await reader.ReadAsync(ct)) filas.Add(map(reader));
            return filas;
        }
        finally
        {
            if (cerrada) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A nullable timestamptz parameter.</summary>
    public static NpgsqlParameter Momento(DateTimeOffset? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };

    /// <summary>A nullable uuid parameter.</summary>
    public static NpgsqlParameter Id(Guid? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid };

    /// <summary>A nullable text parameter.</summary>
    public static NpgsqlParameter Texto(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
