using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace BlendPos.Web.Infrastructure.Auth;

/// <summary>
/// A minimum role for one page handler. All handlers of a Razor page share one endpoint, so an endpoint policy cannot
/// tell «look at the product» (supervisor) from «link a pack to it» (admin); this puts the stricter rule on the handler
/// as metadata — where the security matrix test reads it — instead of an <c>if</c> inside it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HandlerPolicyAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}

/// <summary>Enforces <see cref="HandlerPolicyAttribute"/> before the handler runs: 403 (or the login challenge).</summary>
public sealed class HandlerPolicyFilter(IAuthorizationService authorization) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var policy = context.HandlerMethod?.MethodInfo.GetCustomAttribute<HandlerPolicyAttribute>()?.Policy;
        if (policy is not null)
        {
            var user = context.HttpContext.User;
            if (!(await authorization.AuthorizeAsync(user, policy)).Succeeded)
            {
                context.Result = user.Identity?.IsAuthenticated == true ? new ForbidResult() : new ChallengeResult();
                return;
            }
        }
        await next();
    }
}
