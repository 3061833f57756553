using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BlendPos.Web.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlendPos.Tests.Infrastructure;

/// <summary>
/// The real app over its own database (and the test Redis when there is one). <see cref="Kestrel"/> = true serves on a
/// real 127.0.0.1 port for the browser tests; otherwise requests go through the in-memory test server.
/// </summary>
public class BlendPosApp : WebApplicationFactory<Program>
{
    public const string AdminPassword = "admin-test-1234";
    public const string JwtSecret = "test-secret-0123456789-0123456789-abcdef";

    public TestDatabase Database { get; }
    public CapturedLogs Logs { get; } = new();
    public FakeTimeProvider? Clock { get; }
    private readonly string? _redisUrl;
    private readonly bool _kestrel;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IWebHostBuilder>? _configure;

    /// <param name="configure">Runs last in <see cref="ConfigureWebHost"/>: extra services or middleware for one test class.</param>
    public BlendPosApp(TestDatabase database, bool kestrel = false, string? redisUrl = null, bool useRedis = true,
        FakeTimeProvider? clock = null, IDictionary<string, string?>? settings = null, Action<IWebHostBuilder>? configure = null)
    {
        Database = database;
        _configure = configure;
        Clock = clock;
        _kestrel = kestrel;
        _redisUrl = redisUrl ?? (useRedis ? TestServers.RedisUrl : null);
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (kestrel) UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("DATABASE_URL", Database.ConnectionString);
        builder.UseSetting("JWT_SECRET", JwtSecret);
        builder.UseSetting("BLENDPOS_ADMIN_PASSWORD", AdminPassword);
        builder.UseSetting("BLENDPOS_CACHE_PREFIX", Database.Name);
        builder.UseSetting("REDIS_URL", _redisUrl ?? "");
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
        builder.UseContentRoot(Path.Combine(TestServers.RepoRoot, "BlendPos.Web"));
        builder.ConfigureServices(s => s.AddSingleton<Serilog.Core.ILogEventSink>(Logs));
        if (Clock is not null)
            builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
        _configure?.Invoke(builder);
    }

    /// <summary>Starts the app (and its Kestrel socket when asked) and returns its base address.</summary>
    public Uri Start()
    {
        if (_kestrel) StartServer();
        else _ = Server;
        return ClientOptions.BaseAddress;
    }

    public Uri BaseAddress
    {
        get
        {
            Start();
            return _kestrel ? new Uri(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First())
                : ClientOptions.BaseAddress;
        }
    }

    /// <summary>A client without redirects, with cookies; over the real socket when the app runs on Kestrel.</summary>
    public HttpClient Client() => _kestrel
        ? new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() })
            { BaseAddress = BaseAddress }
        : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client with a bearer token for that user.</summary>
    public async Task<HttpClient> ClientAsAsync(string username, string password)
    {
        var client = Client();
        var token = await LoginAsync(client, username, password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return client;
    }

    public Task<HttpClient> AdminAsync() => ClientAsAsync(DatabaseInitializer.AdminUserName, AdminPassword);

    public static async Task<JsonElement> LoginAsync(HttpClient client, string username, string password)
    {
        var response = await client.PostAsJsonAsync("/v1/auth/login", new { username, password });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Login of {username} failed: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Creates a user through the admin API and returns its id.</summary>
    public async Task<Guid> CreateUserAsync(string username, string rol, string password = "clave-1234", int puntoDeVenta = 1)
    {
        using var admin = await AdminAsync();
        var response = await admin.PostAsJsonAsync("/v1/usuarios", new
        {
            username, nombre_completo = "Usuario " + username, rol, punto_de_venta = puntoDeVenta, password,
        });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Creating {username} failed: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Signs in through the /login page (antiforgery token and all) and returns a client holding only the page cookie.
    /// </summary>
    public async Task<HttpClient> CookieClientAsync(string username, string password)
    {
        var client = Client();
        var page = await (await client.GetAsync("/login")).Content.ReadAsStringAsync();
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Username"] = username,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = Http.HiddenInput(page, "__RequestVerificationToken"),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Page login of {username} failed: {(int)response.StatusCode} " +
                                                await response.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>Header that pins a request's client address when <see cref="DistinctClientAddresses"/> is on.</summary>
    public const string ClientIpHeader = "X-Test-Client-Ip";

    /// <summary>
    /// The in-memory server gives requests no client address, so all of an app's requests share one login rate-limit
    /// bucket (20 a minute) and a class that logs in often gets 429s. Pass this as <c>configure</c> to give each request
    /// its own address, or the one in <see cref="ClientIpHeader"/> (to hit the limit on purpose).
    /// </summary>
    public static void DistinctClientAddresses(IWebHostBuilder builder) =>
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new ClientAddressFilter()));

    /// <summary>
    /// Identity hashes passwords with 100 000 PBKDF2 rounds (~0.1 s each); a class that creates and logs in many users
    /// spends most of its time there. Pass as <c>configure</c> to hash with few rounds (the stored hash records them).
    /// </summary>
    public static void QuickPasswordHashing(IWebHostBuilder builder) =>
        builder.ConfigureServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));

    private sealed class ClientAddressFilter : IStartupFilter
    {
        private int _next;

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[ClientIpHeader], out var pinned))
                    http.Connection.RemoteIpAddress = pinned;
                else if (http.Connection.RemoteIpAddress is null)
                    http.Connection.RemoteIpAddress = new IPAddress(BitConverter.GetBytes(0x0000000A | (Interlocked.Increment(ref _next) << 8)));
                return nextMiddleware(http);
            });
            next(app);
        };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>xunit class fixture: a fresh database and app per test class.</summary>
public class AppFixture : IAsyncLifetime
{
    public BlendPosApp App { get; private set; } = null!;

    protected virtual bool Kestrel => false;

    public async Task InitializeAsync()
    {
        var db = await TestDatabase.CreateAsync();
        App = CreateApp(db);
        App.Start();
    }

    /// <summary>Override to build the class's app with other options (clock, settings, middleware).</summary>
    protected virtual BlendPosApp CreateApp(TestDatabase db) => new(db, kestrel: Kestrel);

    public async Task DisposeAsync()
    {
        if (App is null) return; // InitializeAsync failed; its exception is what the test report shows
        await App.DisposeAsync();
        await App.Database.DisposeAsync();
    }
}

/// <summary>A fresh database and app per class, with quick password hashing and one client address per request.</summary>
public class QuickAppFixture : AppFixture
{
    protected override BlendPosApp CreateApp(TestDatabase db) => new(db, kestrel: Kestrel, configure: b =>
    {
        BlendPosApp.QuickPasswordHashing(b);
        BlendPosApp.DistinctClientAddresses(b);
    });
}

public sealed class KestrelAppFixture : AppFixture
{
    protected override bool Kestrel => true;
}
