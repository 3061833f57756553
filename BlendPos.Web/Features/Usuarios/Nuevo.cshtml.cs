using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Usuarios;

public sealed class NuevoModel(UsuarioService usuarios) : PageModel
{
    [BindProperty] public UsuarioFormInput Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            ModelState.ThrowIfBindingFailed();
            var created = await usuarios.CreateAsync(Input.ToRequest(), User.RequiredUsuarioId(), ct);
            TempData["Ok"] = $"Usuario {created.Username} creado.";
            return Redirect("/usuarios");
        }
        catch (AppException e)
        {
            ModelState.AddAppError(e);
            Input.Password = null;
            return Page();
        }
    }
}
