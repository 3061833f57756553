using BlendPos.Domain;
using BlendPos.Domain.Reportes;
using static BlendPos.Web.Data.SqlBatch;

namespace BlendPos.Web.Features.Reportes;

/// <summary>The dashboard: today (Argentina) in one batch; the low-stock count is Inventario's cached one.</summary>
public sealed partial class ReportesService
{
    public const int TopProductos = 10;
    public const int UltimosDesvios = 5;

    public async Task<Tablero> TableroAsync(Actor actor, CancellationToken ct = default)
    {
        var c = await ContextoAsync(Periodo.Dia(Hoy), null, actor, ct);
        var p = Parametros(c);
        var tz = Siguiente(c);
        var donde = DondeVentas(c);
        var commands = new[]
        {
            Cmd($"""
                SELECT extract(hour FROM v.created_at AT TIME ZONE ${tz})::int,
                       count(*) FILTER (WHERE v.estado = 'completada')::int, coalesce(sum(v.total) FILTER (WHERE v.estado = 'completada'), 0),
                       count(*) FILTER (WHERE v.estado = 'anulada')::int, coalesce(sum(v.total) FILTER (WHERE v.estado = 'anulada'), 0),
                       coalesce(sum(v.vuelto) FILTER (WHERE v.estado = 'completada'), 0)
                FROM ventas v WHERE {donde} GROUP BY 1
                """, [.. p, c.Zona]),
            Cmd($"""
                SELECT vp.metodo, sum(vp.monto) FROM venta_pagos vp JOIN ventas v ON v.id = vp.venta_id
                WHERE v.estado = 'completada' AND {donde} GROUP BY 1
                """, p),
            Cmd($"""
                SELECT pr.nombre, pr.codigo_barras, sum(i.cantidad)::int, sum(i.subtotal)
                FROM venta_items i JOIN ventas v ON v.id = i.venta_id JOIN productos pr ON pr.id = i.producto_id
                WHERE v.estado = 'completada' AND {donde}
                GROUP BY pr.id, pr.nombre, pr.codigo_barras ORDER BY 3 DESC, 4 DESC, pr.nombre LIMIT {TopProductos}
                """, p),
            Cmd("""
                SELECT count(*) FILTER (WHERE estado = 'pendiente')::int, count(*) FILTER (WHERE estado = 'error')::int
                FROM comprobantes WHERE estado IN ('pendiente', 'error')
                """),
            Cmd("""
                SELECT s.id, coalesce(u.username, '?'), s.punto_de_venta, s.opened_at
                FROM sesiones_caja s LEFT JOIN usuarios u ON u.id = s.usuario_id
                WHERE s.estado = 'abierta' ORDER BY s.opened_at
                """),
            Cmd($"""
                SELECT s.id, coalesce(u.username, '?'), s.punto_de_venta, a.created_at, s.desvio, coalesce(s.desvio_pct, 0), s.clasificacion
                FROM arqueos a JOIN sesiones_caja s ON s.id = a.sesion_caja_id LEFT JOIN usuarios u ON u.id = s.usuario_id
                WHERE s.desvio IS NOT NULL AND s.desvio <> 0 AND s.clasificacion IS NOT NULL
                ORDER BY a.created_at DESC LIMIT {UltimosDesvios}
                """),
        };

        var t = await LeerAsync(commands, async r =>
        {
            var horas = await FilasAsync(r, x => (Hora: x.GetInt32(0), Tickets: x.GetInt32(1), Total: x.GetDecimal(2), Anuladas: x.GetInt32(3),
                TotalAnulado: x.GetDecimal(4), Vuelto: x.GetDecimal(5)), ct);
            var pagos = await FilasAsync(r, x => new MetodoMonto(Metodo(x.GetString(0)), x.GetDecimal(1)), ct);
            var top = await FilasAsync(r, x => new ProductoTop(x.GetString(0), x.GetString(1), x.GetInt32(2), x.GetDecimal(3)), ct);
            var comprobantes = (await FilasAsync(r, x => (Pendientes: x.GetInt32(0), Error: x.GetInt32(1)), ct)).Single();
            var abiertas = await FilasAsync(r, x => new SesionAbiertaFila(x.GetGuid(0), x.GetString(1), x.GetInt32(2), x.GetFieldValue<DateTimeOffset>(3)), ct);
            var desvios = await FilasAsync(r, x => new DesvioFila(x.GetGuid(0), x.GetString(1), x.GetInt32(2), x.GetFieldValue<DateTimeOffset>(3),
                x.GetDecimal(4), x.GetDecimal(5), ParseClasificacion(x.GetString(6))), ct);
            return (horas, pagos, top, comprobantes, abiertas, desvios);
        }, ct);

        var totales = new Totales(t.horas.Sum(h => h.Tickets), t.horas.Sum(h => h.Total), t.horas.Sum(h => h.Anuladas), t.horas.Sum(h => h.TotalAnulado));
        var porHora = Agregados.PorHora(t.horas.Select(h => new HoraVentas(h.Hora, h.Tickets, h.Total)), h => h.Hora, h => new HoraVentas(h, 0, 0m));
        var bajoStock = await inventario.CantidadAlertasAsync(ct);
        return new Tablero(c.Periodo.Desde, totales, PorMetodo(t.pagos, t.horas.Sum(h => h.Vuelto)), porHora, t.top, bajoStock,
            t.comprobantes.Pendientes, t.comprobantes.Error, t.abiertas, t.desvios, c.CajaPropiaExcluida);
    }

    /// <summary>
    /// What each method took, in the usual order: the change always comes out of cash (VentaRules.Cobrar), so cash is
    /// what was paid in cash minus the change, and the methods add up to the sales total.
    /// </summary>
    private static IReadOnlyList<MetodoMonto> PorMetodo(IEnumerable<MetodoMonto> pagados, decimal vuelto)
    {
        var porMetodo = pagados.ToDictionary(m => m.Metodo, m => m.Monto);
        if (porMetodo.ContainsKey(MetodoPago.Efectivo)) porMetodo[MetodoPago.Efectivo] -= vuelto;
        return Formato.Metodos.Where(porMetodo.ContainsKey).Select(m => new MetodoMonto(m, porMetodo[m])).ToList();
    }

    private static ClasificacionDesvio ParseClasificacion(string value) => value switch
    {
        "normal" => ClasificacionDesvio.Normal,
        "warning" => ClasificacionDesvio.Warning,
        _ => ClasificacionDesvio.Critico,
    };
}
