using System.Security.Claims;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Errors;

namespace BlendPos.Web.Features.Proveedores;

/// <summary>/v1/proveedores and /v1/csv/import (API.md «Suppliers and CSV»), admin only.</summary>
public static class ProveedoresApi
{
    public static void MapProveedoresApi(this RouteGroupBuilder v1)
    {
        var g = v1.MapGroup("/proveedores").RequireAuthorization(Policies.Admin);

        g.MapGet("/", (string? q, bool? incluir_inactivos, int? page, int? size, ProveedorService s, CancellationToken ct) =>
            s.ListAsync(q, incluir_inactivos ?? true, page, size, ct));
        g.MapGet("/{id:guid}", (Guid id, ProveedorService s, CancellationToken ct) => s.GetAsync(id, ct));
        g.MapPost("/", async (ProveedorRequest body, ProveedorService s, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(body, user.RequiredUsuarioId(), ct);
            return Results.Created($"/v1/proveedores/{created.Id}", created);
        });
        g.MapPut("/{id:guid}", (Guid id, ProveedorRequest body, ProveedorService s, ClaimsPrincipal user, CancellationToken ct) =>
            s.UpdateAsync(id, body, user.RequiredUsuarioId(), ct));
        g.MapDelete("/{id:guid}", (Guid id, ProveedorService s, ClaimsPrincipal user, CancellationToken ct) =>
            s.DeactivateAsync(id, user.RequiredUsuarioId(), ct));
        g.MapPost("/{id:guid}/precios", (Guid id, PreciosRequest body, ProveedorService s, ClaimsPrincipal user, CancellationToken ct) =>
            s.ActualizarPreciosAsync(id, body, user.RequiredUsuarioId(), ct));

        // Multipart read by hand: each missing or wrong part gets its own Spanish answer (400/413/415) instead of the
        // framework's generic binding failure.
        v1.MapPost("/csv/import", async (HttpRequest request, ProveedorService s, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (!request.HasFormContentType || request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) != true)
                throw new ArchivoNoSoportadoException("Enviá la lista como multipart/form-data con los campos proveedor_id, archivo y dry_run.");
            var form = await request.ReadFormAsync(ct);

            var v = new Validator();
            Guid? proveedorId = null;
            var textoProveedor = form["proveedor_id"].ToString();
            if (textoProveedor.Length == 0) v.Add("proveedor_id", "Elegí el proveedor de la lista.");
            else if (Guid.TryParse(textoProveedor, out var id)) proveedorId = id;
            else v.Add("proveedor_id", "proveedor_id no es un id válido.");
            var dryRun = false;
            var textoDryRun = form["dry_run"].ToString().Trim().ToLowerInvariant();
            if (textoDryRun is "true" or "1" or "on") dryRun = true;
            else if (textoDryRun is not ("" or "false" or "0" or "off")) v.Add("dry_run", "dry_run debe ser true o false.");
            if (form.Files.GetFile("archivo") is null) v.Add("archivo", "Adjuntá el archivo CSV en el campo archivo.");
            v.ThrowIfAny();

            var (contenido, nombre) = await ArchivoCsv.LeerAsync(form.Files.GetFile("archivo"), ct);
            var resultado = await s.ImportarAsync(proveedorId, nombre, contenido, dryRun, user.RequiredUsuarioId(), ct);
            return Results.Ok(resultado.ToDto());
        }).RequireAuthorization(Policies.Admin);
    }
}
