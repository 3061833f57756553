using BlendPos.Domain.Caja;
using BlendPos.Domain.Usuarios;
using BlendPos.Domain;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Shared;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BlendPos.Web.Features.Caja;

/// <summary>A user who has opened at least one session (the supervisor's filter).</summary>
public sealed record UsuarioCaja(Guid Id, string Usuario, string NombreCompleto);

/// <summary>The open form: the punto de venta it shows, whether it may be changed, or why the user cannot open.</summary>
public sealed record AperturaVista(int? PuntoDeVenta, bool Elegible, string? Rechazo);

/// <summary>Read-only look-ups the cash pages need besides the /v1 operations.</summary>
/// <summary>Reading drawers for /v1 and the pages, each read through the blind-count rule (ConteoCiego).</summary>
public sealed partial class CajaService
{
    public async Task<SesionCajaDto> ActualAsync(Actor actor, CancellationToken ct = default)
    {
        var sesion = await db.SesionesCaja.AsNoTracking()
                         .FirstOrDefaultAsync(s => s.UsuarioId == actor.Id && s.Estado == EstadoSesionCaja.Abierta, ct)
                     ?? throw new NotFoundException("No tenés una caja abierta.");
        return ToDto(sesion, actor, await EsperadoVivoAsync(sesion, actor, ct));
    }

    public async Task<SesionCajaDto> GetAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        var sesion = await LoadVisibleAsync(id, actor, ct);
        return ToDto(sesion, actor, await EsperadoVivoAsync(sesion, actor, ct));
    }

    /// <summary>The session's movements the actor may see (GET /v1/caja/{id}/movimientos).</summary>
    public async Task<IReadOnlyList<MovimientoCajaDto>> MovimientosAsync(Guid id, Actor actor, CancellationToken ct = default) =>
        (await MovimientosVisiblesAsync(id, actor, ct)).Items;

    /// <summary>
    /// The session's movements, oldest first. Blind count (<see cref="ConteoCiego"/>): to whoever may not see what the
    /// session is expected to hold, only the manual ones; the movements of sales would add up to it.
    /// </summary>
    public async Task<MovimientosDeSesion> MovimientosVisiblesAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        var sesion = await LoadVisibleAsync(id, actor, ct);
        var query = db.MovimientosCaja.AsNoTracking().Where(m => m.SesionCajaId == id);
        var ciego = !PuedeVerEsperado(sesion, actor);
        if (ciego)
        {
            var visibles = ConteoCiego.TiposVisiblesACiegas;
            query = query.Where(m => visibles.Contains(m.Tipo));
        }
        var items = await query.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new MovimientoCajaDto(m.Id, m.SesionCajaId, m.Tipo, m.MetodoPago, m.Monto, m.Descripcion, m.ReferenciaId, m.CreatedAt))
            .ToListAsync(ct);
        return new MovimientosDeSesion(items, ciego);
    }

    public async Task<PageOf<SesionResumen>> ListAsync(SesionFiltro f, Actor actor, BlendPosOptions options, int? page, int? size,
        CancellationToken ct = default)
    {
        var (p, s) = Paging.Normalize(page, size);
        var tz = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var query = db.SesionesCaja.AsNoTracking();
        if (!BlendPos.Domain.Usuarios.Roles.AtLeast(actor.Rol, BlendPos.Domain.Usuarios.Roles.Supervisor))
            query = query.Where(x => x.UsuarioId == actor.Id);
        if (f.UsuarioId is { } u) query = query.Where(x => x.UsuarioId == u);
        if (f.PuntoDeVenta is { } pdv) query = query.Where(x => x.PuntoDeVenta == pdv);
        if (f.Estado is { } estado) query = query.Where(x => x.Estado == estado);
        // Dates are business days in Argentina, not UTC days.
        if (f.Desde is { } desde) { var from = Inicio(desde, tz); query = query.Where(x => x.OpenedAt >= from); }
        if (f.Hasta is { } hasta) { var to = Inicio(hasta.AddDays(1), tz); query = query.Where(x => x.OpenedAt < to); }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(x => x.OpenedAt).Skip((p - 1) * s).Take(s)
            .GroupJoin(db.Users, x => x.UsuarioId, usr => usr.Id, (x, us) => new { x, us })
            .SelectMany(t => t.us.DefaultIfEmpty(), (t, usr) => new { t.x, Usuario = usr != null ? usr.UserName : null })
            .GroupJoin(db.Users, t => t.x.CerradaPorId, usr => usr.Id, (t, us) => new { t.x, t.Usuario, us })
            .SelectMany(t => t.us.DefaultIfEmpty(), (t, sup) => new { t.x, t.Usuario, CerradaPor = sup != null ? sup.UserName : null })
            .ToListAsync(ct);

        var items = new List<SesionResumen>();
        foreach (var row in rows)
            items.Add(new SesionResumen(ToDto(row.x, actor, await EsperadoVivoAsync(row.x, actor, ct)), row.Usuario ?? "?", row.CerradaPor));
        return new PageOf<SesionResumen>(items, total, p, s);
    }

    /// <summary>The printable closing report. Only once counted: before that it would reveal the expected amount.</summary>
    public async Task<ReporteCierre> ReporteAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        var sesion = await LoadVisibleAsync(id, actor, ct);
        if (sesion.Estado == EstadoSesionCaja.Abierta)
            throw new ConflictException("El reporte de cierre está disponible después del arqueo.");
        var arqueo = await db.Arqueos.AsNoTracking().FirstOrDefaultAsync(a => a.SesionCajaId == id, ct);
        var nombres = await db.Users.AsNoTracking()
            .Where(u => u.Id == sesion.UsuarioId || u.Id == sesion.CerradaPorId || (arqueo != null && u.Id == arqueo.UsuarioId))
            .ToDictionaryAsync(u => u.Id, u => u.UserName!, ct);

        ArqueoDto? arqueoDto = null;
        if (arqueo is not null)
        {
            var esperado = new MontosPorMetodo(arqueo.EsperadoEfectivo, arqueo.EsperadoDebito, arqueo.EsperadoCredito, arqueo.EsperadoTransferencia);
            var declarado = new MontosPorMetodo(arqueo.DeclaradoEfectivo, arqueo.DeclaradoDebito, arqueo.DeclaradoCredito, arqueo.DeclaradoTransferencia);
            arqueoDto = ToArqueoDto(id, ArqueoRules.Calcular(esperado, declarado), sesion.Estado);
        }
        var resumen = new SesionResumen(ToDto(sesion, actor, null), nombres.GetValueOrDefault(sesion.UsuarioId, "?"),
            sesion.CerradaPorId is { } c ? nombres.GetValueOrDefault(c) : null);
        return new ReporteCierre(resumen, arqueoDto, await MovimientosAsync(id, actor, ct),
            arqueo is not null ? nombres.GetValueOrDefault(arqueo.UsuarioId) : null);
    }

    /// <summary>For the count page after submitting: the stored result of this session's count.</summary>
    public async Task<ArqueoDto> ArqueoDeAsync(Guid sesionId, Actor actor, CancellationToken ct = default)
    {
        var reporte = await ReporteAsync(sesionId, actor, ct);
        return reporte.Arqueo ?? throw new NotFoundException("Esta caja todavía no tiene arqueo.");
    }

    private static DateTimeOffset Inicio(DateOnly dia, TimeZoneInfo tz)
    {
        var local = dia.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, tz.GetUtcOffset(local)).ToUniversalTime();
    }

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
