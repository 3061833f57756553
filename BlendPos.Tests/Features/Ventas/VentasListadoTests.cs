using System.Net;
using System.Net.Http.Json;
using BlendPos.Domain;
using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Usuarios;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Features.Caja;
using BlendPos.Web.Features.Ventas;
using BlendPos.Web.Infrastructure.Config;
using Microsoft.Extensions.DependencyInjection;

namespace BlendPos.Tests.Features.Ventas;

/// <summary>
/// The sales list's query (VentaService.Listado): a cashier's rows are their own, a supervisor's filters (cajero, punto
/// de venta, estado, session, Argentina dates) narrow rows and totals alike, and the totals cover the whole filtered set:
/// sold = completed only, voided apart, per payment method with cash net of change. Each test has its own puntos de venta.
/// </summary>
public sealed class VentasListadoTests(QuickAppFixture fx) : IClassFixture<QuickAppFixture>
{
    private BlendPosApp App => fx.App;

    private static int _seq;

    private static string Ean13() { var d = $"7798{Interlocked.Increment(ref _seq):D8}"; return d + Gtin.ComputeCheckDigit(d); }

    private sealed record Cajero(Guid Id, HttpClient Client, Guid Sesion, int Pdv);

    private async Task<string> ProductoAsync(HttpClient admin, decimal precio)
    {
        var codigo = Ean13();
        await (await admin.PostAsJsonAsync("/v1/productos", new
        {
            codigo_barras = codigo, nombre = "Producto " + codigo, categoria = "Golosinas",
            precio_costo = Math.Round(precio * 0.7m, 2), precio_venta = precio, stock_actual = 100,
        })).ShouldBeAsync(HttpStatusCode.Created);
        return codigo;
    }

    private async Task<Cajero> CajeroAsync(int pdv)
    {
        var user = $"lis{pdv}.{Guid.NewGuid():N}"[..20];
        var id = await App.CreateUserAsync(user, "cajero", puntoDeVenta: pdv);
        var client = await App.ClientAsAsync(user, "clave-1234");
        var sesion = await (await client.PostAsJsonAsync("/v1/caja/abrir", new { monto_inicial = 1000m })).ShouldBeAsync(HttpStatusCode.Created);
        return new Cajero(id, client, sesion.GetProperty("id").GetGuid(), pdv);
    }

    private static async Task<Guid> VenderAsync(Cajero c, string codigo, int cantidad, params (string Metodo, decimal Monto)[] pagos)
    {
        var venta = await (await c.Client.PostAsJsonAsync("/v1/ventas", new
        {
            sesion_caja_id = c.Sesion, items = new[] { new { barcode = codigo, cantidad } },
            pagos = pagos.Select(p => new { metodo = p.Metodo, monto = p.Monto }).ToArray(),
        })).ShouldBeAsync(HttpStatusCode.Created);
        return venta.GetProperty("id").GetGuid();
    }

