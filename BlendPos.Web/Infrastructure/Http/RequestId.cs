using Serilog.Context;

namespace BlendPos.Web.Infrastructure.Http;

/// <summary>
/// Gives every request a UUID request id (seed 13.1): taken from X-Request-Id when a client sends a valid one,
/// echoed back in the response, attached to every log line of the request and to problem details.
/// </summary>
public static class RequestId
{
    public const string Header = "X-Request-Id";

    public static IApplicationBuilder UseRequestId(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestId));
        return app.Use(async (http, next) =>
        {
            var id = Guid.TryParse(http.Request.Headers[Header], out var given) ? given : Guid.NewGuid();
            http.TraceIdentifier = id.ToString();
            // Set at the start of the response: the exception handler clears headers set before it.
            http.Response.OnStarting(() =>
            {
                http.Response.Headers[Header] = http.TraceIdentifier;
                return Task.CompletedTask;
            });
            // The hosting layer's log scope already holds a "RequestId" (Kestrel's connection id); an inner scope
            // overrides it, so lines logged through ILogger carry this id too, not only Serilog's own.
            using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = http.TraceIdentifier }))
            using (LogContext.PushProperty("RequestId", http.TraceIdentifier))
            {
                await next(http);
            }
        });
    }
}
