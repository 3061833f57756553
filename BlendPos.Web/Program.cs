using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using BlendPos.Web.Data;
using BlendPos.Web.Features;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Cache;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Health;
using BlendPos.Web.Infrastructure.Http;
using BlendPos.Web.Infrastructure.Jobs;
using BlendPos.Web.Infrastructure.Logging;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;

builder.AddBlendPosLogging();

var databaseUrl = config["DATABASE_URL"]
    ?? throw new InvalidOperationException("DATABASE_URL is not set (see README: ./blendpos run sets it for you).");
// Auto-prepare the statements a POS repeats all day (scan look-ups, sales): parsing and planning them on every call was
// most of the gap to raw SQL in `./blendpos bench`. An explicit Max Auto Prepare in DATABASE_URL wins.
var npgsqlBuilder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionUrls.ToNpgsql(databaseUrl));
if (npgsqlBuilder.MaxAutoPrepare == 0) npgsqlBuilder.MaxAutoPrepare = 32;
var npgsql = npgsqlBuilder.ConnectionString;
var options = BlendPosOptions.FromConfiguration(config);

builder.Services.AddSingleton(options);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddDbContextPool<BlendPosDb>(o => o
    .UseNpgsql(npgsql, n => n.EnableRetryOnFailure(3))
    .UseSnakeCaseNamingConvention());

builder.Services.AddDataProtection()
    .SetApplicationName("BlendPOS")
    .PersistKeysToDbContext<BlendPosDb>(); // a restart (or a second instance) keeps everybody signed in
CachingDataProtectionProvider.Decorate(builder.Services); // cookies unprotected once per shift, not per scan

builder.Services.AddBlendPosAuth(config, builder.Environment);
builder.Services.AddBlendPosCache(config);
builder.Services.AddBlendPosHealth(config, npgsql);
builder.Services.AddAntiforgery(o =>
{
    o.HeaderName = "RequestVerificationToken";
    o.Cookie.Name = "blendpos.af";
    o.Cookie.SameSite = SameSiteMode.Strict;
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure over HTTPS (behind Traefik too); plain HTTP on a LAN still works
});
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
{
    ctx.ProblemDetails.Extensions.Remove("traceId");
    ctx.ProblemDetails.Extensions["request_id"] = ctx.HttpContext.TraceIdentifier;
});
builder.Services.AddExceptionHandler<ApiExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // malformed JSON → our 400 problem
builder.Services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
builder.Services.AddRazorPages(o =>
{
    o.RootDirectory = "/Features";
    o.Conventions.AuthorizeFolder("/");
    o.Conventions.AllowAnonymousToFolder("/Auth");
    o.Conventions.AllowAnonymousToFolder("/Errors");
    o.Conventions.AllowAnonymousToFolder("/Precio");
    o.Conventions.AuthorizeFolder("/Usuarios", Policies.Admin);
    o.Conventions.AuthorizeFolder("/Catalogo", Policies.Supervisor); // editing pages also require admin
    o.Conventions.ConfigureFilter(new HtmxVaryFilter());
}).AddMvcOptions(o => o.UseSpanishModelBinding())
  // No data-val-* attributes: nothing here runs jQuery validation, and their messages are MVC's English defaults.
  .AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false);
builder.Services.AddBlendPosFeatures(config);
builder.Services.AddBlendPosJobs();
// Only for the offline catalog download (see below): 50,000 products are ~18 MB of JSON, ~4.4 MB gzipped (fastest
// gzip beats fastest Brotli here: 5.2 MB).
builder.Services.AddResponseCompression(o =>
{
    o.EnableForHttps = true; // safe here: the catalog holds no secret and reflects no request input (BREACH)
    o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
});
builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
builder.WebHost.ConfigureKestrel(k =>
{
    k.AddServerHeader = false;
    k.Limits.MaxRequestBodySize = 10 * 1024 * 1024; // CSV uploads are the largest bodies
});

var app = builder.Build();

await app.Services.InitializeDatabaseAsync();

var esAr = new CultureInfo("es-AR");
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture(esAr),
    SupportedCultures = [esAr],
    SupportedUICultures = [esAr],
});
app.UseRequestId();
app.UseSecurityHeaders();
// HSTS on HTTPS responses outside Development (it is never sent over plain HTTP nor for localhost).
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseBlendPosRequestLogging();
app.UseExceptionHandler("/error");
app.UseWhen(http => ApiPaths.IsApi(http.Request.Path), api => api.UseStatusCodePages());
app.UseWhen(http => !ApiPaths.IsApi(http.Request.Path), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
app.UseStaticFiles();
app.UseWhen(http => http.Request.Path.StartsWithSegments("/v1/productos/sync"), sync => sync.UseResponseCompression());
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapBlendPosHealth();
app.MapBlendPosApi();
app.MapRazorPages();
app.Services.UseBlendPosJobs();

app.Run();

static void ConfigureJson(JsonSerializerOptions json)
{
    json.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
    json.DictionaryKeyPolicy = null;
    json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
    json.NumberHandling = JsonNumberHandling.Strict;
}

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
