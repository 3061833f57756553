using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Proveedores;

[Authorize(Policy = Policies.Admin)]
public sealed class NuevoProveedorModel(ProveedorService proveedores) : PageModel
{
    [BindProperty] public ProveedorFormInput Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            ModelState.ThrowIfBindingFailed();
            var created = await proveedores.CreateAsync(Input.ToRequest(), User.RequiredUsuarioId(), ct);
            TempData["Ok"] = $"Proveedor «{created.RazonSocial}» creado.";
            return Redirect($"/proveedores/{created.Id}");
        }
        catch (AppException e)
        {
            ModelState.AddAppError(e);
            return Page();
        }
    }
}
