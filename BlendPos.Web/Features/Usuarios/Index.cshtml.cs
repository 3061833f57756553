using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Usuarios;

public sealed class IndexModel(UsuarioService usuarios) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public bool Inactivos { get; set; }

    public PageOf<UsuarioDto> Resultado { get; private set; } = new([], 0, 1, Paging.DefaultSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Resultado = await usuarios.ListAsync(Q, Inactivos, 1, Paging.MaxSize, ct);
        // htmx asks for the table only; the same URL still renders the whole page for a reload or a bookmark.
        return Request.IsHtmx() ? Partial("_Tabla", Resultado) : Page();
    }
}
