using BlendPos.Domain;
using BlendPos.Web.Features.Ventas;
using static BlendPos.Web.Data.SqlBatch;

namespace BlendPos.Web.Features.Reportes;

/// <summary>Offline sales of the period that the server took with differences (Conflictos), reviewed or still pending.</summary>
public sealed partial class ReportesService
{
    public async Task<ReporteConflictos> ConflictosAsync(FiltroReporte filtro, Actor actor, CancellationToken ct = default)
    {
        var c = await ContextoAsync(PeriodoDe(filtro), filtro.PuntoDeVenta, actor, ct);
        var commands = new[]
        {
            Cmd($"""
                SELECT v.id, v.punto_de_venta, v.numero_ticket, v.created_at, coalesce(u.username, '?'), v.total,
                       v.conflicto_stock, v.conflicto_precio, v.conflicto_sesion, v.conflicto_fecha, v.estado, v.conflicto_revisado_at, rev.username
                FROM ventas v
                LEFT JOIN usuarios u ON u.id = v.usuario_id
                LEFT JOIN usuarios rev ON rev.id = v.conflicto_revisado_por_id
                WHERE (v.conflicto_stock OR v.conflicto_precio OR v.conflicto_sesion OR v.conflicto_fecha) AND {DondeVentas(c)}
                ORDER BY v.created_at DESC, v.id
                """, Parametros(c)),
        };
        var filas = await LeerAsync(commands, async r => await FilasAsync(r, x => new Conflicto(
            x.GetGuid(0), VentaDto.Ticket(x.GetInt32(1), x.GetInt64(2)), x.GetFieldValue<DateTimeOffset>(3), x.GetString(4), x.GetInt32(1),
            x.GetDecimal(5), x.GetBoolean(6), x.GetBoolean(7), x.GetBoolean(8), x.GetBoolean(9),
            x.GetString(10) == "anulada" ? EstadoVenta.Anulada : EstadoVenta.Completada,
            x.IsDBNull(11) ? null : x.GetFieldValue<DateTimeOffset>(11), Texto(x, 12)), ct), ct);
        return new ReporteConflictos(c.Periodo, c.PuntoDeVenta, filas, c.CajaPropiaExcluida);
    }
}
