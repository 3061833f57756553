namespace BlendPos.Web.Features.Usuarios;

/// <summary>The users form as posted; the service validates it (same rules as /v1/usuarios).</summary>
public sealed class UsuarioFormInput
{
    public string? Username { get; set; }
    public string? Email { get; set; }
    public string? NombreCompleto { get; set; }
    public string? Rol { get; set; } = BlendPos.Domain.Usuarios.Roles.Cajero;
    public int? PuntoDeVenta { get; set; } = 1;
    public string? Password { get; set; }
    public bool Activo { get; set; } = true;

    public UsuarioRequest ToRequest() => new(Username, Email ?? "", NombreCompleto ?? "", Rol, PuntoDeVenta, Password, Activo);

    public static UsuarioFormInput From(UsuarioDto u) => new()
    {
        Username = u.Username, Email = u.Email, NombreCompleto = u.NombreCompleto, Rol = u.Rol,
        PuntoDeVenta = u.PuntoDeVenta, Activo = u.Activo,
    };
}
