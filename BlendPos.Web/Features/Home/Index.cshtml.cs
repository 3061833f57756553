using BlendPos.Domain.Usuarios;
using BlendPos.Web.Features.Reportes;
using BlendPos.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Home;

/// <summary>
/// The home page. A supervisor or admin lands on today's dashboard, whose numbers refresh themselves every minute
/// (<c>?handler=tablero</c>, the partial alone); a cashier keeps the list of what they may do.
/// </summary>
public sealed class IndexModel(ReportesService reportes) : PageModel
{
    public Tablero? Tablero { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.IsAtLeast(Roles.Supervisor)) Tablero = await reportes.TableroAsync(Actor.From(User), ct);
        return Page();
    }

    [HandlerPolicy(Policies.Supervisor)]
    public async Task<IActionResult> OnGetTableroAsync(CancellationToken ct)
    {
        return Partial("~/Features/Reportes/_Tablero.cshtml", new TableroVista(await reportes.TableroAsync(Actor.From(User), ct), reportes.Zona, reportes.Ahora));
    }

    public TableroVista Vista => new(Tablero!, reportes.Zona, reportes.Ahora);
}
