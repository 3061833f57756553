using BlendPos.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Reportes;

/// <summary>The list of reports.</summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class IndexModel : PageModel
{
    public void OnGet() { }
}
