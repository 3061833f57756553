using BlendPos.Domain.Catalogo;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Catalogo;

/// <summary>
/// Name search in two passes: every typed word as a substring (GIN trigram index, ~2 ms on 50,000 names), and only when
/// that finds nothing, a typo-tolerant word-similarity pass ("alfajor tripel" → "Alfajor Triple"). The single fuzzy
/// query for everything would cost ~25–150 ms at that size (PERF-NOTES).
/// </summary>
public static class ProductoSearch
{
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

    /// <summary>Substring match on every word, best matches first.</summary>
    public static IQueryable<Producto> Words(IQueryable<Producto> query, string q)
    {
        foreach (var word in Words(q))
        {
            var pattern = "%" + Escape(word) + "%";
            // The escape character must be named: without it Npgsql sends ESCAPE '' and "\%" would stay a wildcard.
            query = query.Where(p => EF.Functions.ILike(p.Nombre, pattern, "\\"));
        }
        return query.OrderByDescending(p => EF.Functions.TrigramsSimilarity(p.Nombre, q)).ThenBy(p => p.Nombre);
    }

    /// <summary>Word similarity (typos tolerated), nearest first.</summary>
    public static IQueryable<Producto> Fuzzy(IQueryable<Producto> query, string q) =>
        query.Where(p => EF.Functions.TrigramsAreWordSimilar(q, p.Nombre))
            .OrderBy(p => EF.Functions.TrigramsWordSimilarityDistance(q, p.Nombre)).ThenBy(p => p.Nombre);

    private static IEnumerable<string> Words(string q) =>
        q.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(8);

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
