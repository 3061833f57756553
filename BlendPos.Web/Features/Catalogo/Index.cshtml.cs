using BlendPos.Domain.Catalogo;
using Htmx;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Catalogo;

public sealed record ProductosVista(PageOf<ProductoDto> Resultado, bool HayFiltros, Func<int, string> Url);

public sealed class ProductosModel(CatalogoService catalogo, CatalogoLookups lookups) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Categoria { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Proveedor { get; set; }
    [BindProperty(SupportsGet = true)] public bool Bajo { get; set; }
    [BindProperty(SupportsGet = true)] public bool Inactivos { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int Pagina { get; set; } = 1;

    public IReadOnlyList<string> Categorias { get; private set; } = [];
    public IReadOnlyList<Proveedor> Proveedores { get; private set; } = [];
    public ProductosVista Vista { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var filtro = new ProductoFiltro(Q, Categoria, Proveedor, Bajo, SoloInactivos: Inactivos);
        var resultado = await catalogo.ListAsync(filtro, Pagina, PageSize, ct);
        var hayFiltros = !string.IsNullOrWhiteSpace(Q) || Categoria is { Length: > 0 } || Proveedor is not null || Bajo || Inactivos;
        Vista = new ProductosVista(resultado, hayFiltros, PageUrl);

        // htmx asks for the table only; the same URL renders the whole page on reload or from a bookmark.
        if (Request.IsHtmx()) return Partial("_Tabla", Vista);
        Categorias = await lookups.CategoriasAsync(ct);
        Proveedores = await lookups.ProveedoresAsync(ct);
        return Page();
    }

    private string PageUrl(int page)
    {
        var query = new QueryBuilder();
        if (!string.IsNullOrWhiteSpace(Q)) query.Add("q", Q);
        if (!string.IsNullOrWhiteSpace(Categoria)) query.Add("categoria", Categoria);
        if (Proveedor is { } p) query.Add("proveedor", p.ToString());
        if (Bajo) query.Add("bajo", "true");
        if (Inactivos) query.Add("inactivos", "true");
        query.Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/productos" + query.ToQueryString();
    }
}
