using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Caja;

/// <summary>Read side for supervisors (session list, closing report) and the hooks sales will call.</summary>
public sealed partial class CajaService
{
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
}
