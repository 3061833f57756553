using System.Security.Claims;
using System.Text.Json;
using BlendPos.Domain;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;

namespace BlendPos.Web.Features.Caja;

public static class CajaApi
{
    public static void MapCajaApi(this RouteGroupBuilder v1)
    {
        var g = v1.MapGroup("/caja"); // cajero and up
        g.MapPost("/abrir", async (AbrirCajaRequest body, CajaService s, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var sesion = await s.AbrirAsync(body, Actor.From(user), ct);
            return Results.Created($"/v1/caja/{sesion.Id}", sesion);
        });
        g.MapGet("/actual", (CajaService s, ClaimsPrincipal user, CancellationToken ct) => s.ActualAsync(Actor.From(user), ct));
        // estado arrives as the API spells it ("pendiente_cierre"); route binding would only take the C# name.
        g.MapGet("/sesiones", (DateOnly? desde, DateOnly? hasta, Guid? usuario_id, int? punto_de_venta, string? estado,
                int? page, int? size, CajaService s, BlendPosOptions options, ClaimsPrincipal user, CancellationToken ct) =>
            s.ListAsync(new SesionFiltro(desde, hasta, usuario_id, punto_de_venta, ParseEstado(estado)), Actor.From(user), options, page, size, ct));
        g.MapGet("/{id:guid}", (Guid id, CajaService s, ClaimsPrincipal user, CancellationToken ct) => s.GetAsync(id, Actor.From(user), ct));
        g.MapGet("/{id:guid}/movimientos", (Guid id, CajaService s, ClaimsPrincipal user, CancellationToken ct) =>
            s.MovimientosAsync(id, Actor.From(user), ct));
        g.MapPost("/movimiento", async (MovimientoRequest body, CajaService s, ClaimsPrincipal user, CancellationToken ct) =>
            Results.Created("/v1/caja/" + body.SesionCajaId, await s.RegistrarMovimientoAsync(body, Actor.From(user), ct)));
        g.MapPost("/arqueo", (ArqueoRequest body, CajaService s, ClaimsPrincipal user, CancellationToken ct) =>
            s.ArqueoAsync(body, Actor.From(user), ct));
        g.MapPost("/cerrar", (CerrarCajaRequest body, CajaService s, ClaimsPrincipal user, CancellationToken ct) =>
                s.CerrarAsync(body, Actor.From(user), ct))
            .RequireAuthorization(Policies.Supervisor);
    }

    private static EstadoSesionCaja? ParseEstado(string? estado)
    {
        if (string.IsNullOrWhiteSpace(estado)) return null;
        foreach (var e in Enum.GetValues<EstadoSesionCaja>())
            if (JsonNamingPolicy.SnakeCaseLower.ConvertName(e.ToString()) == estado.Trim()) return e;
        throw new ValidationException("estado", "El estado debe ser abierta, pendiente_cierre o cerrada.");
    }
}
