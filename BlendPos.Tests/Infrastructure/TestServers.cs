using Npgsql;
using Testcontainers.PostgreSql;

namespace BlendPos.Tests.Infrastructure;

/// <summary>
/// Where the tests find PostgreSQL, Redis and Chromium. `./blendpos test` starts them and sets the variables;
/// without them, PostgreSQL falls back to Testcontainers where a Docker engine answers.
/// </summary>
public static class TestServers
{
    private static readonly Lazy<Task<string>> Server = new(FindPostgresAsync);

    /// <summary>A server-level connection string (no database), with the test user.</summary>
    public static Task<string> PostgresAsync() => Server.Value;

    public static string? RedisUrl => Environment.GetEnvironmentVariable("BLENDPOS_TEST_REDIS_URL");

    public static string ChromiumPath => Environment.GetEnvironmentVariable("BLENDPOS_CHROMIUM") ?? "/usr/bin/chromium";

    private static async Task<string> FindPostgresAsync()
    {
        var fromEnv = Environment.GetEnvironmentVariable("BLENDPOS_TEST_DATABASE_URL");
        if (!string.IsNullOrWhiteSpace(fromEnv)) return fromEnv;

        try
        {
            var container = new PostgreSqlBuilder("postgres:15").Build();
            await container.StartAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            var builder = new NpgsqlConnectionStringBuilder(container.GetConnectionString()) { Database = null };
            return builder.ConnectionString;
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                "No PostgreSQL for the tests: run them with `./blendpos test` (it starts PostgreSQL and Redis and sets " +
                "BLENDPOS_TEST_DATABASE_URL), or set BLENDPOS_TEST_DATABASE_URL to a server you own, or start Docker " +
                $"for Testcontainers. ({e.GetType().Name}: {e.Message})", e);
        }
    }

    /// <summary>The repository root (where BlendPos.sln is), for screenshots and content roots.</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BlendPos.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("BlendPos.sln not found above the test binaries.");
        }
    }
}
