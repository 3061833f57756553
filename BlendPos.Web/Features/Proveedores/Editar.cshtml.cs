using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Proveedores;

[Authorize(Policy = Policies.Admin)]
public sealed class EditarProveedorModel(ProveedorService proveedores) : PageModel
{
    [BindProperty] public ProveedorFormInput Input { get; set; } = new();

    public ProveedorDetalle Detalle { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Detalle = await proveedores.DetalleAsync(id, ct: ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Input = ProveedorFormInput.From(Detalle.Proveedor);
        return Page();
    }

    public Task<IActionResult> OnPostGuardarAsync(Guid id, CancellationToken ct) =>
        Run(id, () => proveedores.UpdateAsync(id, Input.ToRequest(), User.RequiredUsuarioId(), ct), "Cambios guardados.", ct);

    public Task<IActionResult> OnPostDesactivarAsync(Guid id, CancellationToken ct) =>
        Run(id, () => proveedores.DeactivateAsync(id, User.RequiredUsuarioId(), ct), "Proveedor dado de baja.", ct);

    private async Task<IActionResult> Run(Guid id, Func<Task<ProveedorDto>> action, string ok, CancellationToken ct)
    {
        try
        {
            ModelState.ThrowIfBindingFailed();
            await action();
            TempData["Ok"] = ok;
            return Redirect($"/proveedores/{id}");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (AppException e)
        {
            ModelState.AddAppError(e);
        }
        // The form is shown again with its errors; a supplier that does not exist has no form (and no 500).
        try
        {
            Detalle = await proveedores.DetalleAsync(id, ct: ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }
}
