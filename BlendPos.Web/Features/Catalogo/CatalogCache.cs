using BlendPos.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;

namespace BlendPos.Web.Features.Catalogo;

/// <summary>
/// Barcode look-ups for every scan and the price-check screen: memory first, then Redis when configured, then one
/// indexed query. Every write to a product removes its entries (old and new barcode) right after commit, so a price
/// change is served at once by this instance; other instances see it when their short memory entry expires.
/// Unknown barcodes are cached too, so a scanner stuck on a bad code does not hammer the database.
/// </summary>
public sealed partial class CatalogCache(HybridCache cache, IMemoryCache memoria, IServiceScopeFactory scopes)
{
    private static readonly HybridCacheEntryOptions Found = new()
    {
        // Short on purpose: if an invalidation cannot reach Redis (down, or slow past its timeout), a stale price
        // heals within minutes instead of lasting the day.
        Expiration = TimeSpan.FromMinutes(5),
        LocalCacheExpiration = TimeSpan.FromSeconds(60),
    };

    public ValueTask<ProductoDto?> ByBarcodeAsync(string codigo, CancellationToken ct = default) =>
        cache.GetOrCreateAsync(Key(codigo), codigo, LoadAsync, Found, cancellationToken: ct);

    public async Task InvalidateAsync(IEnumerable<string> barcodes)
    {
        foreach (var codigo in barcodes.Distinct())
            await cache.RemoveAsync(Key(codigo));
    }

    /// <summary>
    /// Drops every entry at once (HybridCache's "*" tag: memory here, Redis for everyone): after a price-list import or
    /// a bulk price change touching thousands of products, one call instead of a Redis round trip per barcode. The
    /// next scans are cache misses, one indexed query each.
    /// </summary>
    public ValueTask InvalidateAllAsync()
    {
        InvalidarPacks(); // an import may have written pack links too
        return cache.RemoveByTagAsync("*");
    }

    private async ValueTask<ProductoDto?> LoadAsync(string codigo, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlendPosDb>();
        var producto = await ByBarcode(db, codigo, ct);
        return producto is null ? null : ProductoDto.From(producto);
    }

    /// <summary>Compiled once: a miss skips EF's query-cache look-up and parameter extraction.</summary>
    private static readonly Func<BlendPosDb, string, CancellationToken, Task<Domain.Catalogo.Producto?>> ByBarcode =
        EF.CompileAsyncQuery((BlendPosDb db, string codigo, CancellationToken _) =>
            db.Productos.AsNoTracking().Include(p => p.Hijos).FirstOrDefault(p => p.CodigoBarras == codigo));

    private static string Key(string codigo) => "producto:cb:" + codigo;
}
