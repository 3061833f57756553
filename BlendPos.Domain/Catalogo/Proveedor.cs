namespace BlendPos.Domain.Catalogo;

/// <summary>A supplier (seed 6.5).</summary>
public class Proveedor
{
    public Guid Id { get; set; }
    public string RazonSocial { get; set; } = "";
    /// <summary>11 digits, no dashes, valid check digit.</summary>
    public string Cuit { get; set; } = "";
    public string? Telefono { get; set; }
    public string? Email { get; set; }
    public string? Direccion { get; set; }
    public string? CondicionPago { get; set; }
    public bool Activo { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
