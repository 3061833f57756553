using BlendPos.Domain.Usuarios;
using BlendPos.Web.Infrastructure.Auth;

namespace BlendPos.Web.Features.Shared;

/// <summary>
/// Who is calling: id and role, read once from the page cookie or the bearer token. Every service method takes one, so
/// the pages and /v1 pass the same thing and the rules never read HTTP.
/// </summary>
public sealed record Actor(Guid Id, string Rol)
{
    public static Actor From(System.Security.Claims.ClaimsPrincipal user) =>
        new(Policies.RequiredUsuarioId(user), Policies.Rol(user) ?? Roles.Cajero);

    public bool EsSupervisor => Roles.AtLeast(Rol, Roles.Supervisor);
}
