using BlendPos.Domain.Reportes;
using BlendPos.Web.Data;
using BlendPos.Web.Infrastructure.Config;
using Coravel.Invocable;
using Microsoft.EntityFrameworkCore;
using static BlendPos.Web.Data.SqlBatch;

namespace BlendPos.Web.Features.Reportes;

/// <summary>
/// Fills the daily summary tables (<see cref="ResumenDia"/>, <see cref="ResumenVentas"/>, <see cref="ResumenPagos"/>, <see cref="ResumenProductos"/>) the one-year reports read: each ended Argentine day
/// (by the app's <see cref="TimeProvider"/>) that has no clean summary yet — never summarized, or dirty since — is
/// summarized in its own transaction that replaces whatever rows the day had, so running a day twice gives the same rows.
/// <para>
/// Changes after a day was summarized: the <c>ventas</c> triggers (migration ResumenDiario) mark the sale's day dirty
/// when a sale is inserted into an already summarized day (a late offline sale), when its state, amounts, cashier,
/// punto de venta or instant change (a void), or when it is deleted. We chose marking over reading voids live because
/// a void changes more than the voids' own numbers (the day's tickets, totals, payments and product lines), and
/// because a trigger covers every writer — the till, the offline sync, a void, a fix made with SQL — without a line in
/// the sale path. A dirty day is read live by the reports (exact at once) until the next run summarizes it again.
/// </para>
/// <para>
/// The race with a sale being written while its day is summarized is closed by a table lock: the job takes
/// <c>ventas</c> in SHARE ROW EXCLUSIVE mode, which waits for every transaction that has written a sale and holds back
/// new writes for the few milliseconds a day takes. A writer that comes after finds the day's summary committed and its
/// trigger marks the day dirty; one that came before is in the summary. The lock also serializes two instances'
/// jobs. A lock timeout keeps a long till transaction from making the tills queue behind the job: the day is tried on
/// the next run.
/// </para>
/// </summary>
public sealed class ResumenService(BlendPosDb db, BlendPosOptions options, TimeProvider clock, ILogger<ResumenService> logger)
{
    private TimeZoneInfo Zona => TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);

    /// <summary>Summarizes every ended day that needs it, oldest first; returns how many days it summarized.</summary>
    public async Task<int> ResumirPendientesAsync(CancellationToken ct = default)
    {
        var hoy = Periodo.DiaDe(clock.GetUtcNow(), Zona);
        var pendientes = await PendientesAsync(hoy, ct);
        foreach (var dia in pendientes)
        {
            ct.ThrowIfCancellationRequested();
            await ResumirDiaAsync(dia, ct);
        }
        if (pendientes.Count > 0) logger.LogInformation("Summarized {Dias} day(s) of sales for the reports, up to {Hasta}", pendientes.Count, pendientes[^1]);
        return pendientes.Count;
    }

    /// <summary>The ended days without a clean summary (<see cref="ResumenDiario.PorResumir"/>).</summary>
    public async Task<IReadOnlyList<DateOnly>> PendientesAsync(DateOnly hoy, CancellationToken ct = default)
    {
        var primera = await db.Ventas.AsNoTracking().MinAsync(v => (DateTimeOffset?)v.CreatedAt, ct);
        if (primera is null) return [];
        var primerDia = Periodo.DiaDe(primera.Value, Zona);
        var limpios = await db.Set<ResumenDia>().AsNoTracking().Where(r => !r.Sucio && r.Dia >= primerDia).Select(r => r.Dia).ToListAsync(ct);
        return ResumenDiario.PorResumir(primerDia, hoy, limpios);
    }

    /// <summary>
    /// Replaces the summary rows of <paramref name="dia"/> with its sales as they are now, and marks it clean. Refused
    /// for a day that has not ended (today's sales are always read live).
    /// </summary>
    public async Task ResumirDiaAsync(DateOnly dia, CancellationToken ct = default)
    {
        var tz = Zona;
        if (!ResumenDiario.Resumible(dia, Periodo.DiaDe(clock.GetUtcNow(), tz)))
            throw new InvalidOperationException($"The day {dia:yyyy-MM-dd} has not ended yet: it cannot be summarized.");
        var periodo = Periodo.Dia(dia);
        var desde = periodo.InicioUtc(tz);
        var hasta = periodo.FinUtc(tz);
        var now = clock.GetUtcNow();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);
            // Own statements: the lock is granted before the statements below take their snapshots.
            await using (var bloqueo = SqlBatch.Create(db, [Cmd("SET LOCAL lock_timeout = '2s'"), Cmd("LOCK TABLE ventas IN SHARE ROW EXCLUSIVE MODE")]))
                await bloqueo.ExecuteNonQueryAsync(ct);
            await using (var batch = SqlBatch.Create(db, Comandos(dia, desde, hasta, now)))
                await batch.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
        });
    }

    /// <summary>The day's rows, replaced: the same sums the live report queries make, over [desde, hasta).</summary>
    private static IEnumerable<Npgsql.NpgsqlBatchCommand> Comandos(DateOnly dia, DateTimeOffset desde, DateTimeOffset hasta, DateTimeOffset now) =>
    [
        Cmd("DELETE FROM resumen_ventas WHERE dia = $1", dia),
        Cmd("DELETE FROM resumen_pagos WHERE dia = $1", dia),
        Cmd("DELETE FROM resumen_productos WHERE dia = $1", dia),
        Cmd("""
            INSERT INTO resumen_ventas (dia, punto_de_venta, usuario_id, tickets, total, anuladas, total_anulado, vuelto)
            SELECT $1, v.punto_de_venta, v.usuario_id,
                   count(*) FILTER (WHERE v.estado = 'completada'), coalesce(sum(v.total) FILTER (WHERE v.estado = 'completada'), 0),
                   count(*) FILTER (WHERE v.estado = 'anulada'), coalesce(sum(v.total) FILTER (WHERE v.estado = 'anulada'), 0),
                   coalesce(sum(v.vuelto) FILTER (WHERE v.estado = 'completada'), 0)
            FROM ventas v WHERE v.created_at >= $2 AND v.created_at < $3
            GROUP BY v.punto_de_venta, v.usuario_id
            """, dia, desde, hasta),
        Cmd("""
            INSERT INTO resumen_pagos (dia, punto_de_venta, usuario_id, metodo, monto)
            SELECT $1, v.punto_de_venta, v.usuario_id, vp.metodo, sum(vp.monto)
            FROM venta_pagos vp JOIN ventas v ON v.id = vp.venta_id
            WHERE v.estado = 'completada' AND v.created_at >= $2 AND v.created_at < $3
            GROUP BY v.punto_de_venta, v.usuario_id, vp.metodo
            """, dia, desde, hasta),
        Cmd($"""
            INSERT INTO resumen_productos (dia, punto_de_venta, producto_id, unidades, ingresos, costo, unidades_sin_costo)
            WITH lineas AS (
                SELECT v.punto_de_venta, i.producto_id, i.cantidad, i.subtotal, v.created_at
                FROM venta_items i JOIN ventas v ON v.id = i.venta_id
                WHERE v.estado = 'completada' AND v.created_at >= $2 AND v.created_at < $3),
            {ReportesService.TramosSql("$3")}
            SELECT $1, l.punto_de_venta, l.producto_id, sum(l.cantidad), sum(l.subtotal),
                   coalesce(sum(l.cantidad * t.precio_costo), 0), coalesce(sum(l.cantidad) FILTER (WHERE t.producto_id IS NULL), 0)
            FROM lineas l
            LEFT JOIN tramos t ON t.producto_id = l.producto_id AND l.created_at >= t.desde AND l.created_at < t.hasta
            GROUP BY l.punto_de_venta, l.producto_id
            """, dia, desde, hasta),
        Cmd("""
            INSERT INTO resumen_dias (dia, desde, hasta, sucio, resumido_at) VALUES ($1, $2, $3, false, $4)
            ON CONFLICT (dia) DO UPDATE SET desde = excluded.desde, hasta = excluded.hasta, sucio = false, resumido_at = excluded.resumido_at
            """, dia, desde, hasta, now),
    ];
}

/// <summary>The Coravel job (scheduled by <see cref="ResumenSetup"/>).</summary>
public sealed class ResumenJob(ResumenService resumen) : IInvocable
{
    public Task Invoke() => resumen.ResumirPendientesAsync();
}
