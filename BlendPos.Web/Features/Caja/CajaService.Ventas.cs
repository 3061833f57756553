using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Domain.Usuarios;
using BlendPos.Domain.Ventas;
using BlendPos.Web.Data;
using BlendPos.Web.Infrastructure.Errors;
using Npgsql;

namespace BlendPos.Web.Features.Caja;

/// <summary>What a sale needs of its cash session; read FOR SHARE in the sale's first round trip (see <see cref="SesionDeVentaSql"/>).</summary>
internal sealed record SesionDeVenta(Guid Id, int PuntoDeVenta, Guid UsuarioId, EstadoSesionCaja Estado);

public sealed partial class CajaService
{
    /// <summary>
    /// The session row a sale locks: FOR SHARE, so sales of one session run side by side while the blind count (FOR
    /// UPDATE) waits for them and no sale lands in a session being counted. $1 = the session id. The sale sends it in
    /// one batch with its other reads; <see cref="ValidarSesionDeVenta"/> applies the rules to the answer.
    /// </summary>
    internal const string SesionDeVentaSql =
        "SELECT id, punto_de_venta, usuario_id, estado FROM sesiones_caja WHERE id = $1 FOR SHARE";

    /// <summary>
    /// A sale goes into its cashier's own session. Online it must be open (409 otherwise). An offline sale replayed
    /// later is still taken into a session that was closed meanwhile (seed 2.4: never lose a sale) and answers true,
    /// so the sale is flagged for a supervisor; a supervisor may deliver another cashier's offline sales.
    /// </summary>
    /// <returns>true when the session is no longer open (offline only).</returns>
    internal static bool ValidarSesionDeVenta(SesionDeVenta? sesion, Actor actor, bool offline)
    {
        if (sesion is null) throw new NotFoundException("La sesión de caja no existe.");
        var propia = sesion.UsuarioId == actor.Id;
        if (!propia && !(offline && Roles.AtLeast(actor.Rol, Roles.Supervisor)))
            throw new ForbiddenException("Esa caja es de otro cajero.");
        if (sesion.Estado == EstadoSesionCaja.Abierta) return false;
        if (!offline) throw new ConflictException("La caja no está abierta: no se registran ventas ni movimientos.");
        return true;
    }

    internal static void ValidarSesionDeVenta(SesionDeVenta sesion, Guid usuarioId, bool offline) =>
        ValidarSesionDeVenta(sesion, new Actor(usuarioId, Roles.Cajero), offline);

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
