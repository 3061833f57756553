using System.Net;
using System.Text.Json;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using Npgsql;

namespace BlendPos.Tests.Features.Platform;

/// <summary>GET /health: only PostgreSQL makes it fail; Redis is a cache the shop sells without.</summary>
public sealed class HealthTests(QuickAppFixture fx) : IClassFixture<QuickAppFixture>
{
    [Fact]
    public async Task Health_is_ok_with_the_database_and_the_test_redis_connected()
    {
        var response = await fx.App.Client().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"ok":true,"db":"connected","redis":"connected"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_says_redis_disconnected_when_redis_is_unreachable_and_login_still_works()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var app = new BlendPosApp(db, redisUrl: "127.0.0.1:1");
        var client = app.Client();

        var health = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var json = await health.JsonAsync();
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.Equal("connected", json.GetProperty("db").GetString());
        Assert.Equal("disconnected", json.GetProperty("redis").GetString());
        await BlendPosApp.LoginAsync(client, DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword);
        using var admin = await app.AdminAsync();
        await (await admin.GetAsync("/v1/usuarios")).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Health_says_redis_disabled_without_redis_url()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var app = new BlendPosApp(db, useRedis: false);

        var health = await app.Client().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("""{"ok":true,"db":"connected","redis":"disabled"}""", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_is_503_naming_the_database_while_postgres_refuses_connections()
    {
        var client = fx.App.Client();
        await (await client.GetAsync("/health")).ShouldBeAsync(HttpStatusCode.OK);

        await SetConnectionsAllowedAsync(false);
        HttpResponseMessage down;
        try
        {
            down = await client.GetAsync("/health");
        }
        finally
        {
            await SetConnectionsAllowedAsync(true);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        var json = await down.JsonAsync();
        Assert.False(json.GetProperty("ok").GetBoolean());
        Assert.Equal("disconnected", json.GetProperty("db").GetString());
        Assert.Equal(JsonValueKind.String, json.GetProperty("redis").ValueKind);

        // And it recovers on its own once the database is back.
        await (await client.GetAsync("/health")).ShouldBeAsync(HttpStatusCode.OK);
    }

    /// <summary>Closes the class database to new connections and ends the app's current ones (or reopens it).</summary>
    private async Task SetConnectionsAllowedAsync(bool allowed)
    {
        var server = new NpgsqlConnectionStringBuilder(await TestServers.PostgresAsync()) { Database = "postgres", Pooling = false };
        await using var conn = new NpgsqlConnection(server.ConnectionString);
        await conn.OpenAsync();
        var name = fx.App.Database.Name;
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS {allowed}", conn))
            await alter.ExecuteNonQueryAsync();
        if (allowed) return;
        await using var kill = new NpgsqlCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", conn);
        kill.Parameters.AddWithValue(name);
        await kill.ExecuteNonQueryAsync();
    }
}
