using BlendPos.Domain.Usuarios;
using Microsoft.AspNetCore.Authorization;

namespace BlendPos.Web.Infrastructure.Auth;

/// <summary>
/// One policy per role, honouring the order admin ≥ supervisor ≥ cajero: the "cajero" policy admits all three.
/// </summary>
public static class Policies
{
    public const string Cajero = Roles.Cajero;
    public const string Supervisor = Roles.Supervisor;
    public const string Admin = Roles.Admin;

    /// <summary>Claim types shared by cookie and bearer principals, so one check works for both.</summary>
    public const string RoleClaim = "role";
    public const string NameClaim = "name";
    public const string UserIdClaim = "sub";
    public const string PuntoDeVentaClaim = "punto_de_venta";

    public static void AddRolePolicies(this AuthorizationOptions options)
    {
        foreach (var role in Roles.All)
        {
            options.AddPolicy(role, p => p
                .RequireAuthenticatedUser()
                .RequireAssertion(ctx => Roles.AtLeast(ctx.User.Rol(), role)));
        }
    }

    public static string? Rol(this System.Security.Claims.ClaimsPrincipal user) =>
        Roles.Highest(user.FindAll(RoleClaim).Select(c => c.Value));

    public static Guid? UsuarioId(this System.Security.Claims.ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(UserIdClaim)?.Value, out var id) ? id : null;

    public static Guid RequiredUsuarioId(this System.Security.Claims.ClaimsPrincipal user) =>
        user.UsuarioId() ?? throw new InvalidOperationException("Authenticated principal without a user id.");

    public static bool IsAtLeast(this System.Security.Claims.ClaimsPrincipal user, string role) => Roles.AtLeast(user.Rol(), role);
}
