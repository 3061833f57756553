using BlendPos.Domain.Reportes;
using static BlendPos.Web.Data.SqlBatch;

namespace BlendPos.Web.Features.Reportes;

/// <summary>
/// Products ranked by units or revenue, with the margin. The sale lines keep no cost, so each line is costed with the
/// price history (<c>precios_historial</c>: one row per price change, cost included) in effect when it was sold: the
/// history becomes intervals [vigente_desde, next vigente_desde) and the lines are hash-joined to them by product,
/// which is one pass over the lines however long the period. Before a product's first history row (rows older than
/// the history), its current cost stands in.
/// </summary>
public sealed partial class ReportesService
{
    /// <summary>The most rows the page shows; the CSV has every product sold.</summary>
    public const int FilasRanking = 100;

    public async Task<ReporteProductos> ProductosAsync(FiltroReporte filtro, OrdenRanking orden, Actor actor, int? limite = FilasRanking,
        CancellationToken ct = default)
    {
        var c = await ContextoAsync(PeriodoDe(filtro), filtro.PuntoDeVenta, actor, ct);
        var p = Parametros(c);
        var donde = DondeVentas(c);
        var ordenSql = orden == OrdenRanking.Ingresos ? "ingresos DESC, unidades DESC" : "unidades DESC, ingresos DESC";
        var commands = new[]
        {
            Cmd($"""
                WITH lineas AS (
                    SELECT i.producto_id, i.cantidad, i.subtotal, v.created_at
                    FROM venta_items i JOIN ventas v ON v.id = i.venta_id
                    WHERE v.estado = 'completada' AND {donde}),
                tramos AS (
                    SELECT h.producto_id, h.precio_costo, h.vigente_desde AS desde,
                           lead(h.vigente_desde, 1, 'infinity') OVER (PARTITION BY h.producto_id ORDER BY h.vigente_desde, h.id) AS hasta
                    FROM precios_historial h
                    WHERE h.producto_id IN (SELECT DISTINCT producto_id FROM lineas) AND h.vigente_desde < $2),
                costeadas AS (
                    SELECT l.producto_id, l.cantidad, l.subtotal, l.cantidad * coalesce(t.precio_costo, pr.precio_costo) AS costo
                    FROM lineas l
                    JOIN productos pr ON pr.id = l.producto_id
                    LEFT JOIN tramos t ON t.producto_id = l.producto_id AND l.created_at >= t.desde AND l.created_at < t.hasta)
                SELECT x.producto_id, pr.codigo_barras, pr.nombre, x.unidades, x.ingresos, x.costo
                FROM (SELECT producto_id, sum(cantidad)::int AS unidades, sum(subtotal) AS ingresos, sum(costo) AS costo
                      FROM costeadas GROUP BY producto_id) x
                JOIN productos pr ON pr.id = x.producto_id
                ORDER BY {ordenSql}, pr.nombre, x.producto_id
                """, p),
        };

        var filas = await LeerAsync(commands, async r => await FilasAsync(r, x => new ProductoRanking(
            x.GetGuid(0), x.GetString(1), x.GetString(2), x.GetInt32(3), x.GetDecimal(4), x.GetDecimal(5)), ct), ct);
        var mostradas = limite is { } n ? filas.Take(n).ToList() : filas;
        return new ReporteProductos(c.Periodo, c.PuntoDeVenta, orden, mostradas, filas.Count, filas.Sum(f => f.Unidades),
            filas.Sum(f => f.Ingresos), filas.Sum(f => f.Costo), c.CajaPropiaExcluida);
    }
}
