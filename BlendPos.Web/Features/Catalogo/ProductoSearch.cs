using BlendPos.Domain.Catalogo;
using BlendPos.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Catalogo;

/// <summary>
/// Name search in two passes: every typed word as a substring (GIN trigram index, ~2 ms on 50,000 names), and only when
/// that finds nothing, a typo-tolerant word-similarity pass ("alfajor tripel", or just "tripel", → "Alfajor Triple"; the
/// name nearest to all the words first). The single fuzzy
/// query for everything would cost ~25–150 ms at that size (PERF-NOTES). `./blendpos bench` measures both passes.
/// </summary>
public static class ProductoSearch
{
    /// <summary>
    /// Word matches are ranked by trigram similarity when there are at most this many; a broader query ("chocolate"
    /// matches thousands of names) lists the shortest names first instead. Similarity costs a few microseconds per
    /// matching row, so ranking 3,000 matches took ~15 ms of the database's CPU per keystroke, for an order that is
    /// nearly the same: every match contains every word, so the shorter the name, the more similar it is.
    /// </summary>
    public const int SimilarityRankLimit = 500;

    /// <summary>
    /// A name search reads the ids of all its matches, in order, in one pass (so it needs no second pass to count
    /// them); past this many (a one-letter query) it stops reading ids and counts instead.
    /// </summary>
    public const int IdListLimit = 5_000;

    public static IQueryable<Producto> Filter(IQueryable<Producto> query, ProductoFiltro f)
    {
        if (f.SoloInactivos) query = query.Where(p => !p.Activo);
        else if (!f.IncluirInactivos) query = query.Where(p => p.Activo);
        if (!string.IsNullOrWhiteSpace(f.Categoria)) query = query.Where(p => p.Categoria == f.Categoria);
        if (f.ProveedorId is { } proveedor) query = query.Where(p => p.ProveedorId == proveedor);
        if (f.BajoStock) query = query.Where(p => p.StockActual <= p.StockMinimo);
        return query;
    }

    public static bool LooksLikeBarcode(string q) => q.Length is >= 4 and <= 14 && q.All(char.IsAsciiDigit);

    /// <summary>
    /// One page of the filtered catalog and its total, with each product's pack links, in as few passes over the
    /// matching rows as the ranking allows (each pass costs microseconds per matching row, and a broad query matches
    /// thousands): a name search reads its matches' ids once, in order, which gives the total too; the page's rows
    /// then come by primary key. Only a specific words query (≤ <see cref="SimilarityRankLimit"/> matches) reads its
    /// page again, ranked by similarity.
    /// </summary>
    public static async Task<(List<Producto> Items, int Total)> PageAsync(
        BlendPosDb db, ProductoFiltro filtro, int page, int size, CancellationToken ct = default)
    {
        var baseQuery = Filter(db.Productos.AsNoTracking(), filtro);
        var q = filtro.Q?.Trim();
        var skip = (page - 1) * size;
        List<Producto> items;
        int total;
        if (string.IsNullOrEmpty(q) || LooksLikeBarcode(q))
        {
            var ordered = string.IsNullOrEmpty(q)
                ? baseQuery.OrderBy(x => x.Nombre).ThenBy(x => x.Id)
                : baseQuery.Where(x => x.CodigoBarras == q).OrderBy(x => x.Nombre);
            items = await WithPacks(ordered.Skip(skip).Take(size)).ToListAsync(ct);
            // A short page tells the total without counting.
            total = items.Count < size && (items.Count > 0 || skip == 0) ? skip + items.Count : await ordered.CountAsync(ct);
        }
        else
        {
            var matches = MatchWords(baseQuery, q);
            var byLength = RankByLength(matches);
            var ids = await IdsAsync(byLength, ct);
            if (ids.Count == 0)
                (items, total) = await FuzzyPageAsync(db, baseQuery, q, skip, size, ct);
            else if (ids.Count <= SimilarityRankLimit)
            {
                items = await WithPacks(RankBySimilarity(matches, q).Skip(skip).Take(size)).ToListAsync(ct);
                total = ids.Count;
            }
            else
                (items, total) = await PageOfIdsAsync(baseQuery, byLength, ids, skip, size, ct);
        }

        return (items, total);
    }

    /// <summary>
    /// The typo pass's word similarity threshold, below pg_trgm's default 0.6: one word with two letters swapped at its
    /// end shares 4 of its 7 trigrams with the right one («tripel» / «Triple»: 0.57), which 0.6 misses. Several words
    /// are scored together, so a name matching one word of two exactly stays under it or near it («alfajor tripel» /
    /// «Cerveza Tripel»: 0.47) while one matching both closely scores high («Alfajor Triple»: 0.8), and ranks first.
    /// </summary>
    public const string FuzzyThreshold = "0.5";

