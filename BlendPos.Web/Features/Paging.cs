namespace BlendPos.Web.Features;

/// <summary>A page of results, serialized as <c>{items, total, page, size}</c> (API.md).</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Total, int Page, int Size)
{
    /// <summary>For the pages' pager; not part of the JSON contract.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int Pages => Size == 0 ? 0 : (Total + Size - 1) / Size;
}

public static class Paging
{
    public const int DefaultSize = 50;
    public const int MaxSize = 200;

    /// <summary>Clamps what a client asked for to sane bounds (page ≥ 1, 1 ≤ size ≤ 200).</summary>
    public static (int Page, int Size) Normalize(int? page, int? size) =>
        (Math.Max(1, page ?? 1), Math.Clamp(size ?? DefaultSize, 1, MaxSize));
}
