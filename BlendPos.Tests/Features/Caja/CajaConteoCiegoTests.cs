using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlendPos.Tests.Infrastructure;

namespace BlendPos.Tests.Features.Caja;

/// <summary>
/// Issue 16 A, the blind count against a dishonest client: until a drawer's count is declared, nothing its cashier can
/// read (the /v1/caja API, /caja, /ventas) adds up to what the system expects; sales show as tickets only. After the
/// count, everything. A supervisor reading someone else's drawer sees everything all the time.
/// </summary>
public sealed class CajaConteoCiegoTests(CajaAppFixture fx) : IClassFixture<CajaAppFixture>
{
    private BlendPosApp App => fx.App;

    /// <summary>
    /// A drawer with 1.000 opening cash, a manual ingreso of 150, a cash sale of 1.810 (paid 2.000), and a debit sale of
    /// 700 voided by a supervisor: expected 2.960 (cash 2.960, debit 0).
    /// </summary>
    private async Task<(Persona Cajero, Persona Supervisor, Guid Sesion, JsonElement VentaEfectivo)> CajaConVentasAsync()
    {
        var cajero = await fx.CajeroAsync();
        var supervisor = await fx.SupervisorAsync();
        var alfajor = await CajaKit.ProductoAsync(App, 1810m);
        var chicle = await CajaKit.ProductoAsync(App, 700m);
        var sesion = (await CajaKit.AbiertaAsync(cajero, 1000m)).Id();
        await CajaKit.IngresoAsync(cajero.Client, sesion, 150m);
        var venta = await CajaKit.VentaAsync(cajero.Client, sesion, alfajor, ("efectivo", 2000m));
        var anulada = await CajaKit.VentaAsync(cajero.Client, sesion, chicle, ("debito", 700m));
        await (await supervisor.Client.PostAsJsonAsync($"/v1/ventas/{anulada.Id()}/anular", new { motivo = "Cliente se arrepintió" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        return (cajero, supervisor, sesion, venta);
    }

    private static string[] Tipos(JsonElement movimientos) => movimientos.EnumerateArray().Select(m => m.Str("tipo")!).ToArray();

    [Fact]
    public async Task Until_the_count_a_cashier_reads_only_their_manual_movements_and_never_the_expected_amount()
    {
        var (cajero, supervisor, sesion, _) = await CajaConVentasAsync();
        string[] leaks = ["2960", "2.960", "1810", "1.810"];

        var propios = await (await cajero.Client.GetAsync($"/v1/caja/{sesion}/movimientos")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(["ingreso_manual"], Tipos(propios));
        foreach (var path in new[] { $"/v1/caja/{sesion}/movimientos", $"/v1/caja/{sesion}", "/v1/caja/actual", "/v1/caja/sesiones" })
        {
            var body = await (await cajero.Client.GetAsync(path)).Content.ReadAsStringAsync();
            foreach (var leak in leaks) Assert.DoesNotContain(leak, body);
        }
        Assert.Equal(JsonValueKind.Null, (await (await cajero.Client.GetAsync($"/v1/caja/{sesion}")).ShouldBeAsync(HttpStatusCode.OK))
            .GetProperty("monto_esperado").ValueKind);

        // Another supervisor sees it all while it is open.
        var todos = await (await supervisor.Client.GetAsync($"/v1/caja/{sesion}/movimientos")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(["ingreso_manual", "venta", "venta", "anulacion"], Tipos(todos));
        Assert.Equal(2960m, (await (await supervisor.Client.GetAsync($"/v1/caja/{sesion}")).ShouldBeAsync(HttpStatusCode.OK)).Dec("monto_esperado"));

        // Declared: now the cashier sees every movement and the expected amount.
        await (await CajaKit.ArqueoAsync(cajero.Client, sesion, 2960m)).ShouldBeAsync(HttpStatusCode.OK);
        var despues = await (await cajero.Client.GetAsync($"/v1/caja/{sesion}/movimientos")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(["ingreso_manual", "venta", "venta", "anulacion"], Tipos(despues));
        Assert.Equal(2960m, (await (await cajero.Client.GetAsync($"/v1/caja/{sesion}")).ShouldBeAsync(HttpStatusCode.OK)).Dec("monto_esperado"));
    }

    [Fact]
    public async Task A_supervisor_working_a_till_reads_none_of_its_sale_movements_until_the_count()
    {
        var supervisor = await fx.SupervisorAsync();
        var otro = await fx.SupervisorAsync();
        var codigo = await CajaKit.ProductoAsync(App, 500m);
        var sesion = (await CajaKit.AbiertaAsync(supervisor, 0m)).Id();
        await CajaKit.VentaAsync(supervisor.Client, sesion, codigo, ("efectivo", 500m));

        Assert.Empty(Tipos(await (await supervisor.Client.GetAsync($"/v1/caja/{sesion}/movimientos")).ShouldBeAsync(HttpStatusCode.OK)));
        Assert.Equal(["venta"], Tipos(await (await otro.Client.GetAsync($"/v1/caja/{sesion}/movimientos")).ShouldBeAsync(HttpStatusCode.OK)));

        await (await CajaKit.ArqueoAsync(supervisor.Client, sesion, 500m)).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(["venta"], Tipos(await (await supervisor.Client.GetAsync($"/v1/caja/{sesion}/movimientos")).ShouldBeAsync(HttpStatusCode.OK)));
    }

    [Fact]
    public async Task The_sales_list_api_gives_a_cashier_tickets_and_no_sums()
    {
        var (cajero, _, sesion, venta) = await CajaConVentasAsync();

        var page = await (await cajero.Client.GetAsync($"/v1/ventas?sesion_caja_id={sesion}")).ShouldBeAsync(HttpStatusCode.OK);

        // «total» is how many sales match, not money; every amount belongs to one ticket.
        Assert.Equal(["items", "page", "size", "total"], page.PropertyNames());
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        var ticket = Assert.Single(page.GetProperty("items").EnumerateArray(), v => v.Id() == venta.Id());
        Assert.Equal((1810m, 190m), (ticket.Dec("total"), ticket.Dec("vuelto")));
    }

    [Fact]
    public async Task The_caja_page_lists_no_sale_movements_of_an_open_drawer_and_says_why()
    {
        var (cajero, _, sesion, venta) = await CajaConVentasAsync();
        var ticket = $"{cajero.PuntoDeVenta:D4}-{venta.GetProperty("numero_ticket").GetInt64():D8}";
        using var web = await App.CookieClientAsync(cajero.Usuario, CajaKit.Password);

        var html = WebUtility.HtmlDecode(await web.GetStringAsync("/caja"));

        Assert.Contains("Movimiento de prueba", html); // the manual ingreso
        Assert.DoesNotContain($"Venta {ticket}", html);
        Assert.DoesNotContain("Anulación", html);
        Assert.Contains("Las ventas de esta caja se ven como tickets en <a href=\"/ventas\">Ventas</a>. Los totales se ven después del arqueo ciego.", html);
        Assert.Contains("1 movimiento(s)", html);

        await (await CajaKit.ArqueoAsync(cajero.Client, sesion, 2960m)).ShouldBeAsync(HttpStatusCode.OK);
        var detalle = WebUtility.HtmlDecode(await web.GetStringAsync($"/caja/sesiones/{sesion}"));
        Assert.Contains($"Venta {ticket}", detalle);
        Assert.Contains("Anulación: Cliente se arrepintió", detalle);
    }

    [Fact]
    public async Task The_ventas_page_shows_a_cashier_the_tickets_of_an_open_drawer_but_no_totals_until_the_count()
    {
        var (cajero, _, sesion, venta) = await CajaConVentasAsync();
        var ticket = $"{cajero.PuntoDeVenta:D4}-{venta.GetProperty("numero_ticket").GetInt64():D8}";
        using var web = await App.CookieClientAsync(cajero.Usuario, CajaKit.Password);

        var html = WebUtility.HtmlDecode(await web.GetStringAsync("/ventas"));

        Assert.Contains(ticket, html);
        Assert.Contains("$ 1.810,00", html); // the ticket's own total
        Assert.Contains($"/ventas/{venta.Id()}/ticket?print=1", html);
        Assert.DoesNotContain("data-total=", html);
        Assert.Contains("Los totales se ven después del arqueo ciego.", html);

        await (await CajaKit.ArqueoAsync(cajero.Client, sesion, 2960m)).ShouldBeAsync(HttpStatusCode.OK);
        var despues = WebUtility.HtmlDecode(await web.GetStringAsync($"/ventas?sesion={sesion}"));
        Assert.Contains("data-total=\"efectivo\"", despues);
        Assert.DoesNotContain("Los totales se ven después del arqueo ciego.", despues);
    }
}
