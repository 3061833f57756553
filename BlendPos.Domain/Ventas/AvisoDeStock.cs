using BlendPos.Domain.Catalogo;

namespace BlendPos.Domain.Ventas;

/// <summary>What one cart line can count on: its own stock plus what automatic pack openings would give it.</summary>
/// <param name="Disponible">Units the sale could take for this line now (own stock first, then packs), at most the line's quantity.</param>
/// <param name="ConPacks">Part of <see cref="Disponible"/> needs opening packs.</param>
public readonly record struct StockDeLinea(int Disponible, bool ConPacks);

/// <summary>
/// The till's warning at scan time: a line that asks for more than there is gets an amber «Stock: quedan 3.» (or «Sin
/// stock.») at once, without refusing the scan; the payment still refuses it (<see cref="PackPlan"/> in the sale).
/// Pure: the caller gives the lines, the stock of their products and of the packs above them, and the links.
/// </summary>
public static class AvisoDeStock
{
    /// <summary>
    /// Lines whose own stock (negative counts as 0) does not cover their quantity: only these can be short, so a
    /// caller needs pack links and pack stock only when this is not empty.
    /// </summary>
    public static IReadOnlyList<Guid> PosiblesFaltantes(IEnumerable<(Guid Producto, int Cantidad)> lineas, IReadOnlyDictionary<Guid, int> stock) =>
        lineas.Where(l => l.Cantidad > Math.Max(0, stock.GetValueOrDefault(l.Producto))).Select(l => l.Producto).Distinct().ToList();

    /// <summary>
    /// Plans the whole cart as the sale would (<see cref="PackPlan.PlanMany"/>, automatic openings only, lines in
    /// order against one snapshot) and returns the lines that would fall short, with what they could have.
    /// </summary>
    public static IReadOnlyDictionary<Guid, StockDeLinea> Faltantes(
        IReadOnlyList<(Guid Producto, int Cantidad)> lineas, IEnumerable<PackLink> links, IReadOnlyDictionary<Guid, int> stock)
    {
        ArgumentNullException.ThrowIfNull(lineas);
        var plan = PackPlan.PlanMany(lineas, links, stock, soloAutomatico: true);
        var result = new Dictionary<Guid, StockDeLinea>();
        foreach (var (producto, falta) in plan.Faltantes)
        {
            var pedido = lineas.Where(l => l.Producto == producto).Sum(l => l.Cantidad);
            var disponible = Math.Max(0, pedido - falta);
            result[producto] = new StockDeLinea(disponible, disponible > Math.Max(0, stock.GetValueOrDefault(producto)));
        }
        return result;
    }

    /// <summary>The line's amber text: «Sin stock.», «Stock: quedan 3.» or «Stock: quedan 12, abriendo packs.»</summary>
    public static string Mensaje(StockDeLinea s) => s.Disponible <= 0 ? "Sin stock." : $"Stock: {Quedan(s)}.";

    /// <summary>The same line in red after the payment refused it: «Sin stock.» or «Stock insuficiente: quedan 3.»</summary>
    public static string Rechazo(StockDeLinea s) => s.Disponible <= 0 ? "Sin stock." : $"Stock insuficiente: {Quedan(s)}.";

    private static string Quedan(StockDeLinea s) => s.ConPacks ? $"quedan {s.Disponible}, abriendo packs" : $"quedan {s.Disponible}";
}
