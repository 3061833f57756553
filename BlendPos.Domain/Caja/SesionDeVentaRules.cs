namespace BlendPos.Domain.Caja;

/// <summary>What a sale reads of its cash session (locked FOR SHARE in the sale's first round trip).</summary>
public sealed record SesionDeVenta(Guid Id, int PuntoDeVenta, Guid UsuarioId, EstadoSesionCaja Estado, DateTimeOffset OpenedAt);

/// <summary>Whether a sale may go into a session, and how.</summary>
public enum SesionParaVenta
{
    /// <summary>Open, and the caller may sell into it.</summary>
    Abierta,
    /// <summary>Closed meanwhile; an offline sale is still taken into it, flagged for a supervisor (seed 2.4).</summary>
    CerradaAceptadaOffline,
    NoExiste,
    /// <summary>Another cashier's session.</summary>
    Ajena,
    /// <summary>Not open, online: 409.</summary>
    NoAbierta,
}

/// <summary>
/// The sale's session rule: a sale goes into its cashier's own session, which must be open online. An offline sale
/// replayed later is still taken into a session closed meanwhile (never lose a sale), and a supervisor may deliver
/// another cashier's offline sales.
/// </summary>
public static class SesionDeVentaRules
{
    public static SesionParaVenta Evaluar(SesionDeVenta? sesion, Guid actorId, bool actorEsSupervisor, bool offline)
    {
        if (sesion is null) return SesionParaVenta.NoExiste;
        if (sesion.UsuarioId != actorId && !(offline && actorEsSupervisor)) return SesionParaVenta.Ajena;
        if (sesion.Estado == EstadoSesionCaja.Abierta) return SesionParaVenta.Abierta;
        return offline ? SesionParaVenta.CerradaAceptadaOffline : SesionParaVenta.NoAbierta;
    }
}
