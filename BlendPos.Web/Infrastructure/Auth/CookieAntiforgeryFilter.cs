using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace BlendPos.Web.Infrastructure.Auth;

/// <summary>
/// /v1 also accepts the page cookie (htmx and the POS script call it). A cookie is sent by the browser on its own,
/// so a state-changing call authenticated by cookie must carry the antiforgery header; bearer calls need not.
/// </summary>
public sealed class CookieAntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var unsafeMethod = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ||
                             HttpMethods.IsOptions(http.Request.Method));
        var byCookie = http.User.Identity?.IsAuthenticated == true &&
                       http.User.Identity.AuthenticationType != AuthSetup.BearerAuthenticationType;
        if (unsafeMethod && byCookie && !await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Problem(new ProblemDetails
            {
                Status = 400,
                Title = "Falta el token antiforgery",
                Detail = "Las llamadas con la cookie de sesión deben enviar el encabezado RequestVerificationToken.",
            });
        }
        return await next(context);
    }
}
