using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Domain.Usuarios;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Shared;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;


namespace BlendPos.Web.Features.Caja;

/// <summary>Opening a drawer: the cashier's own, once, at their punto de venta (AperturaCaja), with its starting cash.</summary>
public sealed partial class CajaService
{
    public async Task<SesionCajaDto> AbrirAsync(AbrirCajaRequest r, Actor actor, CancellationToken ct = default)
    {
        var v = new Validator();
        v.When(r.PuntoDeVenta is < 1 or > 99999, "punto_de_venta", "El punto de venta debe ser un número entre 1 y 99999.");
        ValidarMonto(v, "monto_inicial", r.MontoInicial, required: true, allowZero: true);
        v.ThrowIfAny();
        // A cajero opens only at the punto de venta on their profile (issue 16); a supervisor or admin anywhere.
        var asignado = await db.Users.AsNoTracking().Where(u => u.Id == actor.Id).Select(u => u.PuntoDeVenta).FirstAsync(ct);
        var (pdv, rechazo) = AperturaCaja.PuntoDeVenta(actor.Rol, asignado, r.PuntoDeVenta);
        if (rechazo is not null) throw new ForbiddenException(rechazo);
        new Validator().When(pdv is null, "punto_de_venta", "Indicá el punto de venta.").ThrowIfAny();

        if (await db.SesionesCaja.AnyAsync(s => s.UsuarioId == actor.Id && s.Estado == EstadoSesionCaja.Abierta, ct))
            throw new ConflictException("Ya tenés una caja abierta. Cerrala antes de abrir otra.");
        if (await db.SesionesCaja.AnyAsync(s => s.PuntoDeVenta == pdv && s.Estado == EstadoSesionCaja.Abierta, ct))
            throw new ConflictException($"El punto de venta {pdv} ya tiene una caja abierta por otro usuario.");

        var sesion = new SesionCaja
        {
            Id = Guid.NewGuid(), PuntoDeVenta = pdv!.Value, UsuarioId = actor.Id, MontoInicial = r.MontoInicial!.Value,
            Estado = EstadoSesionCaja.Abierta, OpenedAt = clock.GetUtcNow(),
        };
        db.SesionesCaja.Add(sesion);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two opens at once: the partial unique indexes let only one through. Untrack the loser, or the next
            // SaveChanges in this scope (a page that shows the message and goes on) would try to insert it again.
            db.Entry(sesion).State = EntityState.Detached;
            throw new ConflictException("Ya hay una caja abierta para este usuario o punto de venta.");
        }
        logger.LogInformation("Cash session {Sesion} opened at PdV {Pdv} by {User} with {Monto}", sesion.Id, pdv, actor.Id, sesion.MontoInicial);
        return ToDto(sesion, actor, esperadoVivo: null);
    }
}
