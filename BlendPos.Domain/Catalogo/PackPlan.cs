namespace BlendPos.Domain.Catalogo;

/// <summary>
/// One pack opening: <see cref="Paquetes"/> of <see cref="PadreId"/> leave its stock and
/// <see cref="Unidades"/> (<c>paquetes * unidades_por_padre</c>) enter <see cref="HijoId"/>'s stock.
/// </summary>
public sealed record Apertura(Guid PadreId, Guid HijoId, int Paquetes, int Unidades);

/// <summary>
/// What pack breaking ("desarme", seed 7.1) does to a stock snapshot: which packs to open, the stock that results and
/// what is still missing. Pure: the caller loads the snapshot, writes <see cref="Stock"/> and one pair of stock
/// movements per <see cref="Apertura"/> (desarme_salida / desarme_entrada).
/// </summary>
/// <param name="Aperturas">
/// The openings in execution order, top of the chain first (a caja is opened before the display it yields), so
/// applying them one by one never takes a pack that is not there yet (a negative starting stock being a debt that
/// stays, see <see cref="PlanMany"/>).
/// </param>
/// <param name="Stock">
/// The stock after the openings and after taking the units that could be covered, for every product requested or
/// opened (products not touched are absent). Units still missing are not taken: a caller that sells anyway (offline
/// sync, stock may go negative) subtracts <see cref="Faltantes"/> too.
/// </param>
/// <param name="Faltantes">Units still missing per requested product after opening everything available; only products with something missing.</param>
/// <param name="Error">Why a manual opening (<see cref="Abrir"/>) was refused, in Spanish; null otherwise.</param>
public sealed record PackPlan(
    IReadOnlyList<Apertura> Aperturas,
    IReadOnlyDictionary<Guid, int> Stock,
    IReadOnlyDictionary<Guid, int> Faltantes,
    string? Error = null)
{
    public static PackPlan Vacio { get; } = new([], new Dictionary<Guid, int>(), new Dictionary<Guid, int>());

    /// <summary>Total units missing (for <see cref="Plan"/>: the units of the requested product); 0 when everything is covered.</summary>
    public int Faltante => Faltantes.Values.Sum();

    public bool Cubierto => Error is null && Faltante == 0;

    public bool Ok => Error is null;

    /// <summary>
    /// Plans taking <paramref name="cantidad"/> units of <paramref name="productoId"/>: its own stock first, then the
    /// fewest packs that cover the rest, opening packs of packs when a parent has none (see <see cref="PlanMany"/>).
    /// </summary>
    /// <param name="soloAutomatico">true for a sale (only links with <c>desarme_auto</c>); false when a supervisor breaks packs by hand.</param>
    public static PackPlan Plan(
        Guid productoId, int cantidad, IEnumerable<PackLink> links, IReadOnlyDictionary<Guid, int> stock,
        bool soloAutomatico = true) =>
        PlanMany([(productoId, cantidad)], links, stock, soloAutomatico);

    /// <summary>
    /// Plans several needs (the lines of one sale) against one evolving snapshot, so two lines needing the same pack
    /// never both count on it.
    /// </summary>
    /// <remarks>
    /// <para>Rules:</para>
    /// <list type="number">
    /// <item>Own stock first, for the whole sale: every line takes what its product has on hand before any pack is
    /// opened, so a line selling a whole display is not robbed by another line opening that display for units. Lines
    /// then open packs in the order given. A product repeated on several lines adds up.</item>
    /// <item>Minimum packs: <c>n = ceil(missing / unidades_por_padre)</c>, limited to the parent's available stock;
    /// when the parent has not enough, exactly the packs of the parent still missing are asked of its own parents,
    /// recursively (caja → display → unidad). Nothing is opened beyond what the level below asks for.</item>
    /// <item>Several parents: they are tried one after the other, the one with the fewest units per pack first
    /// (smallest leftover), ties by parent id, so the plan is deterministic; each is exhausted, opening its own parents
    /// if needed, before the next is tried. This is greedy, not an optimal mix of pack sizes: a display of 12 that
    /// has to come out of a caja is preferred to a loose pack of 24 (opening the caja leaves whole displays, which are
    /// still sellable, instead of 20-odd loose units).</item>
    /// <item>Negative stock (offline oversales) counts as 0 available and is a debt that stays on the books: it is
    /// neither a source nor paid off by the units that openings bring in (that would open more than the need asks
    /// for). The arithmetic stays on the real figure, so a product at -3 that receives 12 and sells 5 ends at 4,
    /// matching the stock movements.</item>
    /// <item>A cycle in the links cannot loop: a product already being filled higher up the recursion is not
    /// openable again; links with units &lt;= 0 or a product inside itself are ignored.</item>
    /// <item>Lines with <c>cantidad &lt;= 0</c> are ignored (nothing to take).</item>
    /// </list>
    /// </remarks>
    public static PackPlan PlanMany(
        IEnumerable<(Guid Producto, int Cantidad)> necesidades, IEnumerable<PackLink> links,
        IReadOnlyDictionary<Guid, int> stock, bool soloAutomatico = true)
    {
        ArgumentNullException.ThrowIfNull(necesidades);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(stock);

        var lineas = necesidades.Where(n => n.Cantidad > 0).ToList();
        if (lineas.Count == 0) return Vacio;

        var planner = new Planner(links.Where(l => l.EsAbrible && (l.DesarmeAuto || !soloAutomatico)), stock);
        var pendiente = new int[lineas.Count];

        // Pass 1: own stock of every line.
        for (var i = 0; i < lineas.Count; i++)
            pendiente[i] = lineas[i].Cantidad - planner.Tomar(lineas[i].Producto, lineas[i].Cantidad);

        // Pass 2: open packs for what is left, line by line.
        for (var i = 0; i < lineas.Count; i++)
        {
            if (pendiente[i] == 0) continue;
            var producto = lineas[i].Producto;
            planner.Asegurar(producto, pendiente[i]);
            pendiente[i] -= planner.Tomar(producto, pendiente[i]);
        }

        var faltantes = new Dictionary<Guid, int>();
        for (var i = 0; i < lineas.Count; i++)
        {
            if (pendiente[i] > 0)
                faltantes[lineas[i].Producto] = checked(faltantes.GetValueOrDefault(lineas[i].Producto) + pendiente[i]);
        }
        return new PackPlan(planner.Aperturas, planner.Resultado(), faltantes);
    }

    /// <summary>
    /// A supervisor opens exactly <paramref name="paquetes"/> of <paramref name="padreId"/> by hand
    /// (<c>POST /v1/inventario/desarme</c>), whatever its <c>desarme_auto</c>; one level only, no pack of packs is
    /// opened for it.
    /// </summary>
    /// <param name="hijoId">
    /// The child to open into. A parent normally has one child link and then this may be null; when it has several,
    /// the supervisor must choose (the units cannot be split between children).
    /// </param>
    /// <returns>A plan with one <see cref="Apertura"/>, or one with <see cref="Error"/> set and nothing to do.</returns>
    public static PackPlan Abrir(
        Guid padreId, int paquetes, IEnumerable<PackLink> links, IReadOnlyDictionary<Guid, int> stock, Guid? hijoId = null)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(stock);

        if (paquetes <= 0) return Rechazado("La cantidad de paquetes a abrir debe ser mayor que cero.");

        var propios = links.Where(l => l.PadreId == padreId && l.EsAbrible).ToList();
        if (propios.Count == 0) return Rechazado("Ese producto no es un pack: no tiene productos hijos.");

        PackLink link;
        if (hijoId is { } elegido)
        {
            var match = propios.Where(l => l.HijoId == elegido).ToList();
            if (match.Count == 0) return Rechazado("El producto elegido no es hijo de ese pack.");
            link = match[0];
        }
        else
        {
            if (propios.Select(l => l.HijoId).Distinct().Count() > 1)
                return Rechazado("Ese pack se abre en varios productos: elegí en cuál.");
            link = propios[0];
        }

        var disponible = Math.Max(0, stock.GetValueOrDefault(padreId));
        if (paquetes > disponible)
            return Rechazado($"No alcanza el stock del pack: hay {disponible} y se pidió abrir {paquetes}.");

        var unidades = checked(paquetes * link.UnidadesPorPadre);
        var resultado = new Dictionary<Guid, int>
        {
            [padreId] = stock.GetValueOrDefault(padreId) - paquetes,
            [link.HijoId] = checked(stock.GetValueOrDefault(link.HijoId) + unidades),
        };
        return new PackPlan([new Apertura(padreId, link.HijoId, paquetes, unidades)], resultado, new Dictionary<Guid, int>());
    }

    private static PackPlan Rechazado(string error) =>
        new([], new Dictionary<Guid, int>(), new Dictionary<Guid, int>(), error);

    /// <summary>The evolving snapshot of one planning run.</summary>
    private sealed class Planner
    {
        private readonly IReadOnlyDictionary<Guid, int> _original;
        private readonly Dictionary<Guid, int> _actual = [];
        private readonly List<Guid> _tocados = [];
        private readonly Dictionary<Guid, List<PackLink>> _padres;
        /// <summary>Products being filled higher up the recursion: opening them again would go round a cycle.</summary>
        private readonly HashSet<Guid> _enCurso = [];

        public List<Apertura> Aperturas { get; } = [];

        public Planner(IEnumerable<PackLink> links, IReadOnlyDictionary<Guid, int> stock)
        {
            _original = stock;
            // Deterministic parent order: fewest units per pack first (smallest leftover), then by parent id.
            _padres = links
                .GroupBy(l => l.HijoId)
                .ToDictionary(
                    g => g.Key,
                    g => g.OrderBy(l => l.UnidadesPorPadre).ThenBy(l => l.PadreId).ToList());
        }

        private int Stock(Guid id) => _actual.TryGetValue(id, out var s) ? s : _original.GetValueOrDefault(id);

        /// <summary>
        /// Units that can be taken: a negative starting stock counts as 0 and stays as a debt on the books, it is not
        /// paid off with the units that openings bring in (that would open more packs than the need asks for).
        /// </summary>
        private int Disponible(Guid id) => Stock(id) - Math.Min(0, _original.GetValueOrDefault(id));

        private void Cambiar(Guid id, int delta)
        {
            if (!_actual.ContainsKey(id)) _tocados.Add(id);
            _actual[id] = checked(Stock(id) + delta);
        }

        /// <summary>Takes up to <paramref name="cantidad"/> of the product's available units; returns how many.</summary>
        public int Tomar(Guid producto, int cantidad)
        {
            var tomado = Math.Min(cantidad, Disponible(producto));
            Cambiar(producto, -tomado); // also records a requested product as touched when nothing is taken
            return tomado;
        }

        /// <summary>Opens packs until <paramref name="producto"/> has <paramref name="requerido"/> available, or nothing more can be opened.</summary>
        public void Asegurar(Guid producto, int requerido)
        {
            if (Disponible(producto) >= requerido) return;
            if (!_padres.TryGetValue(producto, out var padres)) return;
            if (!_enCurso.Add(producto)) return;
            try
            {
                foreach (var link in padres)
                {
                    if (Disponible(producto) >= requerido) return;
                    AbrirHacia(link, requerido);
                }
            }
            finally
            {
                _enCurso.Remove(producto);
            }
        }

        private void AbrirHacia(PackLink link, int requerido)
        {
            if (_enCurso.Contains(link.PadreId)) return; // a cycle: not openable from here
            long faltan = requerido - Disponible(link.HijoId);
            var paquetes = (int)((faltan + link.UnidadesPorPadre - 1) / link.UnidadesPorPadre);
            Asegurar(link.PadreId, paquetes); // exactly the packs still missing, from the parent's own parents
            var n = Math.Min(paquetes, Disponible(link.PadreId));
            if (n <= 0) return;

            var unidades = checked(n * link.UnidadesPorPadre);
            Cambiar(link.PadreId, -n);
            Cambiar(link.HijoId, unidades);
            // Merge only with the previous opening of the same link: merging further back could move an opening
            // ahead of the one that supplies its packs.
            if (Aperturas.Count > 0 && Aperturas[^1] is var ultima && ultima.PadreId == link.PadreId && ultima.HijoId == link.HijoId)
                Aperturas[^1] = ultima with { Paquetes = ultima.Paquetes + n, Unidades = checked(ultima.Unidades + unidades) };
            else
                Aperturas.Add(new Apertura(link.PadreId, link.HijoId, n, unidades));
        }

        public Dictionary<Guid, int> Resultado() => _tocados.ToDictionary(id => id, id => _actual[id]);
    }
}
