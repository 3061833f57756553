using System.Text;
using BlendPos.Domain.Catalogo;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Errors;
using Htmx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Proveedores;

/// <summary>
/// «Importar lista»: upload → preview (a dry run: nothing written) → confirm (the same file again, checked by its hash,
/// applied in one transaction) → result, with the refused rows downloadable as CSV. Both steps call
/// <see cref="ProveedorService.ImportarAsync"/>, as /v1/csv/import does.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class ImportarListaModel(ProveedorService proveedores) : PageModel
{
    /// <summary>Rows of the file shown in the preview table; the counts and the error list cover the whole file.</summary>
    public const int FilasVisibles = 300;
    public const int ErroresVisibles = 1000;

    [BindProperty(SupportsGet = true, Name = "proveedor")] public Guid? ProveedorId { get; set; }
    [BindProperty] public IFormFile? Archivo { get; set; }
    [BindProperty] public string? Hash { get; set; }

    public IReadOnlyList<Proveedor> Proveedores { get; private set; } = [];
    public ResultadoImportacion? Resultado { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Proveedores = await proveedores.ActivosAsync(ct);

    public Task<IActionResult> OnPostPrevisualizarAsync(CancellationToken ct) => RunAsync(dryRun: true, ct);

    public Task<IActionResult> OnPostConfirmarAsync(CancellationToken ct) => RunAsync(dryRun: false, ct);

    /// <summary>The refused rows of an applied import, with a BOM so Excel opens the accents right.</summary>
    public async Task<IActionResult> OnGetErroresAsync(Guid id, CancellationToken ct)
    {
        if (await proveedores.ErroresDeImportacionAsync(id, ct) is not { } errores) return NotFound();
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(errores.Csv)).ToArray();
        return File(bytes, "text/csv; charset=utf-8", errores.Archivo);
    }

    private async Task<IActionResult> RunAsync(bool dryRun, CancellationToken ct)
    {
        try
        {
            var (contenido, nombre) = await ArchivoCsv.LeerAsync(Archivo, ct);
            if (!dryRun)
            {
                var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(contenido));
                if (!string.Equals(hash, Hash, StringComparison.Ordinal))
                    throw new ValidationException("archivo", "El archivo no es el de la vista previa: previsualizalo de nuevo antes de confirmar.");
            }
            Resultado = await proveedores.ImportarAsync(ProveedorId, nombre, contenido, dryRun, User.RequiredUsuarioId(), ct);
        }
        catch (AppException e)
        {
            Error = e is ValidationException v ? string.Join(" ", v.Errors.SelectMany(x => x.Value)) : e.Detail;
        }
        if (Request.IsHtmx()) return Partial("_Importacion", this);
        Proveedores = await proveedores.ActivosAsync(ct);
        return Page();
    }
}
