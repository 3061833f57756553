using BlendPos.Domain.Usuarios;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Caja;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Shared;

/// <summary>
/// The database half of <see cref="CuatroOjos"/>: whether another active supervisor or admin exists. A named seam
/// shared by Caja (closing a session), Ventas (voids) and Conflictos (reviews).
/// </summary>
public sealed class Aprobadores(BlendPosDb db)
{
    /// <summary>Throws 403 with <paramref name="que"/> in the message when <paramref name="actor"/> may not approve <paramref name="autor"/>'s work.</summary>
    public async Task ExigirOtroAsync(Actor actor, Guid autor, string que, CancellationToken ct = default)
    {
        if (actor.Id != autor && Roles.AtLeast(actor.Rol, Roles.Supervisor)) return; // the common case: no query
        var otro = actor.Id == autor && actor.Rol == Roles.Admin && await HayOtroAsync(actor.Id, ct);
        if (!CuatroOjos.PuedeAprobar(actor.Id, actor.Rol, autor, otro))
            throw new ForbiddenException(CuatroOjos.Motivo(que));
    }

    /// <summary>Another active user with the supervisor or admin role.</summary>
    public Task<bool> HayOtroAsync(Guid excepto, CancellationToken ct = default)
    {
        var roles = db.Roles.Where(r => r.Name == Roles.Supervisor || r.Name == Roles.Admin).Select(r => r.Id);
        return db.UserRoles.Where(ur => roles.Contains(ur.RoleId) && ur.UserId != excepto)
            .Join(db.Users.Where(u => u.Activo), ur => ur.UserId, u => u.Id, (ur, u) => u.Id).AnyAsync(ct);
    }
}
