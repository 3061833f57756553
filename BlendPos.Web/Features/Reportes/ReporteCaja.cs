using BlendPos.Domain;
using BlendPos.Domain.Reportes;
using static BlendPos.Web.Data.SqlBatch;

namespace BlendPos.Web.Features.Reportes;

/// <summary>
/// Counted cash sessions opened in the period, with their deviations, and the daily trend (the day a session opened).
/// Only counted ones have a deviation, so a drawer still open — a supervisor's own included — never shows here.
/// </summary>
public sealed partial class ReportesService
{
    public async Task<ReporteCaja> CajaAsync(FiltroReporte filtro, Actor actor, CancellationToken ct = default)
    {
        var c = await ContextoAsync(PeriodoDe(filtro), filtro.PuntoDeVenta, actor, ct);
        var pdv = c.PuntoDeVenta is null ? "" : " AND s.punto_de_venta = $4";
        var parametros = c.PuntoDeVenta is { } n ? new object[] { c.Inicio, c.Fin, c.Zona, n } : [c.Inicio, c.Fin, c.Zona];
        var commands = new[]
        {
            Cmd($"""
                SELECT s.id, coalesce(u.username, '?'), s.punto_de_venta, s.opened_at, s.closed_at, s.estado,
                       coalesce(s.monto_esperado, 0), coalesce(s.monto_declarado, 0), s.desvio, coalesce(s.desvio_pct, 0), s.clasificacion,
                       sup.username, s.observaciones, (s.opened_at AT TIME ZONE $3)::date
                FROM sesiones_caja s
                LEFT JOIN usuarios u ON u.id = s.usuario_id
                LEFT JOIN usuarios sup ON sup.id = s.cerrada_por_id
                WHERE s.opened_at >= $1 AND s.opened_at < $2 AND s.clasificacion IS NOT NULL AND s.desvio IS NOT NULL{pdv}
                ORDER BY s.opened_at DESC, s.id
                """, parametros),
        };

        var filas = await LeerAsync(commands, async r => await FilasAsync(r, x => (Sesion: new SesionDesvio(
            x.GetGuid(0), x.GetString(1), x.GetInt32(2), x.GetFieldValue<DateTimeOffset>(3),
            x.IsDBNull(4) ? null : x.GetFieldValue<DateTimeOffset>(4), Formato.ParseEstado(x.GetString(5)) ?? EstadoSesionCaja.Cerrada,
            x.GetDecimal(6), x.GetDecimal(7), x.GetDecimal(8), x.GetDecimal(9), ParseClasificacion(x.GetString(10)), Texto(x, 11), Texto(x, 12)),
            Dia: DateOnly.FromDateTime(x.GetDateTime(13))), ct), ct);

        var porDia = Agregados.PorDia(c.Periodo,
            filas.GroupBy(f => f.Dia).Select(d => new DiaDesvio(d.Key, d.Count(), d.Sum(f => f.Sesion.Desvio),
                d.Count(f => f.Sesion.Clasificacion == ClasificacionDesvio.Critico))),
            d => d.Dia, d => new DiaDesvio(d, 0, 0m, 0));
        return new ReporteCaja(c.Periodo, c.PuntoDeVenta, filas.Select(f => f.Sesion).ToList(), porDia);
    }
}