    /// <summary>
    /// The fuzzy pass with <see cref="FuzzyThreshold"/>, set with SET LOCAL for this transaction only: the pooled
    /// connection goes back with pg_trgm's default. The <c>&lt;%</c> operator still answers from the GIN trigram index.
    /// </summary>
    private static Task<(List<Producto> Items, int Total)> FuzzyPageAsync(BlendPosDb db, IQueryable<Producto> baseQuery,
        string q, int skip, int size, CancellationToken ct)
    {
        async Task<(List<Producto> Items, int Total)> Run()
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL pg_trgm.word_similarity_threshold = " + FuzzyThreshold, ct);
            var fuzzy = Fuzzy(baseQuery, q);
            return await PageOfIdsAsync(baseQuery, fuzzy, await IdsAsync(fuzzy, ct), skip, size, ct);
        }
        return db.Database.CurrentTransaction is null ? db.InTransactionAsync(Run, ct) : Run();
    }

    /// <summary>The ids of the matches in order, up to one past <see cref="IdListLimit"/>.</summary>
    private static Task<List<Guid>> IdsAsync(IQueryable<Producto> ordered, CancellationToken ct) =>
        ordered.Select(p => p.Id).Take(IdListLimit + 1).ToListAsync(ct);

    private static async Task<(List<Producto> Items, int Total)> PageOfIdsAsync(IQueryable<Producto> baseQuery,
        IQueryable<Producto> ordered, List<Guid> ids, int skip, int size, CancellationToken ct)
    {
        var complete = ids.Count <= IdListLimit;
        var total = complete ? ids.Count : await ordered.CountAsync(ct);
        if (skip + size > IdListLimit) // a page past the ids read (only when there are that many)
            return (await WithPacks(ordered.Skip(skip).Take(size)).ToListAsync(ct), total);

        var pageIds = ids.Skip(skip).Take(size).ToList();
        if (pageIds.Count == 0) return ([], total);
        var rows = (await WithPacks(baseQuery.Where(p => pageIds.Contains(p.Id))).ToListAsync(ct)).ToDictionary(p => p.Id);
        return (pageIds.Where(rows.ContainsKey).Select(id => rows[id]).ToList(), total);
    }

    /// <summary>Substring match on every word, best matches first.</summary>
    public static IQueryable<Producto> Words(IQueryable<Producto> query, string q) => RankBySimilarity(MatchWords(query, q), q);

    /// <summary>Every word as a substring, case-insensitive (GIN trigram index).</summary>
    public static IQueryable<Producto> MatchWords(IQueryable<Producto> query, string q)
    {
        foreach (var word in Words(q))
        {
            var pattern = "%" + Escape(word) + "%";
            // The escape character must be named: without it Npgsql sends ESCAPE '' and "\%" would stay a wildcard.
            query = query.Where(p => EF.Functions.ILike(p.Nombre, pattern, "\\"));
        }
        return query;
    }

    public static IQueryable<Producto> RankBySimilarity(IQueryable<Producto> matches, string q) =>
        matches.OrderByDescending(p => EF.Functions.TrigramsSimilarity(p.Nombre, q)).ThenBy(p => p.Nombre);

    public static IQueryable<Producto> RankByLength(IQueryable<Producto> matches) =>
        matches.OrderBy(p => p.Nombre.Length).ThenBy(p => p.Nombre);

    /// <summary>
    /// Word similarity (typos tolerated): the candidates are the names word-similar to the whole query (<c>&lt;%</c>, GIN
    /// trigram index), ranked by the sum of each word's own word similarity. The whole query's score alone is a poor
    /// order with several words: it is taken over one stretch of the name, so «yerba suva» scores «Yerba Mate Suave»
    /// (both words, one with a typo) and «Yerba Canarias» (one word exactly) the same, 0.55; per word, 1.4 against 1.0.
    /// The sum is computed only for the candidates, a few per search.
    /// </summary>
    public static IQueryable<Producto> Fuzzy(IQueryable<Producto> query, string q)
    {
        var words = Words(q).ToArray();
        return query.Where(p => EF.Functions.TrigramsAreWordSimilar(q, p.Nombre))
            .OrderByDescending(p => words.Sum(w => EF.Functions.TrigramsWordSimilarity(w, p.Nombre)))
            .ThenBy(p => EF.Functions.TrigramsWordSimilarityDistance(q, p.Nombre)).ThenBy(p => p.Nombre);
    }

    /// <summary>
    /// The page's pack links in the same statement (a join on the page's rows). A split query would run the whole
    /// search again, ranking and all, just to find the links of 20 rows.
    /// </summary>
    private static IQueryable<Producto> WithPacks(IQueryable<Producto> page) => page.Include(p => p.Hijos).AsSingleQuery();

    private static IEnumerable<string> Words(string q) =>
        q.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(8);

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
