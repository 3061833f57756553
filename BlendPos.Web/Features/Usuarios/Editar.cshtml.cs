using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Usuarios;

public sealed class EditarModel(UsuarioService usuarios) : PageModel
{
    [BindProperty] public UsuarioFormInput Input { get; set; } = new();
    [BindProperty] public string? NuevaPassword { get; set; }

    public UsuarioDto Usuario { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Usuario = await usuarios.GetAsync(id, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Input = UsuarioFormInput.From(Usuario);
        return Page();
    }

    public Task<IActionResult> OnPostGuardarAsync(Guid id, CancellationToken ct) =>
        Run(id, () => usuarios.UpdateAsync(id, Input.ToRequest() with { Password = null }, User.RequiredUsuarioId(), ct),
            "Cambios guardados.", ct);

    public Task<IActionResult> OnPostPasswordAsync(Guid id, CancellationToken ct) =>
        Run(id, () => usuarios.ResetPasswordAsync(id, NuevaPassword, User.RequiredUsuarioId(), ct),
            "Contraseña actualizada.", ct, errorPrefix: "");

    public Task<IActionResult> OnPostDesactivarAsync(Guid id, CancellationToken ct) =>
        Run(id, () => usuarios.DeactivateAsync(id, User.RequiredUsuarioId(), ct), "Usuario desactivado.", ct);

    private async Task<IActionResult> Run(Guid id, Func<Task<UsuarioDto>> action, string ok, CancellationToken ct, string errorPrefix = "Input")
    {
        try
        {
            ModelState.ThrowIfBindingFailed();
            await action();
            TempData["Ok"] = ok;
            return Redirect($"/usuarios/{id}");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (AppException e)
        {
            if (errorPrefix == "" && e is ValidationException v && v.Errors.TryGetValue("password", out var messages))
                foreach (var m in messages) ModelState.AddModelError(nameof(NuevaPassword), m);
            else
                ModelState.AddAppError(e, errorPrefix);
            try
            {
                Usuario = await usuarios.GetAsync(id, ct);
            }
            catch (NotFoundException)
            {
                return NotFound(); // a refused form for a user that does not exist (the form is checked first)
            }
            NuevaPassword = null;
            return Page();
        }
    }
}
