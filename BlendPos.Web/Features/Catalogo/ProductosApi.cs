using System.Security.Claims;
using BlendPos.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;

namespace BlendPos.Web.Features.Catalogo;

public static class ProductosApi
{
    public static void MapProductosApi(this RouteGroupBuilder v1)
    {
        var g = v1.MapGroup("/productos"); // cajero and up (the /v1 group's policy)

        g.MapGet("/", (string? q, string? categoria, Guid? proveedor_id, bool? bajo_stock, bool? incluir_inactivos,
                int? page, int? size, CatalogoService s, CancellationToken ct) =>
            s.ListAsync(new ProductoFiltro(q, categoria, proveedor_id, bajo_stock ?? false, incluir_inactivos ?? false), page, size, ct));
        g.MapGet("/sync", (string? cursor, CatalogoService s, CancellationToken ct) => s.SyncAsync(cursor, ct));
        g.MapGet("/{id:guid}", (Guid id, CatalogoService s, CancellationToken ct) => s.GetAsync(id, ct));
        g.MapGet("/barcode/{codigo}", (string codigo, CatalogoService s, CancellationToken ct) => s.ByBarcodeAsync(codigo, ct));

        var admin = g.MapGroup("").RequireAuthorization(Policies.Admin);
        admin.MapPost("/", async (ProductoRequest body, CatalogoService s, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(body, user.RequiredUsuarioId(), ct);
            return Results.Created($"/v1/productos/{created.Id}", created);
        });
        admin.MapPut("/{id:guid}", (Guid id, ProductoRequest body, CatalogoService s, ClaimsPrincipal user, CancellationToken ct) =>
            s.UpdateAsync(id, body, user.RequiredUsuarioId(), ct));
        admin.MapDelete("/{id:guid}", (Guid id, CatalogoService s, ClaimsPrincipal user, CancellationToken ct) =>
            s.DeactivateAsync(id, user.RequiredUsuarioId(), ct));
        admin.MapPost("/{id:guid}/hijos", async (Guid id, VincularHijoRequest body, CatalogoService s, CancellationToken ct) =>
            Results.Created($"/v1/productos/{id}", await s.VincularHijoAsync(id, body, ct)));
        admin.MapDelete("/{id:guid}/hijos/{hijoId:guid}", async (Guid id, Guid hijoId, CatalogoService s, CancellationToken ct) =>
        {
            await s.DesvincularHijoAsync(id, hijoId, ct);
            return Results.NoContent();
        });
    }

    /// <summary>The anonymous price check: rate limited, reveals nothing but name and price.</summary>
    public static void MapPrecioApi(this RouteGroupBuilder v1) =>
        v1.MapGet("/precio/{barcode}", (string barcode, CatalogoService s, HttpResponse response, CancellationToken ct) =>
            {
                response.Headers.CacheControl = "no-store";
                return s.PrecioAsync(barcode, ct);
            })
            .AllowAnonymous()
            .RequireRateLimiting(AuthSetup.PriceCheckRateLimit);
}
