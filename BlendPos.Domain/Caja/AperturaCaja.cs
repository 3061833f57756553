using BlendPos.Domain.Usuarios;

namespace BlendPos.Domain.Caja;

/// <summary>The punto de venta a drawer opens at, or why it may not open there.</summary>
public sealed record PuntoDeVentaDeApertura(int? PuntoDeVenta, string? Rechazo);

/// <summary>
/// Where a drawer opens (issue 16). A cajero opens only at the punto de venta assigned to their user; an admin assigns or
/// changes it on Usuarios, and a cajero without one cannot open until then. A supervisor or admin opening their own
/// drawer may name any punto de venta (their own by default).
/// </summary>
public static class AperturaCaja
{
    /// <param name="asignado">the punto de venta on the user's profile, if any.</param>
    /// <param name="pedido">the one the request names, if any.</param>
    public static PuntoDeVentaDeApertura PuntoDeVenta(string? rol, int? asignado, int? pedido)
    {
        if (Roles.AtLeast(rol, Roles.Supervisor)) return new(pedido ?? asignado, null);
        if (asignado is null)
            return new(null, "No tenés un punto de venta asignado: pedile a un administrador que te asigne uno en Usuarios.");
        if (pedido is not null && pedido != asignado)
            return new(null, $"Solo podés abrir la caja en tu punto de venta ({asignado}). " +
                             "Para abrir en otro, pedile a un administrador que te lo asigne en Usuarios.");
        return new(asignado, null);
    }
}
