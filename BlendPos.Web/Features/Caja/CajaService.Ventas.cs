using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Domain.Usuarios;
using BlendPos.Domain.Ventas;
using BlendPos.Web.Data;
using BlendPos.Web.Infrastructure.Errors;
using Npgsql;

namespace BlendPos.Web.Features.Caja;

public sealed partial class CajaService
{
    /// <summary>
    /// One movement per payment of a sale, with what each leaves in the drawer (VentaRules.Cobrar: cash is paid
    /// minus change), as a command the sale sends in its write batch, inside its transaction.
    /// </summary>
    internal static NpgsqlBatchCommand IngresosVentaCommand(Guid sesionId, Guid ventaId, string ticket, IReadOnlyList<Pago> ingresos,
        Guid usuarioId, DateTimeOffset now) =>
        SqlBatch.Cmd("""
            INSERT INTO movimientos_caja (id, sesion_caja_id, tipo, metodo_pago, monto, descripcion, referencia_id, usuario_id, created_at)
            SELECT u.id, $1, $2, u.metodo, u.monto, $3, $4, $5, $6
            FROM unnest($7::uuid[], $8::text[], $9::numeric[]) WITH ORDINALITY AS u(id, metodo, monto, orden) ORDER BY u.orden
            """,
            sesionId, SnakeCaseEnumConverter<TipoMovimientoCaja>.ToText(TipoMovimientoCaja.Venta), $"Venta {ticket}", ventaId, usuarioId, now,
            ingresos.Select(_ => Guid.NewGuid()).ToArray(), ingresos.Select(p => (string?)SnakeCaseEnumConverter<MetodoPago>.ToText(p.Metodo)).ToArray(),
            ingresos.Select(p => p.Monto).ToArray());
}
