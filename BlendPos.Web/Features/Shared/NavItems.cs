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
        new("Vender", "/pos", Roles.Cajero, "La caja registradora: escanear, cobrar, imprimir el ticket y anular con un supervisor."),
        new("Ventas", "/ventas", Roles.Cajero, "Las ventas de tu caja (todas, con filtros, para un supervisor): reimprimir el ticket y anular."),
        new("Caja", "/caja", Roles.Cajero, "Abrir la caja, registrar ingresos y egresos, y hacer el arqueo ciego al cerrar."),
        new("Sesiones de caja", "/caja/sesiones", Roles.Supervisor, "Cajas abiertas, pendientes y cerradas con sus desvíos; cerrar o justificar."),
        new("Productos", "/productos", Roles.Supervisor, "Catálogo, precios, packs y ajustes de stock."),
        new("Conflictos", "/conflictos", Roles.Supervisor, "Ventas sin conexión que llegaron con diferencias de stock, precio o caja: revisar y ajustar."),
        new("Reportes", "/reportes", Roles.Supervisor, "Ventas por día, medio de pago y cajero, ranking de productos con margen, desvíos de caja, anulaciones y conflictos; en CSV y para imprimir."),
        new("Facturación", "/facturacion", Roles.Supervisor, "Facturas y notas de crédito electrónicas (AFIP): estado, PDF y reintentos; la configuración del emisor es del administrador."),
        new("Alertas", "/alertas", Roles.Cajero, "Productos con stock en el mínimo o por debajo."),
        new("Proveedores", "/proveedores", Roles.Admin, "Proveedores, importación de listas de precios en CSV y aumentos por porcentaje."),
        new("Usuarios", "/usuarios", Roles.Admin, "Altas, roles, punto de venta y contraseñas del personal."),
    ];

    public static IEnumerable<Item> For(string? rol) => All.Where(i => Roles.AtLeast(rol, i.MinimumRole));

    /// <summary>
    /// The link a path belongs to: the longest href that is the path or one of its parents, so /caja/sesiones/… marks
    /// «Sesiones de caja» and not «Caja» too.
    /// </summary>
    public static string? CurrentHref(string path, string? rol) => For(rol).Select(i => i.Href)
        .Where(h => h == "/"
            ? path == "/"
            : path.Equals(h, StringComparison.OrdinalIgnoreCase) || path.StartsWith(h + "/", StringComparison.OrdinalIgnoreCase))
        .MaxBy(h => h.Length);
}
