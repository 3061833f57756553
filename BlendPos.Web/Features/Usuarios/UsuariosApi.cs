using System.Security.Claims;
using BlendPos.Web.Infrastructure.Auth;

namespace BlendPos.Web.Features.Usuarios;

public static class UsuariosApi
{
    public static void MapUsuariosApi(this RouteGroupBuilder v1)
    {
        var g = v1.MapGroup("/usuarios").RequireAuthorization(Policies.Admin);

        g.MapGet("/", (string? q, bool? incluir_inactivos, int? page, int? size, UsuarioService s, CancellationToken ct) =>
            s.ListAsync(q, incluir_inactivos ?? true, page, size, ct));
        g.MapGet("/{id:guid}", (Guid id, UsuarioService s, CancellationToken ct) => s.GetAsync(id, ct));
        g.MapPost("/", async (UsuarioRequest body, UsuarioService s, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(body, user.RequiredUsuarioId(), ct);
            return Results.Created($"/v1/usuarios/{created.Id}", created);
        });
        g.MapPut("/{id:guid}", (Guid id, UsuarioRequest body, UsuarioService s, ClaimsPrincipal user, CancellationToken ct) =>
            s.UpdateAsync(id, body, user.RequiredUsuarioId(), ct));
        g.MapDelete("/{id:guid}", (Guid id, UsuarioService s, ClaimsPrincipal user, CancellationToken ct) =>
            s.DeactivateAsync(id, user.RequiredUsuarioId(), ct));
    }
}
