namespace BlendPos.Web.Features.Ventas;

/// <summary>
/// A scan's answer when the page holds a cart with no marked line: the scanned line alone (new or with its new
/// quantity), the totals and the message; the other rows stay as they are in the page. A scan only adds demand, so
/// it can mark another line (a pack shared by two lines running short): then, or when a line left the catalog, the
/// whole cart is redrawn instead. Before this, every scan re-rendered every line of the cart (issue 14).
/// </summary>
public static class Escaneo
{
    /// <param name="lineasPedidas">The lines the page sent, plus the scanned one if it was new.</param>
    public static PosCambiosVista? Cambios(PosCarritoVista carrito, int lineasPedidas)
    {
        if (carrito.Lineas.Count != lineasPedidas) return null; // a line left the catalog: the page must drop it
        if (carrito.Lineas.Any(l => !l.Actual && (l.Error is not null || l.Aviso is not null))) return null;
        return new PosCambiosVista(carrito, carrito.Lineas.Where(l => l.Actual).ToList());
    }
}

/// <summary>The changed rows of a scan, with the cart's totals (data-total, data-lineas) for the page.</summary>
public sealed record PosCambiosVista(PosCarritoVista Carrito, IReadOnlyList<PosLineaVista> Filas);
