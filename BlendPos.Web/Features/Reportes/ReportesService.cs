using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Domain.Reportes;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Inventario;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BlendPos.Web.Features.Reportes;

/// <summary>
/// What the owner looks at in the evening: the dashboard and the reports over a period, one partial file each
/// (<c>Tablero.cs</c>, <c>ReporteVentas.cs</c>, <c>ReporteProductos.cs</c>, <c>ReporteCaja.cs</c>,
/// <c>ReporteAnulaciones.cs</c>, <c>ReporteConflictos.cs</c>). Each report is one read-only transaction (its numbers
/// agree with each other) whose statements go to PostgreSQL in one batch: the sums are done by the database over
/// indexed columns, the averages, margins and filled gaps by <see cref="Agregados"/>. The sales and products reports
/// read ended days from the daily summary tables (<c>ReportesService.Resumen.cs</c>, <see cref="ResumenService"/>)
/// and the rest live, after one more statement in the same snapshot that says which days are summarized.
/// <para>
/// Days and hours are Argentine (<see cref="BlendPosOptions.TimeZone"/>), voided sales are counted apart, never in the
/// totals. Supervisors and admins only. Blind count (<see cref="ConteoCiego"/>): a supervisor's own open drawer is left
/// out of every sum (<see cref="Contexto.CajaPropiaExcluida"/>), else the report would tell them what it should hold.
/// </para>
/// </summary>
public sealed partial class ReportesService(BlendPosDb db, InventarioService inventario, BlendPosOptions options, TimeProvider clock)
{
    /// <summary>What every query of a report shares: the UTC bounds, the filters and the sessions left out.</summary>
    private sealed record Contexto(Periodo Periodo, DateTimeOffset Inicio, DateTimeOffset Fin, int? PuntoDeVenta, Guid[] Ciegas, string Zona)
    {
        public bool CajaPropiaExcluida => Ciegas.Length > 0;
    }

    public TimeZoneInfo Zona => TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);

    public DateTimeOffset Ahora => clock.GetUtcNow();

    /// <summary>Today in Argentina, by the app's clock.</summary>
    public DateOnly Hoy => Periodo.DiaDe(clock.GetUtcNow(), Zona);

    /// <summary>The period a filter names, or a 400 with the Spanish reason (the pages show it above the form).</summary>
    public Periodo PeriodoDe(FiltroReporte filtro)
    {
        var r = Periodo.Crear(filtro.Desde, filtro.Hasta, Hoy);
        return r.Periodo ?? throw new ValidationException("desde", r.Error!);
    }

    private async Task<Contexto> ContextoAsync(Periodo periodo, int? puntoDeVenta, Actor actor, CancellationToken ct)
    {
        if (!actor.EsSupervisor) throw new ForbiddenException("Los reportes son para supervisores y administradores.");
        var tz = Zona;
        var ciegas = await SesionesCiegasAsync(actor, ct);
        return new Contexto(periodo, periodo.InicioUtc(tz), periodo.FinUtc(tz), puntoDeVenta, ciegas, options.TimeZone);
    }

    /// <summary>
    /// The actor's own sessions whose expected amounts they may not see yet (the one rule, <see cref="ConteoCiego"/>): for a
    /// supervisor, a drawer of their own still open. Other users' drawers are theirs to see.
    /// </summary>
    private async Task<Guid[]> SesionesCiegasAsync(Actor actor, CancellationToken ct)
    {
        var ocultos = Enum.GetValues<EstadoSesionCaja>().Where(e => !ConteoCiego.PuedeVerEsperado(actor.Rol, esDueno: true, e)).ToList();
        return (await db.SesionesCaja.AsNoTracking().Where(s => s.UsuarioId == actor.Id && ocultos.Contains(s.Estado))
            .Select(s => s.Id).ToListAsync(ct)).ToArray();
    }

    /// <summary>
    /// The sales of the period, as a WHERE clause over <c>ventas v</c> with parameters $1 (from), $2 (to), $3 (sessions
    /// left out) and, only when filtered, $4 (punto de venta): a clause written for the filter, not «$4 IS NULL OR …»,
    /// so a prepared plan never has to serve both. <paramref name="columna"/> is the instant that places a sale in the
    /// period (<c>created_at</c>, or <c>anulada_at</c> for voids).
    /// </summary>
    private static string DondeVentas(Contexto c, string columna = "v.created_at") =>
        $"{columna} >= $1 AND {columna} < $2 AND NOT (v.sesion_caja_id = ANY($3))" + (c.PuntoDeVenta is null ? "" : " AND v.punto_de_venta = $4");

    /// <summary>The positional parameters of <see cref="DondeVentas"/>, then <paramref name="extra"/> ($4 or $5 on).</summary>
    private static object[] Parametros(Contexto c, params object[] extra)
    {
        var p = new List<object> { c.Inicio, c.Fin, c.Ciegas };
        if (c.PuntoDeVenta is { } pdv) p.Add(pdv);
        p.AddRange(extra);
        return p.ToArray();
    }

    /// <summary>The number of the next positional parameter after <see cref="Parametros"/>' own.</summary>
    private static int Siguiente(Contexto c) => c.PuntoDeVenta is null ? 4 : 5;

    /// <summary>
    /// Runs <paramref name="commands"/> in one round trip inside a read-only repeatable-read transaction (one snapshot for
    /// the whole report) and hands the reader to <paramref name="leer"/>, which reads the results in order.
    /// </summary>
    private Task<T> LeerAsync<T>(IEnumerable<NpgsqlBatchCommand> commands, Func<NpgsqlDataReader, Task<T>> leer, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            await using (var ro = SqlBatch.Create(db, [new NpgsqlBatchCommand("SET TRANSACTION READ ONLY")]))
                await ro.ExecuteNonQueryAsync(ct);
            T result;
            await using (var batch = SqlBatch.Create(db, commands))
            await using (var reader = await batch.ExecuteReaderAsync(ct))
                result = await leer(reader);
            await tx.CommitAsync(ct);
            return result;
        });

    /// <summary>All the rows of the current result, then moves to the next one.</summary>
    private static async Task<List<T>> FilasAsync<T>(NpgsqlDataReader r, Func<NpgsqlDataReader, T> fila, CancellationToken ct)
    {
        var list = new List<T>();
        while (await r.ReadAsync(ct)) list.Add(fila(r));
        await r.NextResultAsync(ct);
        return list;
    }

    private static MetodoPago Metodo(string value) => Formato.ParseMetodo(value) ?? MetodoPago.Efectivo;

    private static string? Texto(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
