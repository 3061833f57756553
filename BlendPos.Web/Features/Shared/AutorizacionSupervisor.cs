using BlendPos.Domain.Usuarios;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Caja;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Identity;

namespace BlendPos.Web.Features.Shared;

/// <summary>A supervisor's user and password typed at someone else's terminal (API.md <c>autorizacion</c>).</summary>
public sealed record AutorizacionRequest(string? Username, string? Password);

/// <summary>
/// Checks a supervisor's credentials typed at a cashier's terminal (a discount, a void) without signing anyone in or
/// out. A wrong password, an unknown user and a correct password of someone who is not a supervisor all answer the
/// same words, so the prompt never confirms a cashier's password to whoever types it.
/// </summary>
public sealed class AutorizacionSupervisor(UserManager<Usuario> users, SignInManager<Usuario> signIn, ILogger<AutorizacionSupervisor> logger)
{
    public const string Incorrectas = "Usuario o contraseña de supervisor incorrectos.";

    /// <summary>The authorizing supervisor as an actor; 403 (or 429 when locked) otherwise.</summary>
    public async Task<(Actor Actor, string Usuario)> VerificarAsync(AutorizacionRequest? r)
    {
        if (string.IsNullOrWhiteSpace(r?.Username) || string.IsNullOrEmpty(r.Password))
            throw new ValidationException("autorizacion", "Ingresá el usuario y la contraseña del supervisor.");
        var user = await users.FindByNameAsync(r.Username.Trim().ToLowerInvariant());
        if (user is null)
        {
            // Hash anyway: an unknown user takes as long as a wrong password.
            users.PasswordHasher.VerifyHashedPassword(new Usuario(), HashFicticio, r.Password);
            throw new ForbiddenException(Incorrectas);
        }
        // Verifies and counts failures toward lockout, but issues no cookie: the cashier stays signed in.
        var result = await signIn.CheckPasswordSignInAsync(user, r.Password, lockoutOnFailure: true);
        if (result.IsLockedOut) throw new TooManyRequestsException("Demasiados intentos fallidos: la cuenta del supervisor quedó bloqueada unos minutos.");
        var rol = result.Succeeded ? Roles.Highest(await users.GetRolesAsync(user)) : null;
        if (!Roles.AtLeast(rol, Roles.Supervisor))
        {
            logger.LogInformation("Supervisor authorization refused for {User}", user.UserName);
            throw new ForbiddenException(Incorrectas);
        }
        return (new Actor(user.Id, rol!), user.UserName!);
    }

    private static readonly string HashFicticio = new PasswordHasher<Usuario>().HashPassword(new Usuario(), "no-es-una-clave-" + Guid.NewGuid());
}
