using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Catalogo;

[Authorize(Policy = Policies.Admin)]
public sealed class NuevoProductoModel(CatalogoService catalogo, CatalogoLookups lookups) : PageModel
{
    [BindProperty] public ProductoFormInput Input { get; set; } = new();

    public Task OnGetAsync(CancellationToken ct) => lookups.FillAsync(ViewData, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            ModelState.ThrowIfBindingFailed();
            var created = await catalogo.CreateAsync(Input.ToRequest(creating: true), User.RequiredUsuarioId(), ct);
            TempData["Ok"] = $"Producto «{created.Nombre}» creado.";
            return Redirect($"/productos/{created.Id}");
        }
        catch (AppException e)
        {
            ModelState.AddAppError(e);
            await lookups.FillAsync(ViewData, ct);
            return Page();
        }
    }
}
