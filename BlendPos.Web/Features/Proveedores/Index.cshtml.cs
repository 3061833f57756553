using BlendPos.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Proveedores;

[Authorize(Policy = Policies.Admin)]
public sealed class ProveedoresModel(ProveedorService proveedores) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public bool Inactivos { get; set; }

    public PageOf<ProveedorDto> Resultado { get; private set; } = new([], 0, 1, Paging.DefaultSize);
    public IReadOnlyDictionary<Guid, int> Productos { get; private set; } = new Dictionary<Guid, int>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Resultado = await proveedores.ListAsync(Q, Inactivos, 1, Paging.MaxSize, ct);
        Productos = await proveedores.CantidadProductosAsync(Resultado.Items.Select(p => p.Id).ToList(), ct);
    }
}
