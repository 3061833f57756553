using BlendPos.Domain.Reportes;
using static BlendPos.Web.Data.SqlBatch;

namespace BlendPos.Web.Features.Reportes;

/// <summary>
/// Products ranked by units or revenue, with the margin. The sale lines keep no cost, so each line is costed with the
/// price history (<c>precios_historial</c>: one row per price change, cost included) in effect when it was sold: the
/// history becomes intervals [vigente_desde, next vigente_desde) and the lines are hash-joined to them by product,
/// which is one pass over the lines however long the period. Before a product's first history row (rows older than
/// the history), its current cost stands in. Summarized days come from <c>resumen_productos</c>, costed the same way by
/// the job (<see cref="TramosSql"/>) except the units older than the history, costed here at the current cost as live.
/// </summary>
public sealed partial class ReportesService
{
    /// <summary>The most rows the page shows; the CSV has every product sold.</summary>
    public const int FilasRanking = 100;

    public async Task<ReporteProductos> ProductosAsync(FiltroReporte filtro, OrdenRanking orden, Actor actor, int? limite = FilasRanking,
        CancellationToken ct = default)
    {
        var c = await ContextoAsync(PeriodoDe(filtro), filtro.PuntoDeVenta, actor, ct);
        var fin = Siguiente(c);
        var dias = fin + 1;
        var ordenSql = orden == OrdenRanking.Ingresos ? "ingresos DESC, unidades DESC" : "unidades DESC, ingresos DESC";
        IEnumerable<Npgsql.NpgsqlBatchCommand> Comandos(Lectura l) =>
        [
            Cmd($"""
                WITH lineas AS (
                    SELECT i.producto_id, i.cantidad, i.subtotal, v.created_at
                    {VentasVivas} JOIN venta_items i ON i.venta_id = v.id
                    WHERE v.estado = 'completada' AND {FiltroVivas(c)}),
                {TramosSql("$" + fin)},
                todas AS (
                    SELECT l.producto_id, l.cantidad AS unidades, l.subtotal AS ingresos, coalesce(l.cantidad * t.precio_costo, 0) AS costo,
                           CASE WHEN t.producto_id IS NULL THEN l.cantidad ELSE 0 END AS sin_costo
                    FROM lineas l
                    LEFT JOIN tramos t ON t.producto_id = l.producto_id AND l.created_at >= t.desde AND l.created_at < t.hasta
                    UNION ALL
                    SELECT r.producto_id, r.unidades, r.ingresos, r.costo, r.unidades_sin_costo FROM resumen_productos r WHERE {DiasResumidos(c, dias)})
                SELECT x.producto_id, pr.codigo_barras, pr.nombre, x.unidades, x.ingresos, x.costo + x.sin_costo * pr.precio_costo
                FROM (SELECT producto_id, sum(unidades)::int AS unidades, sum(ingresos) AS ingresos, sum(costo) AS costo, sum(sin_costo) AS sin_costo
                      FROM todas GROUP BY producto_id) x
                JOIN productos pr ON pr.id = x.producto_id
                ORDER BY {ordenSql}, pr.nombre, x.producto_id
                """, ParametrosVivos(c, l, c.Fin, Dias(l))),
        ];

        var filas = await LeerResumidoAsync(c, Comandos, async r => await FilasAsync(r, x => new ProductoRanking(
            x.GetGuid(0), x.GetString(1), x.GetString(2), x.GetInt32(3), x.GetDecimal(4), x.GetDecimal(5)), ct), ct);
        var mostradas = limite is { } n ? filas.Take(n).ToList() : filas;
        return new ReporteProductos(c.Periodo, c.PuntoDeVenta, orden, mostradas, filas.Count, filas.Sum(f => f.Unidades),
            filas.Sum(f => f.Ingresos), filas.Sum(f => f.Costo), c.CajaPropiaExcluida);
    }
}
