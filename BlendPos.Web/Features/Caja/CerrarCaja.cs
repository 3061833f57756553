using BlendPos.Domain;
using BlendPos.Domain.Usuarios;
using BlendPos.Web.Data;
using BlendPos.Web.Infrastructure.Errors;

namespace BlendPos.Web.Features.Caja;

/// <summary>A supervisor's close of a session: another user's open one, or a critical count waiting for its justification.</summary>
public sealed partial class CajaService
{
    /// <summary>
    /// Supervisor: closes another user's open session with its declared count, or finishes a pendiente_cierre
    /// session with a justification. Either way the supervisor is recorded and observations are required. Four eyes
    /// (issue 16): never one's own session, unless an admin is the only one who could (<see cref="CuatroOjos"/>).
    /// </summary>
    public async Task<SesionCajaDto> CerrarAsync(CerrarCajaRequest r, Actor actor, CancellationToken ct = default)
    {
        if (!Roles.AtLeast(actor.Rol, Roles.Supervisor))
            throw new ForbiddenException("Solo un supervisor puede cerrar o justificar una caja.");
        var observaciones = r.Observaciones?.Trim() ?? "";
        new Validator()
            .When(r.SesionCajaId is null, "sesion_caja_id", "Falta la sesión de caja.")
            .When(observaciones.Length == 0, "observaciones", "Escribí la justificación o las observaciones del cierre.")
            .When(observaciones.Length > 1000, "observaciones", "Las observaciones admiten hasta 1000 caracteres.")
            .ThrowIfAny();

        return await db.InTransactionAsync(async () =>
        {
            var sesion = await LockAsync(r.SesionCajaId!.Value, forUpdate: true, ct);
            if (sesion.Estado == EstadoSesionCaja.Cerrada) throw new ConflictException("Esa caja ya está cerrada.");
            await aprobadores.ExigirOtroAsync(actor, sesion.UsuarioId, QueSeAprueba(sesion.Estado), ct);
            var now = clock.GetUtcNow();
            if (sesion.Estado == EstadoSesionCaja.Abierta)
            {
                var declarado = ValidarDeclaracion(sesion.Id, r.Declaracion, observaciones, observacionesRequeridas: true);
                await ContarAsync(sesion, declarado, observaciones, actor, porSupervisor: true, ct);
            }
            else
            {
                sesion.Observaciones = string.IsNullOrEmpty(sesion.Observaciones)
                    ? $"Justificación: {observaciones}"
                    : $"{sesion.Observaciones}\nJustificación: {observaciones}";
            }
            sesion.Estado = EstadoSesionCaja.Cerrada;
            sesion.CerradaPorId = actor.Id;
            sesion.ClosedAt ??= now;
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Cash session {Sesion} closed by supervisor {User}", sesion.Id, actor.Id);
            return ToDto(sesion, actor, esperadoVivo: null);
        }, ct);
    }

    /// <summary>
    /// Why <paramref name="actor"/> may not close or justify <paramref name="sesion"/> (four eyes), or null when they
    /// may: the session page says so instead of offering a form that would be refused.
    /// </summary>
    public async Task<string?> RechazoDeCierreAsync(SesionCajaDto sesion, Actor actor, CancellationToken ct = default)
    {
        // Asks the same check CerrarAsync makes, so the page and the service cannot disagree.
        try
        {
            await aprobadores.ExigirOtroAsync(actor, sesion.UsuarioId, QueSeAprueba(sesion.Estado), ct);
            return null;
        }
        catch (ForbiddenException e)
        {
            return e.Detail;
        }
    }

    private static string QueSeAprueba(EstadoSesionCaja estado) =>
        estado == EstadoSesionCaja.PendienteCierre ? "justificar tu propia caja" : "cerrar tu propia caja";
}
