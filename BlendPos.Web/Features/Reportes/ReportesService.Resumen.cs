using BlendPos.Domain.Reportes;
using BlendPos.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using static BlendPos.Web.Data.SqlBatch;

namespace BlendPos.Web.Features.Reportes;

/// <summary>
/// Reading a period partly from the daily summary tables (ResumenJob): inside the report's one read-only snapshot,
/// the first statement asks which days of the period have a clean summary; those days are read from the summary rows
/// and every other day (today, a day not summarized yet, a dirty one) from the sales themselves, so the numbers are the
/// live query's exactly (<see cref="ResumenDiario.Plan"/>). A supervisor's own open drawer cannot be taken out of summary
/// rows, so from the first day it has a sale on, its report reads live.
/// </summary>
public sealed partial class ReportesService
{
    /// <summary>The plan of one report, as SQL parameters: the summarized days and the live ranges in UTC.</summary>
    private sealed record Lectura(DateOnly[] Resumidos, DateTimeOffset[] VivosDesde, DateTimeOffset[] VivosHasta);

    /// <summary>
    /// The live part's sales: <c>ventas v</c> joined to the live ranges $1 (from) and $2 (to), filtered by $3 (sessions
    /// left out) and $4 (punto de venta, when filtered) like <see cref="DondeVentas"/>. Each range is one index scan.
    /// </summary>
    private const string VentasVivas =
        "FROM unnest($1::timestamptz[], $2::timestamptz[]) AS t(desde, hasta) JOIN ventas v ON v.created_at >= t.desde AND v.created_at < t.hasta";

    private static string FiltroVivas(Contexto c) =>
        "NOT (v.sesion_caja_id = ANY($3))" + (c.PuntoDeVenta is null ? "" : " AND v.punto_de_venta = $4");

    /// <summary>The summary rows <c>r</c> of the plan's days: the day list is parameter <paramref name="dias"/>, the punto de venta $4.</summary>
    private static string DiasResumidos(Contexto c, int dias) =>
        $"r.dia = ANY(${dias}::date[])" + (c.PuntoDeVenta is null ? "" : " AND r.punto_de_venta = $4");

    /// <summary>The parameters of <see cref="VentasVivas"/> and <see cref="FiltroVivas"/>, then <paramref name="extra"/> from <see cref="Siguiente"/> on.</summary>
    private static object[] ParametrosVivos(Contexto c, Lectura l, params object[] extra)
    {
        var p = new List<object>
        {
            new NpgsqlParameter { Value = l.VivosDesde, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
            new NpgsqlParameter { Value = l.VivosHasta, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
            c.Ciegas,
        };
        if (c.PuntoDeVenta is { } pdv) p.Add(pdv);
        p.AddRange(extra);
        return p.ToArray();
    }

    private static NpgsqlParameter Dias(Lectura l) => new() { Value = l.Resumidos, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date };

    /// <summary>
    /// The price history as intervals [desde, hasta) per product sold in <c>lineas</c>, up to <paramref name="fin"/>: the
    /// cost in effect at a line's instant. Shared by the live ranking and the job, so both cost a line the same way.
    /// </summary>
    internal static string TramosSql(string fin) => $"""
        tramos AS (
            SELECT h.producto_id, h.precio_costo, h.vigente_desde AS desde,
                   lead(h.vigente_desde, 1, 'infinity') OVER (PARTITION BY h.producto_id ORDER BY h.vigente_desde, h.id) AS hasta
            FROM precios_historial h
            WHERE h.producto_id IN (SELECT DISTINCT producto_id FROM lineas) AND h.vigente_desde < {fin})
        """;

    /// <summary>
    /// Like <see cref="LeerAsync"/>, with the plan read first in the same snapshot: a day summarized (or made dirty)
    /// meanwhile changes nothing in this report.
    /// </summary>
    private Task<T> LeerResumidoAsync<T>(Contexto c, Func<Lectura, IEnumerable<NpgsqlBatchCommand>> comandos, Func<NpgsqlDataReader, Task<T>> leer,
        CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            var plan = new List<NpgsqlBatchCommand>
            {
                Cmd("SET TRANSACTION READ ONLY"),
                Cmd("SELECT dia FROM resumen_dias WHERE dia >= $1 AND dia <= $2 AND NOT sucio", c.Periodo.Desde, c.Periodo.Hasta),
            };
            if (c.CajaPropiaExcluida) plan.Add(Cmd("SELECT min(created_at) FROM ventas WHERE sesion_caja_id = ANY($1)", c.Ciegas));
            var limpios = new List<DateOnly>();
            DateOnly? desdeVivo = null;
            await using (var batch = SqlBatch.Create(db, plan))
            await using (var r = await batch.ExecuteReaderAsync(ct))
            {
                while (await r.ReadAsync(ct)) limpios.Add(r.GetFieldValue<DateOnly>(0));
                if (await r.NextResultAsync(ct) && await r.ReadAsync(ct) && !r.IsDBNull(0))
                    desdeVivo = Periodo.DiaDe(r.GetFieldValue<DateTimeOffset>(0), Zona);
            }
            var lectura = LecturaDe(ResumenDiario.Plan(c.Periodo, limpios, desdeVivo));
            T result;
            await using (var batch = SqlBatch.Create(db, comandos(lectura)))
            await using (var reader = await batch.ExecuteReaderAsync(ct))
                result = await leer(reader);
            await tx.CommitAsync(ct);
            return result;
        });

    private Lectura LecturaDe(PlanLectura plan)
    {
        var tz = Zona;
        return new Lectura(plan.Resumidos.ToArray(),
            plan.Vivos.Select(v => new Periodo(v.Desde, v.Hasta).InicioUtc(tz)).ToArray(),
            plan.Vivos.Select(v => new Periodo(v.Desde, v.Hasta).FinUtc(tz)).ToArray());
    }
}
