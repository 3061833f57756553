using Microsoft.AspNetCore.Identity;

namespace BlendPos.Web.Data;

/// <summary>The seed's <c>usuarios</c> table as the Identity user. The role lives in Identity's user-role table.</summary>
public class Usuario : IdentityUser<Guid>
{
    public string NombreCompleto { get; set; } = "";
    /// <summary>The punto de venta the user sells at by default (AFIP point of sale number).</summary>
    public int? PuntoDeVenta { get; set; }
    public bool Activo { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A single-use refresh token; only its SHA-256 hash is stored.</summary>
public class RefreshToken
{
    public Guid Id { get; set; }
    public Guid UsuarioId { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>Set when it was exchanged; a second use is refused (and revokes the family).</summary>
    public DateTimeOffset? UsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
