using BlendPos.Web.Infrastructure.Config;

namespace BlendPos.Web.Features.Shared;

/// <summary>
/// Who the shop is, as printed on every receipt header and on fiscal documents. One source for both: the till's
/// receipt and the invoice PDF read it through <see cref="IDatosComercio"/>.
/// </summary>
public sealed record DatosComercio(
    string NombreFantasia,
    string? RazonSocial,
    string? Domicilio,
    string? Cuit,
    /// <summary>«Responsable Inscripto» or «Monotributo», as printed; null while not configured.</summary>
    string? CondicionIva,
    string? IngresosBrutos,
    DateOnly? InicioActividades);

/// <summary>
/// Reads the shop's identity. The default reads the environment (<c>BLENDPOS_SHOP_*</c>); invoicing replaces it with
/// the issuer configured on its admin page, falling back to the environment for what is not set there.
/// </summary>
public interface IDatosComercio
{
    Task<DatosComercio> ObtenerAsync(CancellationToken ct);
}

public sealed class DatosComercioDesdeConfiguracion(BlendPosOptions options) : IDatosComercio
{
    public Task<DatosComercio> ObtenerAsync(CancellationToken ct) => Task.FromResult(new DatosComercio(
        options.ShopName, options.ShopRazonSocial, options.ShopDomicilio, options.ShopCuit, options.ShopCondicionIva,
        options.ShopIngresosBrutos, options.ShopInicioActividades));
}
