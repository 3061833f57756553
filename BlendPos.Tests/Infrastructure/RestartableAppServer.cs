using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;

namespace BlendPos.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel at a fixed 127.0.0.1 port that a test can stop and start again against the same database.
/// Service workers, IndexedDB and cookies belong to an origin (scheme, host and port), so a browser only finds its
/// offline outbox again when the restarted server answers on the very same port. Stopping disposes the whole app (its
/// Kestrel socket refuses connections, like a server that went down); data-protection keys live in the database, so
/// the browser's sign-in cookie and antiforgery tokens stay valid across a restart.
/// </summary>
public sealed class RestartableAppServer : IAsyncDisposable
{
    private readonly Action<IWebHostBuilder>? _configure;
    private BlendPosApp? _app;

    public TestDatabase Database { get; }
    public int Port { get; }
    public Uri BaseAddress { get; }

    /// <summary>How many times the app was started (1 after <see cref="CreateAsync"/>).</summary>
    public int Starts { get; private set; }

    private RestartableAppServer(TestDatabase database, int port, Action<IWebHostBuilder>? configure)
    {
        Database = database;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _configure = configure;
    }

    /// <summary>A fresh database and the app serving it on a port nobody else was using.</summary>
    public static async Task<RestartableAppServer> CreateAsync(Action<IWebHostBuilder>? configure = null)
    {
        var db = await TestDatabase.CreateAsync();
        var server = new RestartableAppServer(db, FreePort(), configure);
        server.Start();
        return server;
    }

    /// <summary>The running app; throws while stopped (a test that talks to a stopped server has a bug).</summary>
    public BlendPosApp App => _app ?? throw new InvalidOperationException("The app server is stopped.");

    public bool Running => _app is not null;

    /// <summary>Starts a new instance of the app on <see cref="Port"/> (no-op when it is running).</summary>
    public void Start()
    {
        if (_app is not null) return;
        var app = new FixedPortApp(Database, Port, _configure);
        try
        {
            var address = app.Start();
            if (address.Port != Port)
                throw new InvalidOperationException($"The app listens on {address}, not on port {Port}.");
        }
        catch
        {
            app.Dispose();
            throw;
        }
        _app = app;
        Starts++;
    }

    /// <summary>Stops the app: its socket is closed and every connection to it refused until <see cref="Start"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is null) return;
        var app = _app;
        _app = null;
        await app.DisposeAsync();
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        Start();
    }

    /// <summary>Asks the OS for a free port by binding port 0; the app then binds it for good.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Database.DisposeAsync();
    }

    /// <summary>
    /// BlendPosApp on Kestrel, bound to one given port: WebApplicationFactory keeps only the last UseKestrel options,
    /// so this replaces the base class's "any free port" listener.
    /// </summary>
    private sealed class FixedPortApp : BlendPosApp
    {
        public FixedPortApp(TestDatabase db, int port, Action<IWebHostBuilder>? configure)
            : base(db, kestrel: true, configure: configure)
        {
            UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        }
    }
}

/// <summary>xunit class fixture: one <see cref="RestartableAppServer"/> (its own database) per test class.</summary>
public sealed class RestartableAppFixture : IAsyncLifetime
{
    public RestartableAppServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RestartableAppServer.CreateAsync();

    public async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }
}
