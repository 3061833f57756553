using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Auth;

/// <summary>POST only (a link could be triggered by another site); GET just goes home.</summary>
public sealed class LogoutModel(AuthService auth) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await auth.SignOutAsync();
        return Redirect("/login");
    }
}
