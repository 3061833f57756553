using BlendPos.Web.Features.Ventas;
using static BlendPos.Web.Data.SqlBatch;

namespace BlendPos.Web.Features.Reportes;

/// <summary>Sales voided in the period (by when they were voided), with the reason and the supervisor who authorized it.</summary>
public sealed partial class ReportesService
{
    public async Task<ReporteAnulaciones> AnulacionesAsync(FiltroReporte filtro, Actor actor, CancellationToken ct = default)
    {
        var c = await ContextoAsync(PeriodoDe(filtro), filtro.PuntoDeVenta, actor, ct);
        var commands = new[]
        {
            Cmd($"""
                SELECT v.id, v.punto_de_venta, v.numero_ticket, v.created_at, v.anulada_at, coalesce(u.username, '?'), sup.username, v.total,
                       v.motivo_anulacion
                FROM ventas v
                LEFT JOIN usuarios u ON u.id = v.usuario_id
                LEFT JOIN usuarios sup ON sup.id = v.anulada_por_id
                WHERE v.estado = 'anulada' AND {DondeVentas(c, "v.anulada_at")}
                ORDER BY v.anulada_at DESC, v.id
                """, Parametros(c)),
        };
        var filas = await LeerAsync(commands, async r => await FilasAsync(r, x => new Anulacion(
            x.GetGuid(0), VentaDto.Ticket(x.GetInt32(1), x.GetInt64(2)), x.GetFieldValue<DateTimeOffset>(3), x.GetFieldValue<DateTimeOffset>(4),
            x.GetString(5), Texto(x, 6), x.GetInt32(1), x.GetDecimal(7), Texto(x, 8)), ct), ct);
        return new ReporteAnulaciones(c.Periodo, c.PuntoDeVenta, filas, c.CajaPropiaExcluida);
    }
}
