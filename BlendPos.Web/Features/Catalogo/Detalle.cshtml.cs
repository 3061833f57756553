using BlendPos.Web.Data;
using BlendPos.Web.Features.Inventario;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Catalogo;

public sealed class DetalleProductoModel(CatalogoService catalogo, InventarioService inventario, BlendPosDb db) : PageModel
{
    public sealed record Relacionado(Guid Id, string Nombre, string CodigoBarras, int Unidades, bool DesarmeAuto);

    public sealed class VinculoInput
    {
        public string? CodigoHijo { get; set; }
        public int? Unidades { get; set; }
        public bool DesarmeAuto { get; set; } = true;
    }

    public sealed class AjusteInput
    {
        public int? Cantidad { get; set; }
        public string? Motivo { get; set; }
    }

    public sealed class DesarmeInput
    {
        public int? Cantidad { get; set; } = 1;
        public Guid? HijoId { get; set; }
    }

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public VinculoInput Vinculo { get; set; } = new();
    [BindProperty] public AjusteInput Ajuste { get; set; } = new();
    [BindProperty] public DesarmeInput Desarme { get; set; } = new();

    public ProductoDto Producto { get; private set; } = null!;
    public string? Proveedor { get; private set; }
    public IReadOnlyList<Relacionado> Hijos { get; private set; } = [];
    public IReadOnlyList<Relacionado> Padres { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    [HandlerPolicy(Policies.Admin)]
    public Task<IActionResult> OnPostVincularAsync(CancellationToken ct) => RunAsync("Vinculo", async () =>
    {
        var codigo = Vinculo.CodigoHijo?.Trim();
        if (string.IsNullOrEmpty(codigo)) throw new ValidationException("codigo_hijo", "Escaneá o escribí el código del producto contenido.");
        ProductoDto hijo;
        try
        {
            hijo = await catalogo.ByBarcodeAsync(codigo, ct);
        }
        catch (AppException)
        {
            throw new ValidationException("codigo_hijo", $"No hay un producto con el código {codigo}.");
        }
        await catalogo.VincularHijoAsync(Id, new VincularHijoRequest(hijo.Id, Vinculo.Unidades, Vinculo.DesarmeAuto), ct);
        return $"«{hijo.Nombre}» vinculado: {Vinculo.Unidades} por pack.";
    }, ct, map: f => f switch { "unidades_por_padre" => "Unidades", "producto_hijo_id" => "CodigoHijo", _ => Pascal(f) });

    [HandlerPolicy(Policies.Admin)]
    public Task<IActionResult> OnPostDesvincularAsync(Guid hijoId, CancellationToken ct) => RunAsync("Vinculo", async () =>
    {
        await catalogo.DesvincularHijoAsync(Id, hijoId, ct);
        return "Vínculo quitado.";
    }, ct);

    [HandlerPolicy(Policies.Supervisor)]
    public Task<IActionResult> OnPostAjusteAsync(CancellationToken ct) => RunAsync("Ajuste", async () =>
    {
        var r = await inventario.AjustarAsync(new AjusteRequest(Id, Ajuste.Cantidad, Ajuste.Motivo), User.RequiredUsuarioId(), ct);
        return $"Stock ajustado: ahora hay {r.StockActual}.";
    }, ct);

    [HandlerPolicy(Policies.Supervisor)]
    public Task<IActionResult> OnPostDesarmeAsync(CancellationToken ct) => RunAsync("Desarme", async () =>
    {
        var r = await inventario.DesarmarAsync(new DesarmeRequest(Id, Desarme.Cantidad, Desarme.HijoId), User.RequiredUsuarioId(), ct);
        return "Packs abiertos: " + string.Join(", ", r.Productos.Select(x => $"{x.Nombre} queda en {x.StockActual}")) + ".";
    }, ct);

    private async Task<IActionResult> RunAsync(string prefix, Func<Task<string>> action, CancellationToken ct,
        Func<string, string>? map = null)
    {
        try
        {
            ModelState.ThrowIfBindingFailed();
            TempData["Ok"] = await action();
            return Redirect($"/productos/{Id}");
        }
        catch (AppException e)
        {
            if (e is NotFoundException && !await db.Productos.AnyAsync(p => p.Id == Id, ct)) return NotFound();
            if (e is ValidationException v)
                foreach (var (field, messages) in v.Errors)
                    foreach (var m in messages) ModelState.AddModelError($"{prefix}.{(map ?? Pascal)(field)}", m);
            else if (e is not InvalidFormException) // its messages are in ModelState already
                ModelState.AddModelError("", e.Detail);
            return await LoadAsync(ct) ? Page() : NotFound();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Producto = await catalogo.GetAsync(Id, ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        Proveedor = Producto.ProveedorId is { } pid
            ? await db.Proveedores.AsNoTracking().Where(x => x.Id == pid).Select(x => x.RazonSocial).FirstOrDefaultAsync(ct)
            : null;
        Hijos = await (from h in db.ProductosHijos.AsNoTracking()
                       where h.ProductoPadreId == Id
                       join p in db.Productos on h.ProductoHijoId equals p.Id
                       orderby p.Nombre
                       select new Relacionado(p.Id, p.Nombre, p.CodigoBarras, h.UnidadesPorPadre, h.DesarmeAuto)).ToListAsync(ct);
        Padres = await (from h in db.ProductosHijos.AsNoTracking()
                        where h.ProductoHijoId == Id
                        join p in db.Productos on h.ProductoPadreId equals p.Id
                        orderby p.Nombre
                        select new Relacionado(p.Id, p.Nombre, p.CodigoBarras, h.UnidadesPorPadre, h.DesarmeAuto)).ToListAsync(ct);
        return true;
    }

    private static string Pascal(string snake) =>
        string.Concat(snake.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
