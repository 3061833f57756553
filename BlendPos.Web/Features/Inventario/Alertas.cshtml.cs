using BlendPos.Domain.Usuarios;
using BlendPos.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Inventario;

public sealed class AlertasModel(InventarioService inventario) : PageModel
{
    public IReadOnlyList<AlertaDto> Alertas { get; private set; } = [];
    public bool PuedeVerProductos => User.IsAtLeast(Roles.Supervisor);

    public async Task OnGetAsync(CancellationToken ct) => Alertas = await inventario.AlertasAsync(ct);
}
