using BlendPos.Domain.Catalogo;
using BlendPos.Web.Data;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Catalogo;

/// <summary>Read-only lists the catalog pages offer in selects (categories, suppliers).</summary>
public sealed class CatalogoLookups(BlendPosDb db)
{
    public Task<List<string>> CategoriasAsync(CancellationToken ct = default) =>
        db.Productos.AsNoTracking().Select(p => p.Categoria).Distinct().OrderBy(c => c).ToListAsync(ct);

    public Task<List<Proveedor>> ProveedoresAsync(CancellationToken ct = default) =>
        db.Proveedores.AsNoTracking().Where(p => p.Activo).OrderBy(p => p.RazonSocial).ToListAsync(ct);

    public async Task FillAsync(ViewDataDictionary viewData, CancellationToken ct = default)
    {
        viewData["Categorias"] = await CategoriasAsync(ct);
        viewData["Proveedores"] = await ProveedoresAsync(ct);
    }
}
