using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Errors;
using BlendPos.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace BlendPos.Web.Features.Auth;

[EnableRateLimiting(AuthSetup.LoginRateLimit)]
public sealed class LoginModel(AuthService auth) : PageModel
{
    public sealed class LoginInput
    {
        public string? Username { get; set; }
        public string? Password { get; set; }
    }

    [BindProperty] public LoginInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            await auth.SignInWithCookieAsync(new LoginRequest(Input.Username, Input.Password), ClientAddress.Of(HttpContext), HttpContext.RequestAborted);
            return LocalRedirect(SafeReturnUrl);
        }
        catch (AppException e)
        {
            ModelState.AddAppError(e);
            Input.Password = null;
            Response.StatusCode = e.Status == 429 ? 429 : 200;
            return Page();
        }
    }

    private string SafeReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
