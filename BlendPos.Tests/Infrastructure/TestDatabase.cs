using BlendPos.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BlendPos.Tests.Infrastructure;

/// <summary>
/// Each test class gets its own database, copied from a template migrated once per test run: copying takes
/// milliseconds, migrating takes seconds, and no test sees another's rows.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>
    /// Start time (UTC, to the minute) and a random part: databases of earlier runs are recognised by age, so a run
    /// never drops the databases of another run still going on the same server.
    /// </summary>
    private static readonly string RunId = $"{DateTime.UtcNow:yyMMddHHmm}{Guid.NewGuid().ToString("N")[..6]}";
    private static readonly TimeSpan LeftoverAge = TimeSpan.FromHours(3);
    private static readonly SemaphoreSlim CreateLock = new(1, 1);
    private static Task<string>? _template;

    public string Name { get; }
    public string ConnectionString { get; }
    private readonly string _server;

    private TestDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true }.ConnectionString;
    }

    public static async Task<TestDatabase> CreateAsync()
    {
        var server = await TestServers.PostgresAsync();
        var template = await TemplateAsync(server);
        var name = $"blendpos_t_{RunId}_{Guid.NewGuid():N}"[..48];
        await CreateLock.WaitAsync();
        try
        {
            await ExecAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        }
        finally
        {
            CreateLock.Release();
        }
        return new TestDatabase(server, name);
    }

    /// <summary>An empty database (no migrations), for the test that migrations apply from scratch.</summary>
    public static async Task<TestDatabase> CreateEmptyAsync()
    {
        var server = await TestServers.PostgresAsync();
        var name = $"blendpos_e_{RunId}_{Guid.NewGuid():N}"[..48];
        await ExecAsync(server, $"CREATE DATABASE \"{name}\"");
        return new TestDatabase(server, name);
    }

    public NpgsqlConnection Open()
    {
        var c = new NpgsqlConnection(ConnectionString);
        c.Open();
        return c;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await ExecAsync(_server, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
        }
        catch (NpgsqlException)
        {
            // The run's databases are also dropped at the next start; a failed drop must not fail a test.
        }
    }

    private static Task<string> TemplateAsync(string server)
    {
        lock (CreateLock) return _template ??= BuildTemplateAsync(server);
    }

    private static async Task<string> BuildTemplateAsync(string server)
    {
        await DropLeftoversAsync(server);
        var name = $"blendpos_tpl_{RunId}";
        await ExecAsync(server, $"CREATE DATABASE \"{name}\"");
        var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        await using (var db = new BlendPosDb(new DbContextOptionsBuilder<BlendPosDb>().UseNpgsql(cs).UseSnakeCaseNamingConvention().Options))
        {
            await db.Database.MigrateAsync();
        }
        NpgsqlConnection.ClearAllPools(); // CREATE DATABASE … TEMPLATE refuses while anyone is connected to it
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { ExecAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult(); }
            catch (NpgsqlException) { }
        };
        return name;
    }

    /// <summary>Databases of earlier runs that were killed before cleaning up.</summary>
    private static async Task DropLeftoversAsync(string server)
    {
        var names = new List<string>();
        await using (var conn = new NpgsqlConnection(server))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "SELECT datname FROM pg_database WHERE datname ~ '^blendpos_(t|e|tpl)_[0-9]{10}'", conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            var cutoff = (DateTime.UtcNow - LeftoverAge).ToString("yyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture);
            while (await reader.ReadAsync())
            {
                var name = reader.GetString(0);
                var stamp = name[(name.IndexOf('_', "blendpos_".Length) + 1)..][..10];
                if (string.CompareOrdinal(stamp, cutoff) < 0) names.Add(name);
            }
        }
        // Only runs that started hours ago: a run still going (another terminal) keeps its databases.
        foreach (var n in names)
        {
            try { await ExecAsync(server, $"DROP DATABASE IF EXISTS \"{n}\" WITH (FORCE)"); }
            catch (NpgsqlException) { }
        }
    }

    private static async Task ExecAsync(string server, string sql)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
