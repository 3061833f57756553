using BlendPos.Web.Data;
using BlendPos.Web.Features.Catalogo;
using BlendPos.Web.Infrastructure.Config;

namespace BlendPos.Web.Features.Ventas;

/// <summary>
/// The sales of the shop. One partial file per operation, named as a newcomer would search for it:
/// <list type="bullet">
/// <item><c>RegistrarVenta.cs</c> (+ <c>.Sql.cs</c>, its statements): registrar_venta, online and offline, one transaction.</item>
/// <item><c>ValidarVenta.cs</c>: the shape of a sale request (both endpoints) before any database work.</item>
/// <item><c>SincronizarVentas.cs</c>: POST /v1/ventas/sync-batch, the terminal's outbox.</item>
/// <item><c>AnularVenta.cs</c>: a supervisor's void.</item>
/// <item><c>ConsultarVentas.cs</c> and <c>ListarVentas.cs</c>: reading one sale, a page of them, the /ventas list.</item>
/// </list>
/// The arithmetic and the rules are the domain's (<c>BlendPos.Domain.Ventas</c>: VentaRules, VentaOfflineRules,
/// Carrito, PackPlan; <c>BlendPos.Domain.Caja.SesionDeVentaRules</c>). Writes go as Npgsql batches (docs/ARCHITECTURE.md).
/// </summary>
public sealed partial class VentaService(
    BlendPosDb db, CatalogCache cache, TimeProvider clock, BlendPosOptions options,
    AutorizacionSupervisor autorizaciones, Aprobadores aprobadores, Facturacion.Emision.ColaEmision cola,
    Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<VentaService> logger);
