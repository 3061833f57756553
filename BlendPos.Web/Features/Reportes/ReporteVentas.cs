using BlendPos.Domain.Reportes;
using static BlendPos.Web.Data.SqlBatch;

namespace BlendPos.Web.Features.Reportes;

/// <summary>
/// Sales by day, payment method and cashier. Rows grouped by (day, cashier) give the three views that do not need the
/// payments (a year of 8 cashiers is under 3,000 groups); a second statement sums the payments. Summarized days come from
/// <c>resumen_ventas</c> and <c>resumen_pagos</c>, the others from one scan of their sales (ReportesService.Resumen).
/// </summary>
public sealed partial class ReportesService
{
    public async Task<ReporteVentas> VentasAsync(FiltroReporte filtro, Actor actor, CancellationToken ct = default)
    {
        var c = await ContextoAsync(PeriodoDe(filtro), filtro.PuntoDeVenta, actor, ct);
        var tz = Siguiente(c);
        var dias = tz + 1;
        var vivas = FiltroVivas(c);
        var resumidos = DiasResumidos(c, dias);
        IEnumerable<Npgsql.NpgsqlBatchCommand> Comandos(Lectura l) =>
        [
            Cmd($"""
                SELECT g.dia, g.usuario_id, coalesce(u.username, '?'), g.tickets, g.total, g.anuladas, g.total_anulado, g.vuelto
                FROM (SELECT (v.created_at AT TIME ZONE ${tz})::date AS dia, v.usuario_id,
                             count(*) FILTER (WHERE v.estado = 'completada')::int AS tickets,
                             coalesce(sum(v.total) FILTER (WHERE v.estado = 'completada'), 0) AS total,
                             count(*) FILTER (WHERE v.estado = 'anulada')::int AS anuladas,
                             coalesce(sum(v.total) FILTER (WHERE v.estado = 'anulada'), 0) AS total_anulado,
                             coalesce(sum(v.vuelto) FILTER (WHERE v.estado = 'completada'), 0) AS vuelto
                      {VentasVivas} WHERE {vivas} GROUP BY 1, 2
                      UNION ALL
                      SELECT r.dia, r.usuario_id, sum(r.tickets)::int, sum(r.total), sum(r.anuladas)::int, sum(r.total_anulado), sum(r.vuelto)
                      FROM resumen_ventas r WHERE {resumidos} GROUP BY 1, 2) g
                LEFT JOIN usuarios u ON u.id = g.usuario_id
                """, ParametrosVivos(c, l, c.Zona, Dias(l))),
            Cmd($"""
                SELECT x.metodo, sum(x.monto) FROM (
                    SELECT vp.metodo, sum(vp.monto) AS monto
                    {VentasVivas} JOIN venta_pagos vp ON vp.venta_id = v.id WHERE v.estado = 'completada' AND {vivas} GROUP BY 1
                    UNION ALL
                    SELECT r.metodo, sum(r.monto) FROM resumen_pagos r WHERE {DiasResumidos(c, tz)} GROUP BY 1) x
                GROUP BY 1
                """, ParametrosVivos(c, l, Dias(l))),
        ];

        var (grupos, pagos) = await LeerResumidoAsync(c, Comandos, async r =>
        {
            var grupos = await FilasAsync(r, x => (Dia: DateOnly.FromDateTime(x.GetDateTime(0)), UsuarioId: x.GetGuid(1), Usuario: x.GetString(2),
                Tickets: x.GetInt32(3), Total: x.GetDecimal(4), Anuladas: x.GetInt32(5), TotalAnulado: x.GetDecimal(6), Vuelto: x.GetDecimal(7)), ct);
            var pagos = await FilasAsync(r, x => new MetodoMonto(Metodo(x.GetString(0)), x.GetDecimal(1)), ct);
            return (grupos, pagos);
        }, ct);

        var totales = new Totales(grupos.Sum(g => g.Tickets), grupos.Sum(g => g.Total), grupos.Sum(g => g.Anuladas), grupos.Sum(g => g.TotalAnulado));
        var porDia = Agregados.PorDia(c.Periodo,
            grupos.GroupBy(g => g.Dia).Select(d => new DiaVentas(d.Key, d.Sum(g => g.Tickets), d.Sum(g => g.Total), d.Sum(g => g.Anuladas), d.Sum(g => g.TotalAnulado))),
            d => d.Dia, d => new DiaVentas(d, 0, 0m, 0, 0m));
        var porCajero = grupos.GroupBy(g => (g.UsuarioId, g.Usuario))
            .Select(u => new CajeroVentas(u.Key.UsuarioId, u.Key.Usuario, u.Sum(g => g.Tickets), u.Sum(g => g.Total), u.Sum(g => g.Anuladas)))
            .OrderByDescending(u => u.Total).ThenBy(u => u.Usuario, StringComparer.Ordinal).ToList();
        return new ReporteVentas(c.Periodo, c.PuntoDeVenta, totales, porDia, PorMetodo(pagos, grupos.Sum(g => g.Vuelto)), porCajero, c.CajaPropiaExcluida);
    }
}
