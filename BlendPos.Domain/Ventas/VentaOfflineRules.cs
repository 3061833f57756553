namespace BlendPos.Domain.Ventas;

/// <summary>One entry of a product's price history: the sale price in effect from <see cref="Desde"/> on.</summary>
public sealed record PrecioVigente(DateTimeOffset Desde, decimal Precio);

/// <summary>
/// Rules for sales made offline and replayed later (seed 2.4, API.md VentaOffline). The server is the final truth for
/// stock, but an offline sale is never refused for it; the terminal's price is kept, and checked against history.
/// </summary>
public static class VentaOfflineRules
{
    /// <summary>The most sales one sync-batch call takes.</summary>
    public const int MaxLote = 500;

    /// <summary>How far back an offline price may have been the product's price without being a conflict.</summary>
    public static readonly TimeSpan VentanaPrecio = TimeSpan.FromDays(7);

    /// <summary>
    /// True when <paramref name="precio"/> was the product's price at some moment of the 7 days before the sale
    /// (<paramref name="momentoVenta"/>): the price in effect when the window opened, or any price set inside it. A
    /// product without history before a moment had its current catalog price (<paramref name="precioActual"/>): its
    /// history starts when it was created, so that only happens for rows older than the history itself.
    /// </summary>
    /// <param name="historial">The product's history entries, any order.</param>
    /// <summary>How far a terminal's clock may be off before its sale time is flagged (API.md; configurable).</summary>
    public static readonly TimeSpan DesfaseTolerado = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A terminal's <paramref name="vendida"/> is believable when it falls between the session's opening and the
    /// server's receipt of the sale, each widened by <paramref name="desfase"/> (clocks drift). Outside it the sale is
    /// still processed, flagged <c>conflicto_fecha</c>.
    /// </summary>
    public static bool FechaCreible(DateTimeOffset vendida, DateTimeOffset sesionAbierta, DateTimeOffset recibida, TimeSpan desfase) =>
        vendida >= sesionAbierta - desfase && vendida <= recibida + desfase;

    /// <summary>
    /// The moment the 7-day price check looks back from: the terminal's time, but never before the session opened
    /// (minus the tolerance) nor after the server received the sale, so a client cannot move the window to a price
    /// the product had long ago, or to one it will have.
    /// </summary>
    public static DateTimeOffset MomentoDelPrecio(DateTimeOffset vendida, DateTimeOffset sesionAbierta, DateTimeOffset recibida, TimeSpan desfase)
    {
        var desde = sesionAbierta - desfase;
        if (vendida < desde) return desde;
        return vendida > recibida ? recibida : vendida;
    }

    public static bool PrecioConocido(decimal precio, IReadOnlyCollection<PrecioVigente> historial, DateTimeOffset momentoVenta, decimal precioActual)
    {
        var desde = momentoVenta - VentanaPrecio;
        var hastaLaVenta = historial.Where(h => h.Desde <= momentoVenta).ToList();
        if (hastaLaVenta.Count == 0) return precio == precioActual;
        var alAbrir = hastaLaVenta.Where(h => h.Desde <= desde).MaxBy(h => h.Desde);
        var conocidos = hastaLaVenta.Where(h => h.Desde > desde).Select(h => h.Precio);
        if (alAbrir is not null) conocidos = conocidos.Append(alAbrir.Precio);
        return conocidos.Any(p => p == precio);
    }
}
