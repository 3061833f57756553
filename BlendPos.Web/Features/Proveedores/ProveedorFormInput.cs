namespace BlendPos.Web.Features.Proveedores;

/// <summary>The supplier form as posted; the service validates it (same rules as /v1/proveedores).</summary>
public sealed class ProveedorFormInput
{
    public string? RazonSocial { get; set; }
    public string? Cuit { get; set; }
    public string? Telefono { get; set; }
    public string? Email { get; set; }
    public string? Direccion { get; set; }
    public string? CondicionPago { get; set; }
    public bool Activo { get; set; } = true;

    // Empty strings, not nulls: on update an empty optional field clears it (null would keep the old value).
    public ProveedorRequest ToRequest() =>
        new(RazonSocial ?? "", Cuit ?? "", Telefono ?? "", Email ?? "", Direccion ?? "", CondicionPago ?? "", Activo);

    public static ProveedorFormInput From(ProveedorDto p) => new()
    {
        RazonSocial = p.RazonSocial, Cuit = Domain.Facturacion.Cuit.Format(p.Cuit), Telefono = p.Telefono, Email = p.Email,
        Direccion = p.Direccion, CondicionPago = p.CondicionPago, Activo = p.Activo,
    };
}
