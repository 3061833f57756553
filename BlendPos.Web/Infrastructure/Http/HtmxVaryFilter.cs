using Htmx;
using Microsoft.AspNetCore.Mvc.Filters;

namespace BlendPos.Web.Infrastructure.Http;

/// <summary>
/// Our pages answer a full page or, for htmx, a partial at the same URL; caches must key on HX-Request.
/// </summary>
public sealed class HtmxVaryFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        context.HttpContext.Response.Htmx(h => h.WithVary()); // appends "Vary: HX-Request"
        return next();
    }
}
