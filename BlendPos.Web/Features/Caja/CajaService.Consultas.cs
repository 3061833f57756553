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

    // ── Hooks for sales (issue 5): they run inside the sale's transaction, which saves and commits. ──────────

    /// <summary>Locks the session for a sale (FOR SHARE: sales run side by side, a count waits for them) and checks it is open.</summary>
    internal async Task<SesionCaja> SesionParaVentaAsync(Guid sesionId, Guid usuarioId, CancellationToken ct)
    {
        var sesion = await LockAsync(sesionId, forUpdate: false, ct);
        var regla = SesionDeVentaRules.Evaluar(new SesionDeVenta(sesion.Id, sesion.PuntoDeVenta, sesion.UsuarioId, sesion.Estado, sesion.OpenedAt),
            usuarioId, actorEsSupervisor: false, offline: false);
        if (regla == SesionParaVenta.Ajena) throw new ForbiddenException("Esa caja es de otro cajero.");
        if (regla != SesionParaVenta.Abierta) throw new ConflictException("La caja no está abierta: no se registran ventas ni movimientos.");
        return sesion;
    }

    /// <summary>
    /// A void writes the inverse of the sale's movements; the originals stay (ADR-004). It locks the sale's session
    /// like a sale does (FOR SHARE, so it cannot land in a session being counted) and refuses a session that is no
    /// longer open, or a sale already voided (409). Must run inside the caller's transaction.
    /// </summary>
    internal async Task RegistrarAnulacionAsync(Guid ventaId, string motivo, Guid usuarioId, CancellationToken ct)
    {
        var originales = await db.MovimientosCaja.AsNoTracking()
            .Where(m => m.ReferenciaId == ventaId && m.Tipo == TipoMovimientoCaja.Venta).ToListAsync(ct);
        foreach (var sesionId in originales.Select(m => m.SesionCajaId).Distinct())
            EnsureAbierta(await LockAsync(sesionId, forUpdate: false, ct));
        if (await db.MovimientosCaja.AnyAsync(m => m.ReferenciaId == ventaId && m.Tipo == TipoMovimientoCaja.Anulacion, ct))
            throw new ConflictException("Esa venta ya fue anulada.");

        var now = clock.GetUtcNow();
        var descripcion = $"Anulación: {motivo}";
        if (descripcion.Length > 300) descripcion = descripcion[..300]; // movimientos_caja.descripcion
        var inversos = BlendPos.Domain.Ventas.AnulacionRules.Efectos([],
            originales.Select(m => new BlendPos.Domain.Ventas.Pago(m.MetodoPago ?? MetodoPago.Efectivo, m.Monto))).MovimientosInversos;
        foreach (var (m, inverso) in originales.Zip(inversos))
        {
            db.MovimientosCaja.Add(new MovimientoCaja
            {
                Id = Guid.NewGuid(), SesionCajaId = m.SesionCajaId, Tipo = TipoMovimientoCaja.Anulacion, MetodoPago = inverso.Metodo,
                Monto = inverso.Monto, Descripcion = descripcion, ReferenciaId = ventaId, UsuarioId = usuarioId, CreatedAt = now,
            });
        }
    }

    private static DateTimeOffset Inicio(DateOnly dia, TimeZoneInfo tz)
    {
        var local = dia.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, tz.GetUtcOffset(local)).ToUniversalTime();
    }
}
