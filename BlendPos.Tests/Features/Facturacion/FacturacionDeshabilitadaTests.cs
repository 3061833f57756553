using System.Net;
using System.Net.Http.Json;
using BlendPos.Tests.Features.Caja;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Features.Facturacion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BlendPos.Tests.Features.Facturacion.FacturacionKit;

namespace BlendPos.Tests.Features.Facturacion;

/// <summary>The start state: no configuration means internal tickets only; nothing is invoiced, created or processed.</summary>
public sealed class FacturacionDeshabilitadaTests(CajaAppFixture fx) : IClassFixture<CajaAppFixture>
{
    [Fact]
    public async Task Without_configuration_no_comprobante_is_created_and_the_till_offers_none()
    {
        var app = fx.App;
        var cajero = await fx.CajeroAsync();
        var sesion = (await CajaKit.AbiertaAsync(cajero)).Id();
        var codigo = await ProductoAsync(app, 100m);

        var r = await cajero.Client.PostAsJsonAsync("/v1/ventas", new
        {
            sesion_caja_id = sesion, items = new[] { new { barcode = codigo, cantidad = 1 } },
            pagos = new[] { new { metodo = "efectivo", monto = 100m } }, comprobante = new { tipo = "factura_b" },
        });
        var p = await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(NuevoComprobante.Deshabilitada, p.Str("detail"));

        var venta = await VenderAsync(cajero, sesion, [(codigo, 1)], null);
        Assert.Equal(1, venta.GetProperty("numero_ticket").GetInt64()); // the refused one took no ticket number
        await (await cajero.Client.PostAsJsonAsync("/v1/facturas", new { venta_id = venta.Id(), tipo = "factura_b" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.False(await app.WithDbAsync(db => db.Comprobantes.AnyAsync()));
        Assert.Equal(0, await app.BarrerAsync());

        var pos = await (await app.CookieClientAsync(cajero.Usuario, CajaKit.Password)).GetStringAsync("/pos");
        Assert.DoesNotContain("data-cobro-factura", pos);
        var admin = await app.CookieClientAsync(BlendPos.Web.Data.DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword);
        Assert.Contains("está <strong>deshabilitada</strong>", await admin.GetStringAsync("/facturacion/configuracion"));
        using var scope = app.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<BlendPos.Web.Features.Facturacion.Configuracion.ConfiguracionFacturacionService>().EmisorAsync());
    }
}
