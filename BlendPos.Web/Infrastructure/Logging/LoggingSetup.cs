using BlendPos.Web.Infrastructure.Auth;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace BlendPos.Web.Infrastructure.Logging;

/// <summary>
/// Serilog: one structured line per request (request id, user, method, path, status, elapsed ms). The path is logged
/// without its query string, and no request or response body is logged, so passwords and tokens never reach a log.
/// </summary>
public static class LoggingSetup
{
    public static void AddBlendPosLogging(this WebApplicationBuilder builder)
    {
        var json = string.Equals(builder.Configuration["LOG_FORMAT"], "json", StringComparison.OrdinalIgnoreCase);
        builder.Services.AddSerilog((services, cfg) =>
        {
            cfg.MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Extensions.Diagnostics.HealthChecks", LogEventLevel.Error)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services) // sinks registered in DI (the tests capture logs this way)
                .Enrich.FromLogContext();
            if (json)
                cfg.WriteTo.Console(new RenderedCompactJsonFormatter());
            else
                cfg.WriteTo.Console(outputTemplate:
                    "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}");
        }, preserveStaticLogger: true); // this host's logger, not the process-wide Log.Logger (several hosts share a test run)
    }

    public static IApplicationBuilder UseBlendPosRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} → {StatusCode} in {Elapsed:0.0} ms";
            o.EnrichDiagnosticContext = (diag, http) =>
            {
                diag.Set("UserName", http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : "-");
                diag.Set("UserRole", http.User.Rol() ?? "-");
            };
            // Health probes every few seconds would drown the log.
            o.GetLevel = (http, _, ex) =>
                ex is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Verbose
                : LogEventLevel.Information;
        });
}
