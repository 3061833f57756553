using System.Text;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace BlendPos.Web.Features;

public static class PageErrors
{
    /// <summary>
    /// Puts a service's refusal on the form: field errors under their inputs (snake_case → Input.PascalCase),
    /// anything else as a message at the top.
    /// </summary>
    public static void AddAppError(this ModelStateDictionary modelState, AppException error, string prefix = "Input")
    {
        if (error is ValidationException v)
        {
            foreach (var (field, messages) in v.Errors)
                foreach (var message in messages)
                    modelState.AddModelError(field == "general" ? "" : $"{prefix}.{Pascal(field)}", message);
            return;
        }
        modelState.AddModelError("", error.Detail);
    }

    private static string Pascal(string snake)
    {
        var sb = new StringBuilder(snake.Length);
        var upper = true;
        foreach (var c in snake)
        {
            if (c == '_') { upper = true; continue; }
            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return sb.ToString();
    }
}
