using BlendPos.Domain.Usuarios;

namespace BlendPos.Web.Features;

/// <summary>The navigation, filtered by role: a link appears only if the user may open it.</summary>
public static class NavItems
{
    public sealed record Item(string Text, string Href, string MinimumRole, string Description);

    // Later issues add their areas here (POS, caja, productos…), each with the lowest role that may use it.
    public static readonly IReadOnlyList<Item> All =
    [
        new("Inicio", "/", Roles.Cajero, "Resumen de lo que podés hacer."),
        new("Productos", "/productos", Roles.Supervisor, "Catálogo, precios, packs y ajustes de stock."),
        new("Alertas", "/alertas", Roles.Cajero, "Productos con stock en el mínimo o por debajo."),
        new("Usuarios", "/usuarios", Roles.Admin, "Altas, roles, punto de venta y contraseñas del personal."),
    ];

    public static IEnumerable<Item> For(string? rol) => All.Where(i => Roles.AtLeast(rol, i.MinimumRole));
}
