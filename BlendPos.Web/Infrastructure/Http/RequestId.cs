using Serilog.Context;

namespace BlendPos.Web.Infrastructure.Http;

/// <summary>
/// Gives every request a UUID request id (seed 13.1): taken from X-Request-Id when a client sends a valid one,
/// echoed back in the response, attached to every log line of the request and to problem details.
/// </summary>
public static class RequestId
{
    public const string Header = "X-Request-Id";

    public static IApplicationBuilder UseRequestId(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var id = Guid.TryParse(http.Request.Headers[Header], out var given) ? given : Guid.NewGuid();
        http.TraceIdentifier = id.ToString();
        http.Response.Headers[Header] = http.TraceIdentifier;
        using (LogContext.PushProperty("RequestId", http.TraceIdentifier))
        {
            await next(http);
        }
    });
}
