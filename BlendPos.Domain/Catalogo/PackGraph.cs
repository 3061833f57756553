namespace BlendPos.Domain.Catalogo;

/// <summary>
/// One pack link as the pure rules see it: opening one <see cref="PadreId"/> adds <see cref="UnidadesPorPadre"/>
/// units of <see cref="HijoId"/> (a row of <c>productos_hijos</c>, see <see cref="ProductoHijo"/>).
/// </summary>
/// <param name="DesarmeAuto">Whether a sale may open this pack on its own (seed 7.1); a supervisor can always open it.</param>
public readonly record struct PackLink(Guid PadreId, Guid HijoId, int UnidadesPorPadre, bool DesarmeAuto = true)
{
    public static PackLink From(ProductoHijo link) =>
        new(link.ProductoPadreId, link.ProductoHijoId, link.UnidadesPorPadre, link.DesarmeAuto);

    /// <summary>
    /// A link the planner can open: at least one unit per pack and not a product inside itself. The database refuses
    /// anything else (<c>ck_productos_hijos_unidades</c>, <c>ck_productos_hijos_no_self</c>); the planner skips such
    /// links rather than trusting its input.
    /// </summary>
    public bool EsAbrible => UnidadesPorPadre > 0 && PadreId != HijoId;
}

/// <summary>
/// Rules for the graph of pack links (parent → child, "caja → display → unidad"). Several parents of one child (a
/// diamond) are fine; a cycle is not, since opening packs around it would never end.
/// </summary>
public static class PackGraph
{
    public const string MensajePropioPack = "Un producto no puede ser su propio pack.";
    public const string MensajeUnidades = "Las unidades por pack deben ser mayores que cero.";

    /// <summary>
    /// True when adding the link <paramref name="padreId"/> → <paramref name="hijoId"/> to <paramref name="links"/>
    /// closes a cycle: the product is its own pack, or <paramref name="padreId"/> is already reachable going down from
    /// <paramref name="hijoId"/> (hijo → its hijos → …). Every link counts, whatever its units or
    /// <see cref="PackLink.DesarmeAuto"/>.
    /// </summary>
    public static bool WouldCreateCycle(IEnumerable<PackLink> links, Guid padreId, Guid hijoId) =>
        FindCycle(links, padreId, hijoId) is not null;

    /// <summary>
    /// The cycle the new link <paramref name="padreId"/> → <paramref name="hijoId"/> would close, as the products
    /// along it starting and ending with <paramref name="padreId"/> (<c>[padre, hijo, …, padre]</c>, the shortest such
    /// path; <c>[padre, padre]</c> for a self link), or null when there is none.
    /// </summary>
    public static IReadOnlyList<Guid>? FindCycle(IEnumerable<PackLink> links, Guid padreId, Guid hijoId)
    {
        ArgumentNullException.ThrowIfNull(links);
        if (padreId == hijoId) return [padreId, padreId];

        // Children sorted by id so the reported path does not depend on the order the links came in.
        var hijos = links
            .GroupBy(l => l.PadreId)
            .ToDictionary(g => g.Key, g => g.Select(l => l.HijoId).Distinct().Order().ToList());

        // Breadth-first from hijoId down to padreId; `previo` doubles as the visited set, so a cycle already present
        // in the input cannot make this loop.
        var previo = new Dictionary<Guid, Guid> { [hijoId] = hijoId };
        var cola = new Queue<Guid>();
        cola.Enqueue(hijoId);
        while (cola.Count > 0)
        {
            var actual = cola.Dequeue();
            if (actual == padreId)
            {
                var camino = new List<Guid>();
                for (var p = actual; p != hijoId; p = previo[p]) camino.Add(p);
                camino.Add(hijoId);
                camino.Add(padreId);
                camino.Reverse();
                return camino;
            }
            if (!hijos.TryGetValue(actual, out var siguientes)) continue;
            foreach (var s in siguientes)
            {
                if (previo.TryAdd(s, actual)) cola.Enqueue(s);
            }
        }
        return null;
    }

    /// <summary>
    /// The reasons (in Spanish, for the user) why the link <paramref name="padreId"/> → <paramref name="hijoId"/> with
    /// <paramref name="unidadesPorPadre"/> cannot be added to <paramref name="links"/>; empty when it can.
    /// </summary>
    /// <param name="nombre">Optional name lookup for the cycle message; ids are shown for products it does not name.</param>
    /// <remarks>
    /// Units must be greater than zero, the same rule as the database (<c>unidades_por_padre &gt; 0</c>): a pack of 1
    /// is allowed because a "caja x 1" that is relabeled as a unit exists in real catalogs. Re-saving an existing link
    /// (same parent and child) validates like a new one; whether a duplicate is an update or a conflict is the
    /// caller's decision (the table is unique on the pair).
    /// </remarks>
    public static IReadOnlyList<string> Validate(
        IEnumerable<PackLink> links, Guid padreId, Guid hijoId, int unidadesPorPadre, Func<Guid, string?>? nombre = null)
    {
        ArgumentNullException.ThrowIfNull(links);
        var errores = new List<string>();
        if (padreId == hijoId)
        {
            errores.Add(MensajePropioPack);
        }
        else if (FindCycle(links, padreId, hijoId) is { } ciclo)
        {
            var texto = string.Join(" → ", ciclo.Select(id => nombre?.Invoke(id) is { Length: > 0 } n ? n : id.ToString()));
            errores.Add($"Ese vínculo formaría un ciclo ({texto}).");
        }
        if (unidadesPorPadre <= 0) errores.Add(MensajeUnidades);
        return errores;
    }
}
