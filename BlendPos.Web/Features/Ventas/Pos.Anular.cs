using BlendPos.Web.Features.Caja;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Mvc;

namespace BlendPos.Web.Features.Ventas;

/// <summary>The till's void (F8): a supervisor authorizes it at the cashier's terminal.</summary>
public sealed partial class PosModel
{
    /// <summary>
    /// A supervisor voids a sale at this terminal: their credentials are checked by <see cref="AutorizacionSupervisor"/>
    /// (rate limited per terminal address, failures count toward that user's lockout at this address) without signing
    /// anyone in or out, and the void is recorded with the supervisor as the actor. Every refusal — unknown user, wrong
    /// password, a cashier's right password — reads the same, so the dialog never confirms a password.
    /// </summary>
    public async Task<IActionResult> OnPostAnularAsync([FromServices] AutorizacionSupervisor autorizaciones, CancellationToken ct)
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
            var (supervisor, usuario) = await autorizaciones.VerificarAsync(new AutorizacionRequest(AnularUsuario, AnularPassword), ct);
            var anulada = await ventas.AnularAsync(venta.Id, new AnularRequest(AnularMotivo), supervisor, ct);
            logger.LogInformation("Sale {Venta} voided at the terminal of {Cajero}, authorized by {Supervisor}", anulada.Id, actor.Id, supervisor.Id);
            var sesion = await caja.ActualOrNullAsync(actor, ct);
            Ultimas = sesion is null ? [] : await UltimasAsync(sesion.Id, ct);
            var pdv = sesion?.PuntoDeVenta ?? 0;
            return Partial("_PosAnulada", new PosAnuladaVista(VentaDto.Ticket(pdv, anulada.NumeroTicket), usuario, Ultimas, pdv, Zona));
        }
        catch (AppException e)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            var mensajes = e is ValidationException v ? v.Errors.SelectMany(kv => kv.Value).ToList() : [e.Detail];
            return Partial("_PosCobroError", new PosCobroErrorVista(mensajes, null));
        }
    }
}
