using System.Globalization;
using System.Text;

namespace BlendPos.Bench;

/// <summary>One table row: an operation at a client count, through the app and as raw SQL.</summary>
public sealed record Row(string Operation, int Clients, Result App, Result? Raw, string? RawNote = null);

public static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Console(IReadOnlyList<Row> rows)
    {
        var header = new[] { "operation", "cl", "n", "app p50", "p95", "p99", "max", "req/s", "srv p50", "srv p99",
            "raw p50", "raw p99", "raw q/s", "×p50", "×p99" };
        var lines = rows.Select(Cells).Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => lines.Max(l => l[i].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var (line, n) in lines.Select((l, n) => (l, n)))
        {
            sb.AppendLine(string.Join("  ", line.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))));
            if (n == 0) sb.AppendLine(new string('-', widths.Sum() + 2 * (widths.Length - 1)));
        }
        return sb.ToString();
    }

    public static string MarkdownTable(IReadOnlyList<Row> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| operation | clients | n | app p50 | app p95 | app p99 | app max | app req/s | server p50 | server p99 | " +
                      "raw p50 | raw p99 | raw q/s | app/raw p50 | app/raw p99 |");
        sb.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in rows) sb.AppendLine("| " + string.Join(" | ", Cells(r)) + " |");
        return sb.ToString();
    }

    private static string[] Cells(Row r)
    {
        var a = r.App.Client;
        var s = r.App.Server;
        var raw = r.Raw?.Client;
        return
        [
            r.Operation, r.Clients.ToString(Inv), a.Count.ToString(Inv), Ms(a.P50), Ms(a.P95), Ms(a.P99), Ms(a.Max),
            Rate(a.PerSecond), s is null ? "" : Ms(s.P50), s is null ? "" : Ms(s.P99),
            raw is null ? r.RawNote ?? "" : Ms(raw.P50), raw is null ? "" : Ms(raw.P99), raw is null ? "" : Rate(raw.PerSecond),
            raw is null ? "" : Ratio(a.P50, raw.P50), raw is null ? "" : Ratio(a.P99, raw.P99),
        ];
    }

    public static string Ms(double ms) => ms switch
    {
        >= 100 => ms.ToString("0", Inv),
        >= 10 => ms.ToString("0.0", Inv),
        _ => ms.ToString("0.00", Inv),
    };

    private static string Rate(double perSecond) => perSecond.ToString("#,0", Inv);

    private static string Ratio(double app, double raw) => raw <= 0 ? "" : (app / raw).ToString("0.0", Inv) + "×";
}
