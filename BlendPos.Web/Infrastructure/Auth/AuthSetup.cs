using System.Threading.RateLimiting;
using BlendPos.Web.Data;
using BlendPos.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace BlendPos.Web.Infrastructure.Auth;

/// <summary>
/// Pages sign in with Identity's cookie; /v1 takes a bearer JWT or that same cookie. One policy scheme picks the
/// handler per request so every endpoint is written once.
/// </summary>
public static class AuthSetup
{
    public const string SmartScheme = "BlendPos";
    public const string BearerAuthenticationType = "Bearer";
    public const string LoginRateLimit = "login";
    public const string PriceCheckRateLimit = "precio";
    /// <summary>A supervisor's credentials typed at a cashier's terminal (POS void): checked in AuthService, not by an endpoint policy.</summary>
    public const string SupervisorRateLimit = "autorizacion-supervisor";
    public const int SupervisorAuthorizationsPerMinute = 10;

    public static IServiceCollection AddBlendPosAuth(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var jwt = JwtOptions.FromConfiguration(config, env);
        services.AddSingleton(jwt);
        services.AddSingleton<TokenService>();
        services.AddSingleton<UserStatusCache>();
        services.AddScoped<LoginAttempts>();
        services.AddSingleton<UnknownUserHash>();

        services.AddIdentity<Usuario, IdentityRole<Guid>>(o =>
            {
                o.User.RequireUniqueEmail = false; // email is optional for cashiers; uniqueness is checked when given
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789._-";
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                // Identity's lockout locks the ACCOUNT, so anybody could keep the admin out; failures are counted per
                // (user, client address) by LoginAttempts instead and no sign-in passes lockoutOnFailure.
                o.ClaimsIdentity.RoleClaimType = Policies.RoleClaim;
                o.ClaimsIdentity.UserNameClaimType = Policies.NameClaim;
                o.ClaimsIdentity.UserIdClaimType = Policies.UserIdClaim;
            })
            .AddEntityFrameworkStores<BlendPosDb>()
            .AddSignInManager<BlendPosSignInManager>()
            .AddErrorDescriber<SpanishIdentityErrorDescriber>()
            .AddDefaultTokenProviders();

        // A deactivated user's cookie stops working within a minute (the stamp changes on deactivation).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "blendpos.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/acceso-denegado";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // The JSON API answers 401/403, never a redirect to an HTML page.
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx.HttpContext, ctx.RedirectUri, 401);
            o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx.HttpContext, ctx.RedirectUri, 403);
        });

        services.AddAuthentication(o =>
            {
                // AddIdentity set the cookie as the default authenticate scheme; every default goes through the
                // selector instead, so a bearer request is never judged by the cookie handler.
                o.DefaultScheme = SmartScheme;
                o.DefaultAuthenticateScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
                o.DefaultForbidScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Bearer o cookie", o =>
            {
                o.ForwardDefaultSelector = ctx =>
                    ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? JwtBearerDefaults.AuthenticationScheme
                        : IdentityConstants.ApplicationScheme;
            })
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.Events = new JwtBearerEvents
                {
                    // Tokens live 8 h; a user deactivated, re-roled or given a new password meanwhile is refused at
                    // once, not at expiry (the role in an old token would otherwise outlive a demotion).
                    OnTokenValidated = async ctx =>
                    {
                        var id = ctx.Principal?.UsuarioId();
                        var stamp = ctx.Principal?.FindFirst(TokenService.StampClaim)?.Value;
                        var status = ctx.HttpContext.RequestServices.GetRequiredService<UserStatusCache>();
                        if (id is null || !await status.AcceptsAsync(id.Value, stamp, ctx.HttpContext.RequestAborted))
                            ctx.Fail("Usuario inactivo o token anterior a un cambio de rol o contraseña.");
                    },
                    OnChallenge = async ctx =>
                    {
                        ctx.HandleResponse();
                        await WriteProblem(ctx.HttpContext, 401, "No autorizado",
                            "Falta el token de acceso o no es válido. Iniciá sesión de nuevo.");
                    },
                    OnForbidden = ctx => WriteProblem(ctx.HttpContext, 403, "Acceso denegado",
                        "Tu rol no permite esta operación."),
                };
            });

        // Validated against the app's TimeProvider, the clock the tokens are issued with (tests move it).
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenService>((o, tokens) => o.TokenValidationParameters = tokens.ValidationParameters());

        services.AddAuthorization(o => o.AddRolePolicies());
        services.Configure<MvcOptions>(o => o.Filters.Add<HandlerPolicyFilter>()); // [HandlerPolicy] on page handlers

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per client address: slows password guessing across user names (the lockout in LoginAttempts is per user
            // and address) without locking out a whole shop behind one NAT too soon.
            o.AddPolicy(LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress.Of(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            // The public price screen: a scanner is fast, a scraper is faster. BLENDPOS_PRICECHECK_PER_MINUTE raises
            // it (the benchmark sends everything from one address).
            var priceChecksPerMinute = config.GetValue("BLENDPOS_PRICECHECK_PER_MINUTE", 120);
            o.AddPolicy(PriceCheckRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress.Of(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = priceChecksPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                if (ApiPaths.IsApi(ctx.HttpContext.Request.Path))
                    await WriteProblem(ctx.HttpContext, 429, "Demasiados intentos", "Esperá un minuto y volvé a intentar.");
                else
                {
                    ctx.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                    await ctx.HttpContext.Response.WriteAsync("Demasiados intentos. Esperá un minuto y volvé a intentar.", ct);
                }
            };
        });

        // A page handler cannot carry its own endpoint policy (all of a page's handlers are one endpoint), so the POS
        // void's supervisor check acquires from this limiter itself, per client address.
        services.AddKeyedSingleton(SupervisorRateLimit, (_, _) => PartitionedRateLimiter.Create<string, string>(address =>
            RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = SupervisorAuthorizationsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            })));

        return services;
    }

    private static Task RedirectOrStatus(HttpContext http, string redirectUri, int status)
    {
        if (ApiPaths.IsApi(http.Request.Path))
            return WriteProblem(http, status, status == 401 ? "No autorizado" : "Acceso denegado",
                status == 401 ? "Iniciá sesión para continuar." : "Tu rol no permite esta operación.");
        http.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }

    private static async Task WriteProblem(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
