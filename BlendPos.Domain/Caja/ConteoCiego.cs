using BlendPos.Domain.Usuarios;

namespace BlendPos.Domain.Caja;

/// <summary>
/// The blind count (seed 7.2, ADR-003) as a reading rule: until a session's count is declared, whoever will count it —
/// its own cashier, also a supervisor working a till — and any cajero must not be able to add up what the system
/// expects. That hides the expected amount itself, the sums per payment method, and the drawer movements that sales
/// produce (ventas and their anulaciones); the manual ingresos and egresos the cashier typed stay visible.
/// Once the count is declared (pendiente_cierre or cerrada) everything about the session may be seen. Whether the
/// actor may read the session at all is another rule (a cajero reads only their own sessions).
/// </summary>
public static class ConteoCiego
{
    /// <summary>Whether an actor of role <paramref name="rol"/> may see the expected amounts of a session in <paramref name="estado"/>.</summary>
    /// <param name="esDueno">the actor is the session's own user (the one who will count it).</param>
    public static bool PuedeVerEsperado(string? rol, bool esDueno, EstadoSesionCaja estado) =>
        estado != EstadoSesionCaja.Abierta || (!esDueno && Roles.AtLeast(rol, Roles.Supervisor));

    /// <summary>The movements that stay visible to a blind reader: the manual ones, which the cashier recorded.</summary>
    public static IReadOnlyList<TipoMovimientoCaja> TiposVisiblesACiegas { get; } =
        [TipoMovimientoCaja.IngresoManual, TipoMovimientoCaja.EgresoManual];

    public static bool VisibleACiegas(TipoMovimientoCaja tipo) => TiposVisiblesACiegas.Contains(tipo);

    /// <summary>What the pages say where the totals would be.</summary>
    public const string Aviso = "Los totales se ven después del arqueo ciego.";
}
