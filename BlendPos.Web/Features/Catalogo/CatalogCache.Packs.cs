using BlendPos.Web.Data;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace BlendPos.Web.Features.Catalogo;

/// <summary>A pack above a product (transitively), with the pack's barcode so its stock comes from the barcode cache.</summary>
public sealed record PackArriba(Guid PadreId, string PadreCodigoBarras, Guid HijoId, int Unidades);

/// <summary>
/// The automatic pack links above a product, for the till's stock warning while scanning. Links change only when an
/// admin edits a pack or imports a list, so they are kept in this instance's memory until then (or 5 minutes, the bound
/// for a change made through another instance); the packs' stock is not kept here but read from the barcode cache,
/// which every sale invalidates. Before this, each scan of a product short of its own stock ran a recursive query:
/// most of the scan's server time with 8 terminals (docs/PERFORMANCE.md).
/// </summary>
public sealed partial class CatalogCache
{
    private CancellationTokenSource _packs = new();

    public async ValueTask<IReadOnlyList<PackArriba>> PacksArribaAsync(Guid productoId, CancellationToken ct = default)
    {
        if (memoria.TryGetValue(("packs-arriba", productoId), out IReadOnlyList<PackArriba>? hallados) && hallados is not null) return hallados;
        var token = new CancellationChangeToken(Volatile.Read(ref _packs).Token); // taken before the read: an edit meanwhile drops it
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlendPosDb>();
        var filas = await SqlBatch.ListAsync(db, r => new PackArriba(r.GetGuid(0), r.GetString(1), r.GetGuid(2), r.GetInt32(3)), """
            WITH RECURSIVE arriba AS (
                SELECT producto_padre_id, producto_hijo_id, unidades_por_padre
                FROM productos_hijos WHERE producto_hijo_id = $1 AND desarme_auto
                UNION
                SELECT h.producto_padre_id, h.producto_hijo_id, h.unidades_por_padre
                FROM productos_hijos AS h JOIN arriba AS a ON h.producto_hijo_id = a.producto_padre_id
                WHERE h.desarme_auto
            )
            SELECT a.producto_padre_id, p.codigo_barras, a.producto_hijo_id, a.unidades_por_padre
            FROM arriba AS a JOIN productos AS p ON p.id = a.producto_padre_id
            """, ct, productoId);
        using var entry = memoria.CreateEntry(("packs-arriba", productoId));
        entry.Value = filas;
        entry.Size = 1;
        entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
        entry.AddExpirationToken(token);
        return filas;
    }

    /// <summary>After a pack link was added, changed or removed (or an import that may have written some).</summary>
    public void InvalidarPacks() => Interlocked.Exchange(ref _packs, new CancellationTokenSource()).Cancel();
}
