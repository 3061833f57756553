using BlendPos.Web.Features.Auth;
using BlendPos.Web.Infrastructure.Errors;
using BlendPos.Web.Infrastructure.Http;

namespace BlendPos.Web.Features.Shared;

/// <summary>A supervisor's user and password typed at someone else's terminal (API.md <c>autorizacion</c>).</summary>
public sealed record AutorizacionRequest(string? Username, string? Password);

/// <summary>
/// The named seam for "a supervisor approves this at the cashier's terminal" (a discount at checkout, a void with F8):
/// <see cref="AuthService.AuthorizeSupervisorAsync"/> does the checking — one credential check for login and
/// authorizations, failures counted per user and terminal address, rate limited per address, and a cashier's right
/// password refused with the same words as a wrong one. Nobody is signed in or out. A refusal is a 403 here (the
/// caller's own token is fine; the approval is what is missing).
/// </summary>
public sealed class AutorizacionSupervisor(AuthService auth, IHttpContextAccessor http)
{
    public async Task<(Actor Actor, string Usuario)> VerificarAsync(AutorizacionRequest? r, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(r?.Username) || string.IsNullOrEmpty(r.Password))
            throw new ValidationException("autorizacion", "Ingresá el usuario y la contraseña del supervisor.");
        var direccion = http.HttpContext is { } c ? ClientAddress.Of(c) : ClientAddress.Unknown;
        try
        {
            var (usuario, rol) = await auth.AuthorizeSupervisorAsync(r.Username, r.Password, direccion, ct);
            return (new Actor(usuario.Id, rol), usuario.UserName!);
        }
        catch (UnauthorizedException e)
        {
            throw new ForbiddenException(e.Detail);
        }
    }
}
