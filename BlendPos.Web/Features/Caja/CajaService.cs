using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Domain.Usuarios;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Shared;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BlendPos.Web.Features.Caja;

/// <summary>
/// Cash sessions, one partial file per operation: <c>AbrirCaja.cs</c>, <c>RegistrarMovimiento.cs</c>,
/// <c>ArqueoCaja.cs</c> (the blind count), <c>CerrarCaja.cs</c> (a supervisor's close or justification),
/// <c>ConsultarCaja.cs</c> (reads for /v1 and the pages). This file holds what they share. Each operation is one transaction; the
/// session row is locked (FOR SHARE by movements, FOR UPDATE by counts and closes) so no movement slips into a
/// session while it is being counted. Movements are immutable: the database rejects UPDATE and DELETE.
/// </summary>
public sealed partial class CajaService(BlendPosDb db, Aprobadores aprobadores, TimeProvider clock, ILogger<CajaService> logger)
{
    public const decimal MaxMonto = 9_999_999_999.99m; // numeric(12,2)

    private async Task<MontosPorMetodo> EsperadoAsync(SesionCaja sesion, CancellationToken ct)
    {
        var porMetodo = await db.MovimientosCaja.AsNoTracking().Where(m => m.SesionCajaId == sesion.Id)
            .GroupBy(m => m.MetodoPago).Select(g => new { Metodo = g.Key, Total = g.Sum(m => m.Monto) }).ToListAsync(ct);
        return ArqueoRules.Esperado(sesion.MontoInicial, porMetodo.Select(x => (x.Metodo, x.Total)));
    }

    /// <summary>Live expected total, only for a supervisor looking at someone else's session: the one who will count never gets it.</summary>
    private async Task<decimal?> EsperadoVivoAsync(SesionCaja sesion, Actor actor, CancellationToken ct) =>
        sesion.Estado == EstadoSesionCaja.Abierta && PuedeVerEsperado(sesion, actor)
            ? (await EsperadoAsync(sesion, ct)).Total
            : null;

    /// <summary>Blind count (ADR-003): every read of a session asks the one rule, <see cref="ConteoCiego"/>.</summary>
    private static bool PuedeVerEsperado(SesionCaja s, Actor actor) =>
        ConteoCiego.PuedeVerEsperado(actor.Rol, esDueno: s.UsuarioId == actor.Id, s.Estado);

    private async Task<SesionCaja> LoadVisibleAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var sesion = await db.SesionesCaja.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct)
                     ?? throw new NotFoundException("La sesión de caja no existe.");
        if (sesion.UsuarioId != actor.Id && !Roles.AtLeast(actor.Rol, Roles.Supervisor))
            throw new ForbiddenException("Solo podés ver tus propias cajas.");
        return sesion;
    }

    private async Task<SesionCaja> LockAsync(Guid id, bool forUpdate, CancellationToken ct)
    {
        // A copy the caller's context already tracks would be returned as is (identity resolution), stale, and the
        // checks after the lock would read it: untrack it so the locked row is what gets checked.
        foreach (var stale in db.ChangeTracker.Entries<SesionCaja>().Where(e => e.Entity.Id == id).ToList())
            stale.State = EntityState.Detached;
        var sesion = forUpdate
            ? await db.SesionesCaja.FromSql($"SELECT * FROM sesiones_caja WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(ct)
            : await db.SesionesCaja.FromSql($"SELECT * FROM sesiones_caja WHERE id = {id} FOR SHARE").FirstOrDefaultAsync(ct);
        return sesion ?? throw new NotFoundException("La sesión de caja no existe.");
    }

    private static void EnsureAbierta(SesionCaja sesion)
    {
        if (sesion.Estado != EstadoSesionCaja.Abierta)
            throw new ConflictException("La caja no está abierta: no se registran ventas ni movimientos.");
    }

    private static void ValidarMonto(Validator v, string field, decimal? monto, bool required, bool allowZero)
    {
        if (monto is null) { v.When(required, field, "Ingresá el importe."); return; }
        v.When(monto < 0, field, "El importe no puede ser negativo.");
        v.When(!allowZero && monto == 0, field, "El importe debe ser mayor que cero.");
        v.When(!Money.HasAtMostTwoDecimals(monto.Value), field, "El importe admite hasta 2 decimales.");
        v.When(monto > MaxMonto, field, "El importe es demasiado alto.");
    }

    /// <summary>The blind-count rule lives here: a cashier's open session never carries monto_esperado.</summary>
    private static SesionCajaDto ToDto(SesionCaja s, Actor actor, decimal? esperadoVivo) =>
        new(s.Id, s.PuntoDeVenta, s.UsuarioId, s.MontoInicial, s.Estado, s.OpenedAt, s.ClosedAt,
            PuedeVerEsperado(s, actor) ? s.MontoEsperado ?? esperadoVivo : null, s.MontoDeclarado, s.Desvio, s.DesvioPct,
            s.Clasificacion, s.Observaciones);

    private static ArqueoDto ToArqueoDto(Guid sesionId, ResultadoArqueo r, EstadoSesionCaja estado) => new(
        sesionId, MontosDto.From(r.Esperado), MontosDto.From(r.Declarado), r.MontoEsperado, r.MontoDeclarado,
        r.Desvio, r.DesvioPct, r.Clasificacion, estado);
}
