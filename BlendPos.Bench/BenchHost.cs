using System.Data.Common;
using System.Diagnostics;
using BlendPos.Web.Data;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BlendPos.Bench;

/// <summary>
/// The real app (Program.cs, every middleware) on a real 127.0.0.1 Kestrel socket, in this process. Logging is kept at
/// Warning so no per-request line is written while timing. A first middleware records how long each request spends
/// inside the app (<see cref="ServerTimings"/>): the "server-side" figure, without the client and the socket.
/// </summary>
public sealed class BenchHost(string databaseUrl, string? redisUrl, string cachePrefix, string adminPassword, string jwtSecret)
    : WebApplicationFactory<Program>
{
    /// <summary>A request header that sets the client address the app sees (login rate limit per address).</summary>
    public const string ClientIpHeader = "X-Bench-Client-Ip";

    public ServerTimings Timings { get; } = new();
    public SqlCapture Sql { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("DATABASE_URL", databaseUrl);
        builder.UseSetting("REDIS_URL", redisUrl ?? "");
        builder.UseSetting("JWT_SECRET", jwtSecret);
        builder.UseSetting("BLENDPOS_ADMIN_PASSWORD", adminPassword);
        builder.UseSetting("BLENDPOS_CACHE_PREFIX", cachePrefix);
        builder.UseSetting("BLENDPOS_DEMO_DATA", "false");
        // The reports bench runs the daily summary itself and times it; a scheduled run must not land mid-measure.
        builder.UseSetting("BLENDPOS_SUMMARY_JOB", "false");
        // The price check is rate limited per address (120 a minute); every bench request comes from 127.0.0.1.
        builder.UseSetting("BLENDPOS_PRICECHECK_PER_MINUTE", "100000000");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:BlendPos", "Warning");
        // Every /pos page a browser bench loads carries an antiforgery token, which warns that it set no-store.
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore.Antiforgery", "Error");
        // EF logs an error when the migrator probes the history table of the new, empty database; a failing request
        // during the run stops the bench anyway.
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore.Database.Command", "Fatal");
        builder.UseContentRoot(Path.Combine(Repo.Root, "BlendPos.Web"));
        builder.ConfigureServices(s =>
        {
            s.AddSingleton<IStartupFilter>(new TimingFilter(Timings));
            s.ConfigureDbContext<BlendPosDb>(o => o.AddInterceptors(Sql));
        });
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Starts Kestrel (which migrates the database) and returns the address it listens on.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }

    private sealed class TimingFilter(ServerTimings timings) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext http, RequestDelegate nextMiddleware) =>
            {
                // Every bench request comes from 127.0.0.1; the sales scenario logs in 17 times (the login limit is 20
                // a minute per address), so it may name a client address per terminal.
                if (http.Request.Headers.TryGetValue(ClientIpHeader, out var ip) && IPAddress.TryParse(ip.ToString(), out var address))
                    http.Connection.RemoteIpAddress = address;
                var start = Stopwatch.GetTimestamp();
                await nextMiddleware(http);
                timings.Record(Stopwatch.GetTimestamp() - start);
                if (http.Request.Headers.TryGetValue(ServerTimings.OpHeader, out var op)) timings.RecordOp(op.ToString(), Stopwatch.GetTimestamp() - start);
            });
            next(app);
        };
    }
}

/// <summary>Server-side elapsed ticks of the requests made while armed and not paused (one measurement at a time).</summary>
public sealed class ServerTimings
{
    private long[]? _ticks;
    private int _count;
    private volatile bool _paused;

    public void Arm(int capacity)
    {
        _count = 0;
        _paused = true;
        Volatile.Write(ref _ticks, new long[capacity]);
    }

    public void Resume() => _paused = false;

    public void Pause() => _paused = true;

    public long[] Disarm()
    {
        var ticks = Interlocked.Exchange(ref _ticks, null) ?? [];
        return ticks.AsSpan(0, Math.Min(_count, ticks.Length)).ToArray();
    }

    /// <summary>A request header naming the operation (the shift scenario): its server time is kept per operation too.</summary>
    public const string OpHeader = "X-Bench-Op";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Collections.Concurrent.ConcurrentQueue<long>> _ops = new();

    public void RecordOp(string op, long elapsed) => _ops.GetOrAdd(op, _ => new()).Enqueue(elapsed);

    /// <summary>The server times recorded per operation since the last call (and forgets them).</summary>
    public Dictionary<string, long[]> TakeOps()
    {
        var result = _ops.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        _ops.Clear();
        return result;
    }

    public void Record(long elapsed)
    {
        var ticks = Volatile.Read(ref _ticks);
        if (ticks is null || _paused) return;
        var i = Interlocked.Increment(ref _count) - 1;
        if (i < ticks.Length) ticks[i] = elapsed;
    }
}

/// <summary>The SQL text of the commands EF runs while armed (one request at a time).</summary>
public sealed class SqlCapture : DbCommandInterceptor
{
    private List<string>? _commands;

    public void Arm() => Volatile.Write(ref _commands, []);

    public List<string> Disarm() => Interlocked.Exchange(ref _commands, null) ?? [];

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Record(DbCommand command)
    {
        var commands = Volatile.Read(ref _commands);
        if (commands is null) return;
        lock (commands) commands.Add(command.CommandText);
    }
}

public static class Repo
{
    /// <summary>The repository root (where BlendPos.sln is).</summary>
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BlendPos.sln"))) dir = dir.Parent;
            return dir?.FullName ?? Directory.GetCurrentDirectory();
        }
    }
}
