using System.Globalization;
using System.Text;

namespace BlendPos.Bench;

public enum QueryKind { Exact, Partial, Typo }

public sealed record SearchQuery(QueryKind Kind, string Text);

/// <summary>
/// What a cashier types in the search box, taken from the seeded names: whole words ("alfajor triple"), the start of
/// words while typing ("coca zer"), and typos ("alfajor tripel", "havana", a missing accent).
/// </summary>
public static class SearchQueries
{
    public static List<SearchQuery> Generate(IReadOnlyList<SeedProduct> products, int perKind, int seed)
    {
        var rnd = new Random(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<SearchQuery>(perKind * 3);
        foreach (var kind in Enum.GetValues<QueryKind>())
        {
            var made = 0;
            while (made < perKind)
            {
                var words = Words(products[rnd.Next(products.Count)].Name);
                if (words.Count == 0) continue;
                var take = Math.Min(words.Count, rnd.Next(10) < 3 ? 1 : 2);
                var start = rnd.Next(words.Count - take + 1);
                var picked = words.GetRange(start, take);
                var text = kind switch
                {
                    QueryKind.Exact => string.Join(' ', picked),
                    QueryKind.Partial => string.Join(' ', picked.Select(w => w.Length <= 3 ? w : w[..rnd.Next(3, w.Length)])),
                    _ => Typo(rnd, picked),
                };
                if (text is null || !seen.Add(text)) continue;
                result.Add(new SearchQuery(kind, text));
                made++;
            }
        }
        return result;
    }

    /// <summary>The name's words a person would type: lower case, no sizes or tiny words.</summary>
    private static List<string> Words(string name) =>
        name.ToLower(CultureInfo.GetCultureInfo("es-AR"))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 3 && !w.Any(char.IsDigit) && w is not ("con" or "sin" or "los" or "del"))
            .ToList();

    private static string? Typo(Random rnd, List<string> words)
    {
        var i = rnd.Next(words.Count);
        var w = words[i];
        if (w.Length < 4) return null;
        string typo;
        switch (rnd.Next(4))
        {
            case 0: // swapped neighbours: "tripel"
                var k = rnd.Next(1, w.Length - 2);
                typo = w[..k] + w[k + 1] + w[k] + w[(k + 2)..];
                break;
            case 1: // a doubled letter typed once, or any letter dropped: "havana"
                var dbl = Enumerable.Range(1, w.Length - 1).Where(j => w[j] == w[j - 1]).ToList();
                var drop = dbl.Count > 0 ? dbl[rnd.Next(dbl.Count)] : rnd.Next(1, w.Length);
                typo = w.Remove(drop, 1);
                break;
            case 2: // a neighbouring key
                var pos = rnd.Next(1, w.Length);
                typo = w[..pos] + Neighbour(rnd, w[pos]) + w[(pos + 1)..];
                break;
            default: // no accent
                typo = StripAccents(w);
                if (typo == w) typo = w + w[^1];
                break;
        }
        if (typo == w) return null;
        var copy = words.ToList();
        copy[i] = typo;
        return string.Join(' ', copy);
    }

    private static char Neighbour(Random rnd, char c)
    {
        const string rows = "qwertyuiop|asdfghjklñ|zxcvbnm";
        var at = rows.IndexOf(c);
        if (at < 0) return 'e';
        var options = new List<char>();
        if (at > 0 && rows[at - 1] != '|') options.Add(rows[at - 1]);
        if (at < rows.Length - 1 && rows[at + 1] != '|') options.Add(rows[at + 1]);
        return options.Count == 0 ? 'e' : options[rnd.Next(options.Count)];
    }

    private static string StripAccents(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark) sb.Append(ch);
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