    private async Task<VentasListado> ListadoAsync(VentaListadoFiltro f, Actor actor, int size = 50)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var s = scope.ServiceProvider;
        return await s.GetRequiredService<VentaService>().ListadoAsync(f, actor, s.GetRequiredService<BlendPosOptions>(), 1, size);
    }

    private async Task AnularAsync(Guid venta, Actor supervisor, string motivo)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<VentaService>().AnularAsync(venta, new AnularRequest(motivo), supervisor);
    }

    private async Task<Actor> SupervisorAsync() =>
        new(await App.CreateUserAsync($"sup.{Guid.NewGuid():N}"[..20], "supervisor"), Roles.Supervisor);

    [Fact]
    public async Task A_cashier_sees_only_their_own_sales_and_once_counted_totals_net_of_change()
    {
        using var admin = await App.AdminAsync();
        var codigo = await ProductoAsync(admin, 1250.50m);
        var ana = await CajeroAsync(301);
        var beto = await CajeroAsync(302);
        await VenderAsync(ana, codigo, 2, ("efectivo", 5000m));                    // 2501, change 2499
        await VenderAsync(ana, codigo, 1, ("debito", 1000m), ("efectivo", 500m));  // 1250,50, change 249,50
        await VenderAsync(beto, codigo, 3, ("credito", 3751.50m));

        var actor = new Actor(ana.Id, Roles.Cajero);
        var filtros = new[] { new VentaListadoFiltro(), new VentaListadoFiltro(UsuarioId: beto.Id), new VentaListadoFiltro(SesionCajaId: ana.Sesion) };
        // Blind count: while her drawer is open, her sales without any sum.
        foreach (var filtro in filtros)
        {
            var l = await ListadoAsync(filtro, actor);
            Assert.Equal(2, l.Pagina.Total);
            Assert.Null(l.Totales);
        }
        var rows = (await ListadoAsync(new VentaListadoFiltro(), actor)).Pagina.Items;
        Assert.Equal(["0301-00000002", "0301-00000001"], rows.Select(r => r.Ticket));
        Assert.Equal([MetodoPago.Efectivo, MetodoPago.Debito], rows[0].Metodos);
        Assert.Equal(1, rows[0].Unidades);
        Assert.Equal(2, rows[1].Unidades);
        Assert.Equal([1250.50m, 2501m], rows.Select(r => r.Total)); // each ticket keeps its own total
        Assert.True(rows[0].SesionAbierta);

        await (await ana.Client.PostAsJsonAsync("/v1/caja/arqueo", new
        {
            sesion_caja_id = ana.Sesion, declaracion = new { efectivo = 3751.50m, debito = 1000m, credito = 0m, transferencia = 0m },
        })).ShouldBeAsync(HttpStatusCode.OK);
        // Even asking for everything (or for another cashier), a cashier gets their own sales only.
        foreach (var filtro in filtros)
        {
            var l = await ListadoAsync(filtro, actor);
            Assert.Equal(2, l.Pagina.Total);
            Assert.All(l.Pagina.Items, f => Assert.Equal("0301", f.Ticket[..4]));
            Assert.NotNull(l.Totales);
            Assert.Equal(3751.50m, l.Totales.TotalVendido);
            Assert.Equal(0m, l.Totales.TotalAnulado);
            Assert.Equal([new MetodoTotal(MetodoPago.Efectivo, 2751.50m), new MetodoTotal(MetodoPago.Debito, 1000m)], l.Totales.PorMetodo);
        }
        Assert.Empty((await ListadoAsync(new VentaListadoFiltro(SesionCajaId: beto.Sesion), actor)).Pagina.Items);
        Assert.False((await ListadoAsync(new VentaListadoFiltro(), actor)).Pagina.Items[0].SesionAbierta);
    }

    [Fact]
    public async Task A_supervisor_filters_by_cajero_pdv_and_estado_and_voided_sales_leave_the_sold_total()
    {
        using var admin = await App.AdminAsync();
        var codigo = await ProductoAsync(admin, 1000m);
        var carla = await CajeroAsync(311);
        var dani = await CajeroAsync(312);
        var v1 = await VenderAsync(carla, codigo, 1, ("efectivo", 1000m));
        await VenderAsync(carla, codigo, 2, ("transferencia", 2000m));
        await VenderAsync(dani, codigo, 5, ("debito", 5000m));
        var sup = await SupervisorAsync();
        await AnularAsync(v1, sup, "Cliente se arrepintió");

        var deCarla = await ListadoAsync(new VentaListadoFiltro(UsuarioId: carla.Id), sup);
        Assert.NotNull(deCarla.Totales); // another user's open drawer: a supervisor sees its sums
        Assert.Equal(2, deCarla.Totales.Cantidad);
        Assert.Equal(1, deCarla.Totales.Completadas);
        Assert.Equal(1, deCarla.Totales.Anuladas);
        Assert.Equal(2000m, deCarla.Totales.TotalVendido);
        Assert.Equal(1000m, deCarla.Totales.TotalAnulado);
        Assert.Equal([new MetodoTotal(MetodoPago.Transferencia, 2000m)], deCarla.Totales.PorMetodo);
        var anulada = Assert.Single(deCarla.Pagina.Items, f => f.Estado == EstadoVenta.Anulada);
        Assert.Equal(v1, anulada.Id);
        Assert.Equal("Cliente se arrepintió", anulada.MotivoAnulacion);
        Assert.StartsWith("sup.", anulada.AnuladaPor);
        Assert.StartsWith("lis311", anulada.Cajero);

        var anuladas = await ListadoAsync(new VentaListadoFiltro(UsuarioId: carla.Id, Estado: EstadoVenta.Anulada), sup);
        Assert.Equal([v1], anuladas.Pagina.Items.Select(f => f.Id));
        Assert.NotNull(anuladas.Totales);
        Assert.Equal(0m, anuladas.Totales.TotalVendido);
        Assert.Empty(anuladas.Totales.PorMetodo);

        var pdv = await ListadoAsync(new VentaListadoFiltro(PuntoDeVenta: 312), sup);
        Assert.Equal(5000m, Assert.Single(pdv.Pagina.Items).Total);
        Assert.NotNull(pdv.Totales);
        Assert.Equal(5000m, pdv.Totales.TotalVendido);

        var sesion = await ListadoAsync(new VentaListadoFiltro(SesionCajaId: dani.Sesion, Estado: EstadoVenta.Completada), sup);
        Assert.Single(sesion.Pagina.Items);
    }

    [Fact]
    public async Task Dates_are_Argentina_days_totals_cover_every_page_and_conflicts_filter()
    {
        using var admin = await App.AdminAsync();
        var codigo = await ProductoAsync(admin, 100m);
        var eva = await CajeroAsync(321);
        for (var i = 0; i < 3; i++) await VenderAsync(eva, codigo, 1, ("efectivo", 100m));
        var sup = await SupervisorAsync();
        var hoy = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
            TimeZoneInfo.FindSystemTimeZoneById("America/Argentina/Buenos_Aires")).DateTime);

        var pagina = await ListadoAsync(new VentaListadoFiltro(Desde: hoy, Hasta: hoy, PuntoDeVenta: 321), sup, size: 2);
        Assert.Equal(2, pagina.Pagina.Items.Count);
        Assert.Equal(3, pagina.Pagina.Total);
        Assert.NotNull(pagina.Totales);
        Assert.Equal(300m, pagina.Totales.TotalVendido); // the whole filtered set, not the page
        Assert.Empty((await ListadoAsync(new VentaListadoFiltro(Hasta: hoy.AddDays(-1), PuntoDeVenta: 321), sup)).Pagina.Items);
        Assert.Empty((await ListadoAsync(new VentaListadoFiltro(Desde: hoy.AddDays(1), PuntoDeVenta: 321), sup)).Pagina.Items);
        Assert.Empty((await ListadoAsync(new VentaListadoFiltro(PuntoDeVenta: 321, ConConflictos: true), sup)).Pagina.Items);
    }

    [Fact]
    public async Task Session_selector_lists_a_cashiers_own_sessions_and_everyones_for_a_supervisor()
    {
        var f = await CajeroAsync(331);
        var g = await CajeroAsync(332);
        var sup = await SupervisorAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var ventas = scope.ServiceProvider.GetRequiredService<VentaService>();

        var propias = await ventas.SesionesParaListadoAsync(new Actor(f.Id, Roles.Cajero), usuarioId: g.Id);
        Assert.Equal([f.Sesion], propias.Select(s => s.Id));
        var deG = await ventas.SesionesParaListadoAsync(sup, g.Id);
        Assert.Equal([g.Sesion], deG.Select(s => s.Id));
        var todas = await ventas.SesionesParaListadoAsync(sup, null, take: 100);
        Assert.Contains(todas, s => s.Id == f.Sesion && s.PuntoDeVenta == 331 && s.Estado == EstadoSesionCaja.Abierta);
        Assert.Contains(todas, s => s.Id == g.Sesion);
    }

    [Fact]
    public async Task The_page_lists_a_cashiers_session_and_a_second_void_is_refused_in_spanish()
    {
        using var admin = await App.AdminAsync();
        var codigo = await ProductoAsync(admin, 700m);
        var user = $"pag.{Guid.NewGuid():N}"[..20];
        var id = await App.CreateUserAsync(user, "cajero", puntoDeVenta: 341);
        var api = await App.ClientAsAsync(user, "clave-1234");
        var sesion = (await (await api.PostAsJsonAsync("/v1/caja/abrir", new { monto_inicial = 0m })).ShouldBeAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var venta = await VenderAsync(new Cajero(id, api, sesion, 341), codigo, 2, ("efectivo", 2000m));

        using var web = await App.CookieClientAsync(user, "clave-1234");
        var html = WebUtility.HtmlDecode(await web.GetStringAsync("/ventas"));
        Assert.Contains("0341-00000001", html);
        Assert.Contains($"/ventas/{venta}/ticket?print=1", html);
        Assert.Contains("$ 1.400,00", html);
        Assert.DoesNotContain("Confirmar anulación", html); // cashiers do not void from the list

        var supUser = $"psup.{Guid.NewGuid():N}"[..20];
        await App.CreateUserAsync(supUser, "supervisor");
        using var sup = await App.CookieClientAsync(supUser, "clave-1234");
        var page = await sup.GetStringAsync("/ventas?pdv=341");
        var token = Http.HiddenInput(page, "__RequestVerificationToken");
        HttpRequestMessage Anular(string motivo) => new(HttpMethod.Post, "/ventas?handler=Anular")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["venta_id"] = venta.ToString(), ["motivo"] = motivo, ["pdv"] = "341", ["__RequestVerificationToken"] = token,
            }),
            Headers = { { "HX-Request", "true" } },
        };
        var sinMotivo = await sup.SendAsync(Anular(" "));
        Assert.Equal((HttpStatusCode)422, sinMotivo.StatusCode);
        Assert.Contains("Indicá el motivo de la anulación.", WebUtility.HtmlDecode(await sinMotivo.Content.ReadAsStringAsync()));

        var ok = await sup.SendAsync(Anular("Error de carga"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var tabla = WebUtility.HtmlDecode(await ok.Content.ReadAsStringAsync());
        Assert.Contains("Venta 0341-00000001 anulada.", tabla);
        Assert.Contains("Error de carga", tabla);

        var otra = await sup.SendAsync(Anular("Otra vez"));
        Assert.Equal((HttpStatusCode)422, otra.StatusCode);
        Assert.Contains("La venta ya está anulada.", WebUtility.HtmlDecode(await otra.Content.ReadAsStringAsync()));
    }
}
