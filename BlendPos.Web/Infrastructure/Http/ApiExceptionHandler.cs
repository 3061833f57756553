using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace BlendPos.Web.Infrastructure.Http;

/// <summary>
/// Turns exceptions on /v1 into problem+json (RFC 9457). A 500 says nothing about the code: no stack trace, no path.
/// Page requests fall through to the Spanish error page, except with the database unreachable: a plain 503 page.
/// PostgreSQL down or restarting is answered 503 (problem+json on /v1), never 500: the client should retry.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // UseExceptionHandler("/error") has already rewritten Request.Path; the feature keeps the original.
        var path = http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path.Value;
        if (!ApiPaths.IsApi(new PathString(path)))
        {
            if (!DatabaseUnavailable.Is(exception)) return false;
            // Not the /error page: re-executing the pipeline would authenticate again, which reads the database.
            logger.LogWarning("Database unavailable on {Method} {Path}: {Error}", http.Request.Method, http.Request.Path, exception.Message);
            await WriteUnavailablePageAsync(http, path ?? "/");
            return true;
        }

        var problem = exception switch
        {
            ValidationException v => new ValidationProblemDetails(v.Errors) { Status = 400, Title = v.Title, Detail = v.Detail },
            AppException a => new ProblemDetails { Status = a.Status, Title = a.Title, Detail = a.Detail },
            BadHttpRequestException b => FromBadRequest(b),
            _ when UnstorableText.Is(exception) => new ProblemDetails
                { Status = 400, Title = "Datos inválidos", Detail = UnstorableText.Detail },
            _ when DatabaseUnavailable.Is(exception) =>
                new ProblemDetails { Status = 503, Title = DatabaseUnavailable.Title, Detail = DatabaseUnavailable.Detail },
            OperationCanceledException when http.RequestAborted.IsCancellationRequested =>
                new ProblemDetails { Status = 499, Title = "Solicitud cancelada" },
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
            problem = new ProblemDetails
            {
                Status = 500,
                Title = "Error interno",
                Detail = "Ocurrió un error inesperado. Si se repite, avisá al administrador con el número de solicitud.",
            };
        }
        else if (problem.Status == 503)
        {
            logger.LogWarning("Database unavailable on {Method} {Path}: {Error}", http.Request.Method, http.Request.Path, exception.Message);
        }
        else if (problem.Status >= 500)
        {
            logger.LogError(exception, "Request failed");
        }

        http.Response.StatusCode = problem.Status ?? 500;
        if (problem.Status == 503) http.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = null });
    }

    /// <summary>
    /// A page that needs nothing from the database (no layout: it shows the signed-in user from the database). Its link
    /// retries the page asked for (<paramref name="path"/>: Request.Path already says /error here).
    /// </summary>
    private static async Task WriteUnavailablePageAsync(HttpContext http, string path)
    {
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = "5";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="es-AR"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{DatabaseUnavailable.Title}} - BlendPOS</title><link rel="stylesheet" href="/css/app.css"></head>
            <body><main class="container"><div class="error-page">
            <p class="error-code">503</p><h1>{{DatabaseUnavailable.Title}}</h1>
            <p class="muted">La base de datos no responde en este momento. Esperá unos segundos y volvé a intentar.</p>
            <p class="muted">Número de solicitud: <code>{{System.Net.WebUtility.HtmlEncode(http.TraceIdentifier)}}</code></p>
            <p><a class="btn btn-primary" href="{{System.Net.WebUtility.HtmlEncode(path)}}">Reintentar</a></p>
            </div></main></body></html>
            """);
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException b) => b.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => new ProblemDetails
            { Status = 413, Title = "Contenido demasiado grande", Detail = "El cuerpo de la solicitud supera el tamaño permitido." },
        StatusCodes.Status415UnsupportedMediaType => new ProblemDetails
            { Status = 415, Title = "Tipo de contenido no soportado", Detail = "Enviá el cuerpo como application/json." },
        _ => new ProblemDetails
        {
            Status = 400,
            Title = "Solicitud inválida",
            Detail = b.InnerException is System.Text.Json.JsonException
                ? "El cuerpo no es JSON válido o tiene campos con un tipo incorrecto."
                : "La solicitud no se pudo leer: revisá el formato y los parámetros.",
        },
    };
}

/// <summary>
/// PostgreSQL refuses text with a NUL character (U+0000) in any column or parameter. Every field would need the check
/// and none of ours means to accept it, so the refusal is read here: bad input (400), not a server error.
/// </summary>
public static class UnstorableText
{
    public const string Detail = "Un texto trae un carácter que no se puede guardar (NUL, U+0000).";

    public static bool Is(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.CharacterNotInRepertoire or Npgsql.PostgresErrorCodes.UntranslatableCharacter })
                return true;
        return false;
    }
}

public static class ApiPaths
{
    public static bool IsApi(PathString path) => path.StartsWithSegments("/v1") || path.StartsWithSegments("/health");
}
