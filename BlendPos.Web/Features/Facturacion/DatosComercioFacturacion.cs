using BlendPos.Domain;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Shared;
using BlendPos.Web.Infrastructure.Config;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Facturacion;

/// <summary>
/// The shop's identity from the issuer configured for invoicing, each field falling back to <c>BLENDPOS_SHOP_*</c>
/// when the page left it empty (or there is no configuration yet). The trade name stays BLENDPOS_SHOP_NAME.
/// </summary>
public sealed class DatosComercioFacturacion(IServiceScopeFactory scopes, BlendPosOptions options) : IDatosComercio
{
    public async Task<DatosComercio> ObtenerAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var c = await scope.ServiceProvider.GetRequiredService<BlendPosDb>().ConfiguracionFacturacion.AsNoTracking().FirstOrDefaultAsync(ct);
        return new DatosComercio(
            options.ShopName,
            c?.RazonSocial ?? options.ShopRazonSocial,
            c?.Domicilio ?? options.ShopDomicilio,
            c?.Cuit ?? options.ShopCuit,
            c?.CondicionIva is { } iva ? CondicionIvaTexto(iva) : options.ShopCondicionIva,
            c?.IngresosBrutos ?? options.ShopIngresosBrutos,
            c?.InicioActividades ?? options.ShopInicioActividades);
    }

    /// <summary>The legend printed on receipts and invoices.</summary>
    public static string CondicionIvaTexto(CondicionIvaEmisor c) => c switch
    {
        CondicionIvaEmisor.Monotributo => "Responsable Monotributo",
        _ => "IVA Responsable Inscripto",
    };
}
