using System.Security.Claims;
using BlendPos.Web.Infrastructure.Auth;

namespace BlendPos.Web.Features.Inventario;

public static class InventarioApi
{
    public static void MapInventarioApi(this RouteGroupBuilder v1)
    {
        var g = v1.MapGroup("/inventario");
        g.MapGet("/alertas", (InventarioService s, CancellationToken ct) => s.AlertasAsync(ct));
        g.MapGet("/kardex/{productoId:guid}", (Guid productoId, InventarioService s, CancellationToken ct) => s.KardexAsync(productoId, ct))
            .RequireAuthorization(Policies.Supervisor);

        var supervisor = g.MapGroup("").RequireAuthorization(Policies.Supervisor);
        supervisor.MapPost("/ajuste", (AjusteRequest body, InventarioService s, ClaimsPrincipal user, CancellationToken ct) =>
            s.AjustarAsync(body, user.RequiredUsuarioId(), ct));
        supervisor.MapPost("/desarme", (DesarmeRequest body, InventarioService s, ClaimsPrincipal user, CancellationToken ct) =>
            s.DesarmarAsync(body, user.RequiredUsuarioId(), ct));
    }
}
