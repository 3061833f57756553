using System.Net.Http.Headers;
using System.Text;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BlendPos.Tests.Features.Security;

/// <summary>
/// One app and one database for the security suite: a cajero, a supervisor and the admin, each with a bearer client
/// (for /v1) and a page session (cookie + antiforgery token), and the app's endpoint inventory.
/// </summary>
public sealed class SecurityAppFixture : QuickAppFixture
{
    public const string Password = "clave-1234";
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<Access, string> _users = [];
    private readonly Dictionary<Access, HttpClient> _bearer = [];
    private readonly Dictionary<Access, PageSession> _pages = [];
    private IReadOnlyList<Callable>? _callables;
    private string? _countSql;

    public async Task<IReadOnlyList<Callable>> CallablesAsync()
    {
        await ReadyAsync();
        return _callables!;
    }

    /// <summary>The cookie handler's access-denied page: it answers 403 to everybody, that is its job.</summary>
    public string AccessDeniedPath => App.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
        .Get(IdentityConstants.ApplicationScheme).AccessDeniedPath.Value!;

    public async Task<HttpClient> BearerAsync(Access who)
    {
        await ReadyAsync();
        return _bearer[who];
    }

    /// <summary>The role's page session; a new one after a request signed it out (POST /logout).</summary>
    public async Task<PageSession> PageSessionAsync(Access who)
    {
        await ReadyAsync();
        await _lock.WaitAsync();
        try
        {
            if (!_pages.TryGetValue(who, out var s) || s.SignedOut)
                _pages[who] = s = await NewPageSessionAsync(who);
            return s;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task ReadyAsync()
    {
        if (_callables is not null) return;
        await _lock.WaitAsync();
        try
        {
            if (_callables is not null) return;
            _users[Access.Admin] = DatabaseInitializer.AdminUserName;
            foreach (var (who, rol) in new[] { (Access.Cajero, "cajero"), (Access.Supervisor, "supervisor") })
            {
                var name = $"{rol[..3]}{Guid.NewGuid():N}"[..14];
                await App.CreateUserAsync(name, rol, Password);
                _users[who] = name;
            }
            _bearer[Access.Anonymous] = App.Client();
            foreach (var (who, name) in _users)
                _bearer[who] = await App.ClientAsAsync(name, PasswordOf(who));
            _callables = await EndpointInventory.ReadAsync(App.Services);
        }
        finally
        {
            _lock.Release();
        }
    }

    private static string PasswordOf(Access who) => who == Access.Admin ? BlendPosApp.AdminPassword : Password;

    private async Task<PageSession> NewPageSessionAsync(Access who)
    {
        if (who == Access.Anonymous)
        {
            var anonymous = App.Client();
            var login = await (await anonymous.GetAsync("/login")).Content.ReadAsStringAsync();
            return new PageSession(anonymous, Http.HiddenInput(login, "__RequestVerificationToken"));
        }
        var client = await App.CookieClientAsync(_users[who], PasswordOf(who));
        var home = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        return new PageSession(client, Http.MetaContent(home, "request-verification-token"));
    }

    /// <summary>Row counts of every table but the ones a refused request may rightly write (see <see cref="NotBusinessData"/>).</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountsAsync()
    {
        await using var conn = App.Database.Open();
        if (_countSql is null)
        {
            var tables = new List<string>();
            await using (var cmd = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", conn))
            await using (var r = await cmd.ExecuteReaderAsync())
                while (await r.ReadAsync()) tables.Add(r.GetString(0));
            _countSql = string.Join(" UNION ALL ", tables.Where(t => !NotBusinessData.Contains(t))
                .Select(t => $"SELECT '{t}', count(*) FROM \"{t}\"")
                // An UPDATE leaves counts alone: the money and stock totals catch a refused request that changed rows.
                .Concat(MoneyColumns.Select(m => $"SELECT 'sum {m.Table}.{m.Column}', coalesce(sum({m.Column}), 0)::bigint FROM {m.Table}")));
        }
        var counts = new Dictionary<string, long>();
        await using (var cmd = new NpgsqlCommand(_countSql, conn))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) counts[r.GetString(0)] = r.GetInt64(1);
        return counts;
    }

    /// <summary>
    /// Tables a refused request may write on purpose: failed logins are counted (lockout), and the antiforgery and
    /// cookie keys are created on first use. Everything else must stay as it was after a 4xx.
    /// </summary>
    public static readonly HashSet<string> NotBusinessData =
        ["usuario_tokens", "data_protection_keys", "__EFMigrationsHistory"];

    /// <summary>Totals compared besides the counts (in cents for money).</summary>
    public static readonly (string Table, string Column)[] MoneyColumns =
        [("ventas", "round(total * 100)"), ("movimientos_caja", "round(monto * 100)"), ("productos", "stock_actual")];

    // -----------------------------------------------------------------------------------------------------------------
    // Requests

    /// <summary>The route with its parameters filled: random GUIDs, ints, digit strings (a barcode-like text).</summary>
    public static string PathOf(Callable c)
    {
        var sb = new StringBuilder();
        foreach (var segment in c.Route.PathSegments)
        {
            sb.Append('/');
            foreach (var part in segment.Parts)
                sb.Append(part switch
                {
                    RoutePatternLiteralPart l => l.Content,
                    RoutePatternSeparatorPart s => s.Content,
                    RoutePatternParameterPart p => FillRouteValue(p),
                    _ => "",
                });
        }
        return sb.Length == 0 ? "/" : sb.ToString();
    }

    private static string FillRouteValue(RoutePatternParameterPart p)
    {
        var constraints = string.Join(",", p.ParameterPolicies.Select(x => x.Content ?? ""));
        if (constraints.Contains("guid")) return Guid.NewGuid().ToString();
        if (constraints.Contains("int") || constraints.Contains("long")) return Random.Shared.Next(1000, 999_999).ToString();
        if (constraints.Contains("bool")) return "true";
        return "779" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999);
    }

    /// <summary>A page handler's query string: ?handler=Name and its method parameters filled by type.</summary>
    public static string QueryOf(Callable c, Func<ParameterInfoValue, string>? value = null)
    {
        var q = new List<string>();
        if (!string.IsNullOrEmpty(c.Handler)) q.Add("handler=" + Uri.EscapeDataString(c.Handler));
        foreach (var p in c.HandlerParameters)
            q.Add(Uri.EscapeDataString(p.Name!) + "=" + Uri.EscapeDataString((value ?? DefaultValue)(new ParameterInfoValue(p.Name!, p.ParameterType))));
        return q.Count == 0 ? "" : "?" + string.Join("&", q);
    }

    public static string DefaultValue(ParameterInfoValue p)
    {
        var t = Nullable.GetUnderlyingType(p.Type) ?? p.Type;
        if (t == typeof(Guid)) return Guid.NewGuid().ToString();
        if (t == typeof(int) || t == typeof(long) || t == typeof(decimal)) return "1";
        if (t == typeof(bool)) return "false";
        return "x";
    }

    /// <summary>The empty or minimal body the matrix sends: {} for JSON, an empty form, an empty multipart.</summary>
    public static HttpContent? MinimalBody(Callable c, string? antiforgery)
    {
        if (c.IsPage)
            return c.Method == "GET" ? null : new FormUrlEncodedContent([new("__RequestVerificationToken", antiforgery ?? "")]);
        if (c.TakesJson) return Http.Json("{}");
        if (c.BodyContentTypes.Any(t => t.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))) return new MultipartFormDataContent();
        if (c.BodyContentTypes.Any(t => t.Contains("form-urlencoded"))) return new FormUrlEncodedContent([]);
        return c.Method is "POST" or "PUT" or "PATCH" ? new ByteArrayContent([]) : null;
    }

    public static HttpRequestMessage Request(Callable c, string path, HttpContent? body, string? antiforgery)
    {
        var request = new HttpRequestMessage(new HttpMethod(c.Method), path) { Content = body };
        if (c.IsPage && antiforgery is not null) request.Headers.Add("RequestVerificationToken", antiforgery);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(c.IsPage ? "text/html" : "application/json"));
        return request;
    }
}

public sealed record ParameterInfoValue(string Name, Type Type);

/// <summary>A signed-in page client and its antiforgery token.</summary>
public sealed class PageSession(HttpClient client, string antiforgery)
{
    public HttpClient Client { get; } = client;
    public string Antiforgery { get; } = antiforgery;
    public bool SignedOut { get; private set; }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        var response = await Client.SendAsync(request);
        // The sign-out answer deletes the cookie: the next request of this role starts a new session.
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies) &&
            cookies.Any(c => c.StartsWith("blendpos.auth=;", StringComparison.Ordinal)))
            SignedOut = true;
        return response;
    }
}
