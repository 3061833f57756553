using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Domain.Usuarios;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Caja;

/// <summary>A user who has opened at least one session (the supervisor's filter).</summary>
public sealed record UsuarioCaja(Guid Id, string Usuario, string NombreCompleto);

/// <summary>The open form: the punto de venta it shows, whether it may be changed, or why the user cannot open.</summary>
public sealed record AperturaVista(int? PuntoDeVenta, bool Elegible, string? Rechazo);

/// <summary>Read-only look-ups the cash pages need besides the /v1 operations.</summary>
public sealed partial class CajaService
{
    /// <summary>The caller's open session, or null (the /caja page shows the open form instead).</summary>
    public async Task<SesionCajaDto?> ActualOrNullAsync(Actor actor, CancellationToken ct = default)
    {
        var sesion = await db.SesionesCaja.AsNoTracking()
            .FirstOrDefaultAsync(s => s.UsuarioId == actor.Id && s.Estado == EstadoSesionCaja.Abierta, ct);
        // Through ToDto like every other read, so the blind-count rule stays in one place.
        return sesion is null ? null : ToDto(sesion, actor, await EsperadoVivoAsync(sesion, actor, ct));
    }

    /// <summary>
    /// What the open form offers (<see cref="AperturaCaja"/>): a supervisor or admin a punto de venta field filled with
    /// their own; a cajero their assigned one, fixed, or why they cannot open.
    /// </summary>
    public async Task<AperturaVista> AperturaAsync(Actor actor, CancellationToken ct = default)
    {
        var asignado = await db.Users.AsNoTracking().Where(u => u.Id == actor.Id).Select(u => u.PuntoDeVenta).FirstOrDefaultAsync(ct);
        var (pdv, rechazo) = AperturaCaja.PuntoDeVenta(actor.Rol, asignado, pedido: null);
        return new AperturaVista(pdv, Roles.AtLeast(actor.Rol, Roles.Supervisor), rechazo);
    }

    /// <summary>One session with its owner's and closer's names, in any state (same visibility as <see cref="GetAsync"/>).</summary>
    public async Task<SesionResumen> ResumenAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        var sesion = await LoadVisibleAsync(id, actor, ct);
        var ids = new[] { sesion.UsuarioId, sesion.CerradaPorId ?? sesion.UsuarioId };
        var nombres = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName!, ct);
        return new SesionResumen(ToDto(sesion, actor, await EsperadoVivoAsync(sesion, actor, ct)),
            nombres.GetValueOrDefault(sesion.UsuarioId, "?"), sesion.CerradaPorId is { } c ? nombres.GetValueOrDefault(c) : null);
    }

    /// <summary>When the blind count was taken (the closing report prints it); null before the count.</summary>
    public async Task<DateTimeOffset?> FechaArqueoAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await LoadVisibleAsync(id, actor, ct);
        return await db.Arqueos.AsNoTracking().Where(a => a.SesionCajaId == id)
            .Select(a => (DateTimeOffset?)a.CreatedAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>Users who have opened a session, for the supervisor's filter.</summary>
    public async Task<IReadOnlyList<UsuarioCaja>> UsuariosConSesionesAsync(Actor actor, CancellationToken ct = default)
    {
        if (!Roles.AtLeast(actor.Rol, Roles.Supervisor)) return [];
        return await db.Users.AsNoTracking()
            .Where(u => db.SesionesCaja.Any(s => s.UsuarioId == u.Id))
            .OrderBy(u => u.UserName)
            .Select(u => new UsuarioCaja(u.Id, u.UserName!, u.NombreCompleto))
            .ToListAsync(ct);
    }

    /// <summary>Puntos de venta that have had a session, for the supervisor's filter.</summary>
    public async Task<IReadOnlyList<int>> PuntosDeVentaConSesionesAsync(Actor actor, CancellationToken ct = default)
    {
        if (!Roles.AtLeast(actor.Rol, Roles.Supervisor)) return [];
        return await db.SesionesCaja.AsNoTracking().Select(s => s.PuntoDeVenta).Distinct().OrderBy(p => p).ToListAsync(ct);
    }
}
