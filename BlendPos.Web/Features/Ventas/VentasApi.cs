using System.Security.Claims;
using BlendPos.Web.Features.Caja;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Config;

namespace BlendPos.Web.Features.Ventas;

public static class VentasApi
{
    public static void MapVentasApi(this RouteGroupBuilder v1)
    {
        var g = v1.MapGroup("/ventas"); // cajero and up
        g.MapPost("/", async (VentaRequest body, VentaService s, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var r = await s.RegistrarAsync(body, Actor.From(user), ct);
            // The same id sent again returns the stored sale (200), never a second one.
            return r.Existente ? Results.Ok(r.Venta) : Results.Created($"/v1/ventas/{r.Venta.Id}", r.Venta);
        });
        // The terminal's outbox of offline sales: ordered, idempotent, one answer per sale (API.md).
        g.MapPost("/sync-batch", (SyncBatchRequest body, VentaService s, ClaimsPrincipal user, CancellationToken ct) =>
            s.SincronizarAsync(body, Actor.From(user), ct));
        g.MapGet("/", (Guid? sesion_caja_id, DateOnly? desde, DateOnly? hasta, bool? conflicto, int? page, int? size,
                VentaService s, BlendPosOptions options, ClaimsPrincipal user, CancellationToken ct) =>
            s.ListAsync(new VentaFiltro(sesion_caja_id, desde, hasta, conflicto), Actor.From(user), options, page, size, ct));
        g.MapGet("/{id:guid}", (Guid id, VentaService s, ClaimsPrincipal user, CancellationToken ct) => s.GetAsync(id, Actor.From(user), ct));

        var supervisor = g.MapGroup("").RequireAuthorization(Policies.Supervisor);
        supervisor.MapPost("/{id:guid}/anular", (Guid id, AnularRequest body, VentaService s, ClaimsPrincipal user, CancellationToken ct) =>
            s.AnularAsync(id, body, Actor.From(user), ct));
        supervisor.MapDelete("/{id:guid}", (Guid id, string? motivo, VentaService s, ClaimsPrincipal user, CancellationToken ct) =>
            s.AnularAsync(id, new AnularRequest(motivo), Actor.From(user), ct));
    }
}
