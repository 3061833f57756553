using BlendPos.Domain;
using BlendPos.Domain.Catalogo;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Errors;
using Htmx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Proveedores;

/// <summary>
/// «Actualizar precios»: a percentage up or down on a supplier's products (optionally one category), previewed (the
/// count and the first rows) before it is applied by <see cref="ProveedorService.ActualizarPreciosAsync"/>.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class PreciosModel(ProveedorService proveedores) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "proveedor")] public Guid? ProveedorId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Categoria { get; set; }
    /// <summary>Typed the es-AR way («12,5», «-5»): read by <see cref="Money.TryParse"/>.</summary>
    [BindProperty] public string? Porcentaje { get; set; }

    public IReadOnlyList<Proveedor> Proveedores { get; private set; } = [];
    public IReadOnlyList<string> Categorias { get; private set; } = [];
    public VistaPreviaPrecios? Vista { get; private set; }
    public string? Error { get; private set; }
    public int? Actualizados { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await CargarAsync(ct);

    /// <summary>The category select of the chosen supplier (htmx, on change of the supplier).</summary>
    public async Task<IActionResult> OnGetCategoriasAsync(CancellationToken ct)
    {
        Categorias = ProveedorId is { } id ? await proveedores.CategoriasAsync(id, ct) : [];
        return Partial("_PreciosCategorias", this);
    }

    public Task<IActionResult> OnPostPrevisualizarAsync(CancellationToken ct) => RunAsync(async (id, r) =>
        Vista = await proveedores.PrevisualizarPreciosAsync(id, r, ct: ct), ct);

    public Task<IActionResult> OnPostAplicarAsync(CancellationToken ct) => RunAsync(async (id, r) =>
        Actualizados = (await proveedores.ActualizarPreciosAsync(id, r, User.RequiredUsuarioId(), ct)).Actualizados, ct);

    private async Task<IActionResult> RunAsync(Func<Guid, PreciosRequest, Task> action, CancellationToken ct)
    {
        try
        {
            if (ProveedorId is not { } id) throw new ValidationException("proveedor", "Elegí el proveedor.");
            decimal? pct = null;
            if (!string.IsNullOrWhiteSpace(Porcentaje))
            {
                if (!Money.TryParse(Porcentaje.Replace("%", "").Replace("+", ""), out var valor, allowNegative: true))
                    throw new ValidationException("porcentaje", "El porcentaje debe ser un número, por ejemplo 12,5 o -5.");
                pct = valor;
            }
            await action(id, new PreciosRequest(pct, Categoria));
        }
        catch (AppException e)
        {
            Error = e.Detail;
        }
        if (Request.IsHtmx()) return Partial("_PreciosVista", this);
        await CargarAsync(ct);
        return Page();
    }

    private async Task CargarAsync(CancellationToken ct)
    {
        Proveedores = await proveedores.ActivosAsync(ct);
        Categorias = ProveedorId is { } id ? await proveedores.CategoriasAsync(id, ct) : [];
    }

    public string PorcentajeTexto => Vista is null ? "" : Porcentaje?.Trim() ?? "";
}
