using BlendPos.Domain.Usuarios;
using BlendPos.Web.Features.Caja;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Mvc;

namespace BlendPos.Web.Features.Ventas;

/// <summary>The till's void (F8): a supervisor authorizes it at the cashier's terminal.</summary>
public sealed partial class PosModel
{
    /// <summary>
    /// A supervisor voids a sale at this terminal: their credentials are checked (failures count toward lockout) without
    /// signing anyone in or out, and the void is recorded with the supervisor as the actor.
    /// </summary>
    public async Task<IActionResult> OnPostAnularAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        try
        {
            new Validator()
                .When(AnularVentaId is null, "anular_venta_id", "Elegí la venta que se anula.")
                .When(string.IsNullOrWhiteSpace(AnularUsuario), "anular_usuario", "Ingresá el usuario del supervisor.")
                .When(string.IsNullOrEmpty(AnularPassword), "anular_password", "Ingresá la contraseña del supervisor.")
                .When(string.IsNullOrWhiteSpace(AnularMotivo), "anular_motivo", "Indicá el motivo de la anulación.")
                .ThrowIfAny();
            // Only a sale of this cashier (GetAsync enforces it for a cajero).
            var venta = await ventas.GetAsync(AnularVentaId!.Value, actor, ct);
            var supervisor = await AutorizarAsync(AnularUsuario!, AnularPassword!);
            var anulada = await ventas.AnularAsync(venta.Id, new AnularRequest(AnularMotivo), supervisor.Actor, ct);
            logger.LogInformation("Sale {Venta} voided at the terminal of {Cajero}, authorized by {Supervisor}", anulada.Id, actor.Id, supervisor.Actor.Id);
            var sesion = await caja.ActualOrNullAsync(actor, ct);
            Ultimas = sesion is null ? [] : await UltimasAsync(sesion.Id, ct);
            var pdv = sesion?.PuntoDeVenta ?? 0;
            return Partial("_PosAnulada", new PosAnuladaVista(VentaDto.Ticket(pdv, anulada.NumeroTicket), supervisor.Usuario, Ultimas, pdv, Zona));
        }
        catch (AppException e)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            var mensajes = e is ValidationException v ? v.Errors.SelectMany(kv => kv.Value).ToList() : [e.Detail];
            return Partial("_PosCobroError", new PosCobroErrorVista(mensajes, null));
        }
    }

    private async Task<(Actor Actor, string Usuario)> AutorizarAsync(string usuario, string password)
    {
        const string incorrectas = "Usuario o contraseña de supervisor incorrectos.";
        var user = await users.FindByNameAsync(usuario.Trim().ToLowerInvariant()) ?? throw new UnauthorizedException(incorrectas);
        // CheckPasswordSignInAsync verifies (and counts failures toward lockout) but issues no cookie: the cashier stays signed in.
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut) throw new TooManyRequestsException("Demasiados intentos fallidos: la cuenta del supervisor quedó bloqueada unos minutos.");
        if (!result.Succeeded)
        {
            logger.LogInformation("Void authorization refused for {User} (bad password or inactive)", user.UserName);
            throw new UnauthorizedException(incorrectas);
        }
        var rol = Roles.Highest(await users.GetRolesAsync(user));
        if (!Roles.AtLeast(rol, Roles.Supervisor))
            throw new ForbiddenException($"{user.UserName} no es supervisor: no puede autorizar una anulación.");
        return (new Actor(user.Id, rol!), user.UserName!);
    }
}
