using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Domain.Usuarios;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Shared;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;


namespace BlendPos.Web.Features.Caja;

/// <summary>A manual ingreso or egreso (with a reason and a method) in the caller's own open drawer.</summary>
public sealed partial class CajaService
{
    /// <summary>A manual ingreso or egreso on the caller's own open session.</summary>
    public async Task<MovimientoCajaDto> RegistrarMovimientoAsync(MovimientoRequest r, Actor actor, CancellationToken ct = default)
    {
        var descripcion = r.Descripcion?.Trim() ?? "";
        var v = new Validator();
        v.When(r.SesionCajaId is null, "sesion_caja_id", "Falta la sesión de caja.");
        v.When(r.Tipo is not (TipoMovimientoCaja.IngresoManual or TipoMovimientoCaja.EgresoManual), "tipo",
            "El tipo debe ser ingreso_manual o egreso_manual.");
        ValidarMonto(v, "monto", r.Monto, required: true, allowZero: false);
        v.When(descripcion.Length == 0, "descripcion", "Indicá el motivo del movimiento.");
        v.When(descripcion.Length > 300, "descripcion", "La descripción admite hasta 300 caracteres.");
        v.ThrowIfAny();

        return await db.InTransactionAsync(async () =>
        {
            var sesion = await LockAsync(r.SesionCajaId!.Value, forUpdate: false, ct);
            if (sesion.UsuarioId != actor.Id)
                throw new ForbiddenException("Solo el cajero de la sesión registra sus movimientos.");
            EnsureAbierta(sesion);
            var signo = r.Tipo == TipoMovimientoCaja.EgresoManual ? -1 : 1;
            var mov = new MovimientoCaja
            {
                Id = Guid.NewGuid(), SesionCajaId = sesion.Id, Tipo = r.Tipo!.Value, MetodoPago = r.MetodoPago ?? MetodoPago.Efectivo,
                Monto = signo * r.Monto!.Value, Descripcion = descripcion, UsuarioId = actor.Id, CreatedAt = clock.GetUtcNow(),
            };
            db.MovimientosCaja.Add(mov);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Cash movement {Tipo} {Monto} on session {Sesion} by {User}", mov.Tipo, mov.Monto, sesion.Id, actor.Id);
            return new MovimientoCajaDto(mov.Id, mov.SesionCajaId, mov.Tipo, mov.MetodoPago, mov.Monto, mov.Descripcion, null, mov.CreatedAt);
        }, ct);
    }
}
