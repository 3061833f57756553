using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlendPos.Domain;
using BlendPos.Tests.Features.Catalogo;
using BlendPos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Tests.Features.Inventario;

/// <summary>/v1/inventario: adjustments, manual pack breaking, alerts and the kardex over the stock ledger.</summary>
public sealed class InventarioApiTests(CatalogoAppFixture fx) : IClassFixture<CatalogoAppFixture>
{
    private BlendPosApp App => fx.App;

    // ---------------------------------------------------------------- ajuste

    [Fact]
    public async Task Supervisor_adjusts_stock_up_and_down_with_a_reason_and_the_scan_sees_it_at_once()
    {
        var admin = await fx.AdminAsync();
        var supervisor = await fx.SupervisorAsync();
        var p = await Kit.CreateAsync(admin, stock: 0);
        await (await admin.GetAsync($"/v1/productos/barcode/{p.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK); // cached at 0

        var up = await (await AjusteAsync(supervisor, p.Id(), 10, "Ingreso de mercadería")).ShouldBeAsync(HttpStatusCode.OK);
        var down = await (await AjusteAsync(supervisor, p.Id(), -3, "Rotura")).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(["codigo_barras", "nombre", "producto_id", "stock_actual"], up.PropertyNames());
        Assert.Equal(p.Id(), up.GetProperty("producto_id").GetGuid());
        Assert.Equal(10, up.GetProperty("stock_actual").GetInt32());
        Assert.Equal(7, down.GetProperty("stock_actual").GetInt32());
        Assert.Equal(7, await StockAsync(p.Id()));
        var scanned = await (await admin.GetAsync($"/v1/productos/barcode/{p.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(7, scanned.GetProperty("stock_actual").GetInt32());
        var lines = await LedgerAsync(p.Id());
        Assert.Equal([(TipoMovimientoStock.Ajuste, 10, 10, "Ingreso de mercadería"), (TipoMovimientoStock.Ajuste, -3, 7, "Rotura")],
            lines.Select(l => (l.Tipo, l.Cantidad, l.StockResultante, l.Motivo)).ToArray());
    }

    [Fact]
    public async Task An_admin_may_adjust_too()
    {
        var p = await Kit.CreateAsync(await fx.AdminAsync(), stock: 1);
        var json = await (await AjusteAsync(await fx.AdminAsync(), p.Id(), 2, "Recuento")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(3, json.GetProperty("stock_actual").GetInt32());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_adjustment_without_a_reason_is_400_on_motivo(string? motivo)
    {
        var p = await Kit.CreateAsync(await fx.AdminAsync(), stock: 4);

        var problem = await (await AjusteAsync(await fx.SupervisorAsync(), p.Id(), 1, motivo)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["motivo"], problem.GetProperty("errors").PropertyNames());
        Assert.Equal(4, await StockAsync(p.Id()));
        Assert.Single(await LedgerAsync(p.Id())); // the opening stock only
    }

    [Fact]
    public async Task An_adjustment_of_zero_or_without_product_is_400()
    {
        var supervisor = await fx.SupervisorAsync();
        var p = await Kit.CreateAsync(await fx.AdminAsync());

        var zero = await (await AjusteAsync(supervisor, p.Id(), 0, "Nada")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["cantidad"], zero.GetProperty("errors").PropertyNames());
        var noProduct = await (await supervisor.PostAsJsonAsync("/v1/inventario/ajuste", new { cantidad = 1, motivo = "x" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["producto_id"], noProduct.GetProperty("errors").PropertyNames());
        await (await AjusteAsync(supervisor, Guid.NewGuid(), 1, "x")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_adjustment_that_would_leave_negative_stock_is_409_and_writes_nothing()
    {
        var p = await Kit.CreateAsync(await fx.AdminAsync(), stock: 2);

        var problem = await (await AjusteAsync(await fx.SupervisorAsync(), p.Id(), -3, "Robo")).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("insuficiente", problem.GetProperty("detail").GetString());
        Assert.Equal(2, await StockAsync(p.Id()));
        var line = Assert.Single(await LedgerAsync(p.Id()));
        Assert.Equal(TipoMovimientoStock.Alta, line.Tipo);
    }

    [Fact]
    public async Task A_positive_adjustment_is_accepted_while_offline_oversales_left_the_stock_negative()
    {
        var p = await Kit.CreateAsync(await fx.AdminAsync(), stock: 0);
        await SetStockBehindTheLedgerAsync(p.Id(), -4); // what an offline oversale leaves (API.md: stock may go negative)

        var json = await (await AjusteAsync(await fx.SupervisorAsync(), p.Id(), 1, "Apareció una unidad")).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(-3, json.GetProperty("stock_actual").GetInt32());
        // Lowering it further is still refused.
        await (await AjusteAsync(await fx.SupervisorAsync(), p.Id(), -1, "Rotura")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(-3, await StockAsync(p.Id()));
    }

    [Fact]
    public async Task A_cajero_may_not_adjust_or_break_packs()
    {
        var cajero = await fx.CajeroAsync();
        var p = await Kit.CreateAsync(await fx.AdminAsync(), stock: 3);

        await (await AjusteAsync(cajero, p.Id(), 5, "Quiero")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await DesarmeAsync(cajero, p.Id(), 1)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await cajero.GetAsync($"/v1/inventario/kardex/{p.Id()}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await App.Client().PostAsJsonAsync("/v1/inventario/ajuste", new { producto_id = p.Id(), cantidad = 5, motivo = "x" }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(3, await StockAsync(p.Id()));
    }

    [Fact]
    public async Task Eight_parallel_adjustments_of_one_lose_no_update()
    {
        var p = await Kit.CreateAsync(await fx.AdminAsync(), stock: 5);
        var supervisor = await fx.SupervisorAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => AjusteAsync(supervisor, p.Id(), 1, $"Paralelo {i}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(13, await StockAsync(p.Id()));
        var ajustes = (await LedgerAsync(p.Id())).Where(l => l.Tipo == TipoMovimientoStock.Ajuste).ToList();
        Assert.Equal(8, ajustes.Count);
        Assert.Equal(Enumerable.Range(6, 8), ajustes.Select(l => l.StockResultante)); // in ledger order, one step each
    }

    [Fact]
    public async Task Parallel_decrements_stop_exactly_at_zero()
    {
        var p = await Kit.CreateAsync(await fx.AdminAsync(), stock: 5);
        var supervisor = await fx.SupervisorAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => AjusteAsync(supervisor, p.Id(), -1, $"Merma {i}")));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(0, await StockAsync(p.Id()));
        Assert.Equal(5, (await LedgerAsync(p.Id())).Count(l => l.Tipo == TipoMovimientoStock.Ajuste));
    }

    // ---------------------------------------------------------------- desarme

    [Fact]
    public async Task Breaking_one_pack_moves_its_units_to_the_child()
    {
        var admin = await fx.AdminAsync();
        var caja = await Kit.CreateAsync(admin, nombre: "Caja alfajores x12 " + Kit.Tag(), stock: 2);
        var unidad = await Kit.CreateAsync(admin, nombre: "Alfajor unidad " + Kit.Tag(), stock: 0);
        await (await Kit.LinkAsync(admin, caja.Id(), unidad.Id(), 12, desarmeAuto: false)).ShouldBeAsync(HttpStatusCode.Created);
        await (await admin.GetAsync($"/v1/productos/barcode/{unidad.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK); // cached at 0

        var json = await (await DesarmeAsync(await fx.SupervisorAsync(), caja.Id(), 1)).ShouldBeAsync(HttpStatusCode.OK);

        var productos = json.GetProperty("productos").EnumerateArray().ToList();
        Assert.Equal([caja.Id(), unidad.Id()], productos.Select(x => x.GetProperty("producto_id").GetGuid()));
        Assert.Equal([1, 12], productos.Select(x => x.GetProperty("stock_actual").GetInt32()));
        Assert.Equal(1, await StockAsync(caja.Id()));
        Assert.Equal(12, await StockAsync(unidad.Id()));
        var scanned = await (await admin.GetAsync($"/v1/productos/barcode/{unidad.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(12, scanned.GetProperty("stock_actual").GetInt32());
        Assert.Equal((TipoMovimientoStock.DesarmeSalida, -1, 1), Last(await LedgerAsync(caja.Id())));
        Assert.Equal((TipoMovimientoStock.DesarmeEntrada, 12, 12), Last(await LedgerAsync(unidad.Id())));

        static (TipoMovimientoStock, int, int) Last(List<LedgerLine> l) => (l[^1].Tipo, l[^1].Cantidad, l[^1].StockResultante);
    }

    [Fact]
    public async Task Breaking_more_packs_than_there_are_is_409_and_changes_nothing()
    {
        var admin = await fx.AdminAsync();
        var caja = await Kit.CreateAsync(admin, stock: 2);
        var unidad = await Kit.CreateAsync(admin, stock: 0);
        await (await Kit.LinkAsync(admin, caja.Id(), unidad.Id(), 12)).ShouldBeAsync(HttpStatusCode.Created);

        await (await DesarmeAsync(await fx.SupervisorAsync(), caja.Id(), 3)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(2, await StockAsync(caja.Id()));
        Assert.Equal(0, await StockAsync(unidad.Id()));
        Assert.Empty(await LedgerAsync(unidad.Id()));
    }

    [Fact]
    public async Task Breaking_a_product_that_is_not_a_pack_is_409_and_an_unknown_one_404()
    {
        var supervisor = await fx.SupervisorAsync();
        var p = await Kit.CreateAsync(await fx.AdminAsync(), stock: 5);

        var problem = await (await DesarmeAsync(supervisor, p.Id(), 1)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("no es un pack", problem.GetProperty("detail").GetString());
        await (await DesarmeAsync(supervisor, Guid.NewGuid(), 1)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var zero = await (await DesarmeAsync(supervisor, p.Id(), 0)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(zero.GetProperty("errors").TryGetProperty("cantidad", out _));
        Assert.Equal(5, await StockAsync(p.Id()));
    }

    [Fact]
    public async Task A_pack_with_two_children_is_broken_into_the_one_chosen()
    {
        var admin = await fx.AdminAsync();
        var supervisor = await fx.SupervisorAsync();
        var surtido = await Kit.CreateAsync(admin, stock: 3);
        var negro = await Kit.CreateAsync(admin);
        var blanco = await Kit.CreateAsync(admin);
        await (await Kit.LinkAsync(admin, surtido.Id(), negro.Id(), 6)).ShouldBeAsync(HttpStatusCode.Created);
        await (await Kit.LinkAsync(admin, surtido.Id(), blanco.Id(), 6)).ShouldBeAsync(HttpStatusCode.Created);

        await (await DesarmeAsync(supervisor, surtido.Id(), 1)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await supervisor.PostAsJsonAsync("/v1/inventario/desarme",
            new { producto_padre_id = surtido.Id(), cantidad = 2, producto_hijo_id = blanco.Id() })).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(1, await StockAsync(surtido.Id()));
        Assert.Equal(0, await StockAsync(negro.Id()));
        Assert.Equal(12, await StockAsync(blanco.Id()));
    }

    [Fact]
    public async Task Breaking_a_pack_into_a_child_left_negative_by_offline_sales_is_accepted()
    {
        var admin = await fx.AdminAsync();
        var caja = await Kit.CreateAsync(admin, stock: 1);
        var unidad = await Kit.CreateAsync(admin, stock: 0);
        await (await Kit.LinkAsync(admin, caja.Id(), unidad.Id(), 12)).ShouldBeAsync(HttpStatusCode.Created);
        await SetStockBehindTheLedgerAsync(unidad.Id(), -20);

        await (await DesarmeAsync(await fx.SupervisorAsync(), caja.Id(), 1)).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(0, await StockAsync(caja.Id()));
        Assert.Equal(-8, await StockAsync(unidad.Id()));
    }

    // ---------------------------------------------------------------- alertas

    [Fact]
    public async Task Alerts_list_active_products_at_or_below_their_minimum_for_a_cajero()
    {
        var admin = await fx.AdminAsync();
        var below = await Kit.CreateAsync(admin, stock: 1, stockMinimo: 5);
        var at = await Kit.CreateAsync(admin, stock: 5, stockMinimo: 5);
        var above = await Kit.CreateAsync(admin, stock: 6, stockMinimo: 5);
        var inactive = await Kit.CreateAsync(admin, stock: 0, stockMinimo: 5, activo: false);
        var fixedUp = await Kit.CreateAsync(admin, stock: 0, stockMinimo: 2);
        await (await AjusteAsync(await fx.SupervisorAsync(), fixedUp.Id(), 3, "Llegó mercadería")).ShouldBeAsync(HttpStatusCode.OK);

        var json = await (await (await fx.CajeroAsync()).GetAsync("/v1/inventario/alertas")).ShouldBeAsync(HttpStatusCode.OK);

        var ids = json.Ids();
        Assert.Contains(below.Id(), ids);
        Assert.Contains(at.Id(), ids);
        Assert.DoesNotContain(above.Id(), ids);
        Assert.DoesNotContain(inactive.Id(), ids);
        Assert.DoesNotContain(fixedUp.Id(), ids);
        var alerta = json.EnumerateArray().Single(a => a.Id() == below.Id());
        Assert.Equal(["categoria", "codigo_barras", "id", "nombre", "stock_actual", "stock_minimo"], alerta.PropertyNames());
        Assert.Equal(1, alerta.GetProperty("stock_actual").GetInt32());
        Assert.Equal(5, alerta.GetProperty("stock_minimo").GetInt32());
        Assert.All(json.EnumerateArray(), a =>
            Assert.True(a.GetProperty("stock_actual").GetInt32() <= a.GetProperty("stock_minimo").GetInt32()));
    }

    // ---------------------------------------------------------------- kardex

    [Fact]
    public async Task The_kardex_explains_the_stock_line_by_line_after_adjustments_and_pack_breaking()
    {
        var admin = await fx.AdminAsync();
        var supervisor = await fx.SupervisorAsync();
        var p = await Kit.CreateAsync(admin, nombre: "Turrón " + Kit.Tag(), stock: 5);
        var caja = await Kit.CreateAsync(admin, nombre: "Caja turrón " + Kit.Tag(), stock: 2);
        await (await Kit.LinkAsync(admin, caja.Id(), p.Id(), 12)).ShouldBeAsync(HttpStatusCode.Created);
        await (await AjusteAsync(supervisor, p.Id(), 10, "Compra")).ShouldBeAsync(HttpStatusCode.OK);
        await (await AjusteAsync(supervisor, p.Id(), -3, "Vencidos")).ShouldBeAsync(HttpStatusCode.OK);
        await (await DesarmeAsync(supervisor, caja.Id(), 1)).ShouldBeAsync(HttpStatusCode.OK);

        var kardex = await (await supervisor.GetAsync($"/v1/inventario/kardex/{p.Id()}")).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(["cuadra", "lineas", "producto"], kardex.PropertyNames());
        Assert.Equal(p.Id(), kardex.GetProperty("producto").Id());
        Assert.Equal(24, kardex.GetProperty("producto").GetProperty("stock_actual").GetInt32());
        var lineas = kardex.GetProperty("lineas").EnumerateArray().ToList();
        Assert.Equal(
            [("alta", 5, 5), ("ajuste", 10, 15), ("ajuste", -3, 12), ("desarme_entrada", 12, 24)],
            lineas.Select(l => (l.GetProperty("tipo").GetString(), l.GetProperty("cantidad").GetInt32(),
                l.GetProperty("stock_resultante").GetInt32())).ToArray());
        Assert.Equal(["Stock inicial", "Compra", "Vencidos"], lineas.Take(3).Select(l => l.GetProperty("motivo").GetString()));
        Assert.Equal([fx.UserName("admin"), fx.UserName("supervisor"), fx.UserName("supervisor"), fx.UserName("supervisor")],
            lineas.Select(l => l.GetProperty("usuario").GetString()));
        Assert.All(lineas, l => Assert.True(l.GetProperty("fecha").TryGetDateTimeOffset(out _)));
        Assert.True(kardex.GetProperty("cuadra").GetBoolean());

        var cajaKardex = await (await supervisor.GetAsync($"/v1/inventario/kardex/{caja.Id()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal([("alta", 2, 2), ("desarme_salida", -1, 1)],
            cajaKardex.GetProperty("lineas").EnumerateArray().Select(l => (l.GetProperty("tipo").GetString(),
                l.GetProperty("cantidad").GetInt32(), l.GetProperty("stock_resultante").GetInt32())).ToArray());
        Assert.True(cajaKardex.GetProperty("cuadra").GetBoolean());
    }

    [Fact]
    public async Task The_kardex_says_it_does_not_add_up_when_the_stock_was_changed_outside_the_ledger()
    {
        var p = await Kit.CreateAsync(await fx.AdminAsync(), stock: 5);
        var supervisor = await fx.SupervisorAsync();
        Assert.True((await (await supervisor.GetAsync($"/v1/inventario/kardex/{p.Id()}")).ShouldBeAsync(HttpStatusCode.OK))
            .GetProperty("cuadra").GetBoolean());

        await SetStockBehindTheLedgerAsync(p.Id(), 9);

        var kardex = await (await supervisor.GetAsync($"/v1/inventario/kardex/{p.Id()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.False(kardex.GetProperty("cuadra").GetBoolean());
    }

    [Fact]
    public async Task The_kardex_of_an_unknown_product_is_404()
    {
        await (await (await fx.SupervisorAsync()).GetAsync($"/v1/inventario/kardex/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    // ---------------------------------------------------------------- helpers

    private sealed record LedgerLine(TipoMovimientoStock Tipo, int Cantidad, int StockResultante, string? Motivo);

    private static Task<HttpResponseMessage> AjusteAsync(HttpClient client, Guid productoId, int cantidad, string? motivo) =>
        client.PostAsJsonAsync("/v1/inventario/ajuste", new { producto_id = productoId, cantidad, motivo });

    private static Task<HttpResponseMessage> DesarmeAsync(HttpClient client, Guid padreId, int cantidad) =>
        client.PostAsJsonAsync("/v1/inventario/desarme", new { producto_padre_id = padreId, cantidad });

    private Task<int> StockAsync(Guid id) =>
        App.WithDbAsync(db => db.Productos.Where(p => p.Id == id).Select(p => p.StockActual).SingleAsync());

    private Task<List<LedgerLine>> LedgerAsync(Guid id) =>
        App.WithDbAsync(db => db.MovimientosStock.Where(m => m.ProductoId == id).OrderBy(m => m.Id)
            .Select(m => new LedgerLine(m.Tipo, m.Cantidad, m.StockResultante, m.Motivo)).ToListAsync());

    /// <summary>Writes stock straight to the row, as a sync of offline oversales or a bug would, with no ledger line.</summary>
    private Task SetStockBehindTheLedgerAsync(Guid id, int stock) =>
        App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE productos SET stock_actual = {stock} WHERE id = {id}"));
}
