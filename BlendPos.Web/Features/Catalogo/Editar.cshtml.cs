using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Catalogo;

[Authorize(Policy = Policies.Admin)]
public sealed class EditarProductoModel(CatalogoService catalogo, CatalogoLookups lookups) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public ProductoFormInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Input = ProductoFormInput.From(await catalogo.GetAsync(Id, ct));
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        await lookups.FillAsync(ViewData, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            ModelState.ThrowIfBindingFailed();
            var updated = await catalogo.UpdateAsync(Id, Input.ToRequest(creating: false), User.RequiredUsuarioId(), ct);
            TempData["Ok"] = "Cambios guardados.";
            return Redirect($"/productos/{updated.Id}");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (AppException e)
        {
            ModelState.AddAppError(e);
            await lookups.FillAsync(ViewData, ct);
            return Page();
        }
    }
}
