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
/// Cash sessions: open, manual movements, blind count, supervisor close. Each operation is one transaction; the
/// session row is locked (FOR SHARE by movements, FOR UPDATE by counts and closes) so no movement slips into a
/// session while it is being counted. Movements are immutable: the database rejects UPDATE and DELETE.
/// </summary>
public sealed partial class CajaService(BlendPosDb db, Aprobadores aprobadores, TimeProvider clock, ILogger<CajaService> logger)
{
    public const decimal MaxMonto = 9_999_999_999.99m; // numeric(12,2)

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

    /// <summary>The cashier's blind count of their own open session. Taken once.</summary>
    public async Task<ArqueoDto> ArqueoAsync(ArqueoRequest r, Actor actor, CancellationToken ct = default)
    {
        var declarado = ValidarDeclaracion(r.SesionCajaId, r.Declaracion, r.Observaciones, observacionesRequeridas: false);
        return await db.InTransactionAsync(async () =>
        {
            var sesion = await LockAsync(r.SesionCajaId!.Value, forUpdate: true, ct);
            if (sesion.UsuarioId != actor.Id)
                throw new ForbiddenException("Solo el cajero de la sesión hace su arqueo; un supervisor la cierra con «cerrar».");
            var result = await ContarAsync(sesion, declarado, r.Observaciones, actor, porSupervisor: false, ct);
            return result;
        }, ct);
    }

    /// <summary>Computes the count against the movements, stores it once, and moves the session on.</summary>
    private async Task<ArqueoDto> ContarAsync(SesionCaja sesion, MontosPorMetodo declarado, string? observaciones, Actor actor,
        bool porSupervisor, CancellationToken ct)
    {
        if (sesion.Estado != EstadoSesionCaja.Abierta || await db.Arqueos.AnyAsync(a => a.SesionCajaId == sesion.Id, ct))
            throw new ConflictException("Esta caja ya fue contada: el arqueo se declara una sola vez.");

        var esperado = await EsperadoAsync(sesion, ct);
        var resultado = ArqueoRules.Calcular(esperado, declarado);
        var now = clock.GetUtcNow();
        db.Arqueos.Add(new Arqueo
        {
            Id = Guid.NewGuid(), SesionCajaId = sesion.Id, UsuarioId = actor.Id,
            DeclaradoEfectivo = declarado.Efectivo, DeclaradoDebito = declarado.Debito,
            DeclaradoCredito = declarado.Credito, DeclaradoTransferencia = declarado.Transferencia,
            EsperadoEfectivo = esperado.Efectivo, EsperadoDebito = esperado.Debito,
            EsperadoCredito = esperado.Credito, EsperadoTransferencia = esperado.Transferencia,
            Observaciones = string.IsNullOrWhiteSpace(observaciones) ? null : observaciones.Trim(), CreatedAt = now,
        });
        sesion.MontoEsperado = resultado.MontoEsperado;
        sesion.MontoDeclarado = resultado.MontoDeclarado;
        sesion.Desvio = resultado.Desvio;
        sesion.DesvioPct = resultado.DesvioPct;
        sesion.Clasificacion = resultado.Clasificacion;
        sesion.Estado = porSupervisor ? EstadoSesionCaja.Cerrada : resultado.EstadoResultante;
        if (!string.IsNullOrWhiteSpace(observaciones)) sesion.Observaciones = observaciones.Trim();
        if (sesion.Estado == EstadoSesionCaja.Cerrada) sesion.ClosedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear(); // the refused count must not be saved by a later SaveChanges in this scope
            throw new ConflictException("Esta caja ya fue contada: el arqueo se declara una sola vez.");
        }
        logger.LogInformation("Blind count of session {Sesion}: expected {Esperado}, declared {Declarado}, {Clasificacion}",
            sesion.Id, resultado.MontoEsperado, resultado.MontoDeclarado, resultado.Clasificacion);
        return ToArqueoDto(sesion.Id, resultado, sesion.Estado);
    }

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

    private static MontosPorMetodo ValidarDeclaracion(Guid? sesionId, Declaracion? d, string? observaciones, bool observacionesRequeridas)
    {
        var v = new Validator();
        v.When(sesionId is null, "sesion_caja_id", "Falta la sesión de caja.");
        v.When(d is null, "declaracion", "Declará lo contado por medio de pago.");
        if (d is not null)
        {
            ValidarMonto(v, "declaracion.efectivo", d.Efectivo ?? 0, required: false, allowZero: true);
            ValidarMonto(v, "declaracion.debito", d.Debito ?? 0, required: false, allowZero: true);
            ValidarMonto(v, "declaracion.credito", d.Credito ?? 0, required: false, allowZero: true);
            ValidarMonto(v, "declaracion.transferencia", d.Transferencia ?? 0, required: false, allowZero: true);
            // Each method may be valid and the sum still not fit monto_declarado (numeric(12,2)).
            var total = Math.Abs(d.Efectivo ?? 0) + Math.Abs(d.Debito ?? 0) + Math.Abs(d.Credito ?? 0) + Math.Abs(d.Transferencia ?? 0);
            v.When(total > MaxMonto, "declaracion", "El total declarado es demasiado alto.");
        }
        v.When(observacionesRequeridas && string.IsNullOrWhiteSpace(observaciones), "observaciones", "Escribí las observaciones.");
        v.When((observaciones?.Length ?? 0) > 1000, "observaciones", "Las observaciones admiten hasta 1000 caracteres.");
        v.ThrowIfAny();
        return new MontosPorMetodo(d!.Efectivo ?? 0, d.Debito ?? 0, d.Credito ?? 0, d.Transferencia ?? 0);
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
