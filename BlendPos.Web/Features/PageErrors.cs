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
        if (error is InvalidFormException) return; // its messages are in ModelState already
        if (error is ValidationException v)
        {
            foreach (var (field, messages) in v.Errors)
                foreach (var message in messages)
                    modelState.AddModelError(field == "general" ? "" : $"{prefix}.{Pascal(field)}", message);
            return;
        }
        modelState.AddModelError("", error.Detail);
    }

    /// <summary>
    /// Call first in a POST handler: when model binding could not read a field (a whole number given «2,5»), its
    /// Spanish message is already under the field and the form must come back instead of saving a default.
    /// </summary>
    public static void ThrowIfBindingFailed(this ModelStateDictionary modelState)
    {
        if (!modelState.IsValid) throw new InvalidFormException();
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

/// <summary>Model binding refused a field; the messages live in ModelState (see <see cref="PageErrors.ThrowIfBindingFailed"/>).</summary>
public sealed class InvalidFormException() : AppException(400, "Datos inválidos", "Revisá los datos marcados.");
