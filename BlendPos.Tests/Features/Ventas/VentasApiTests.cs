using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlendPos.Domain.Catalogo;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlendPos.Tests.Features.Ventas;

public sealed class VentasApiTests(QuickAppFixture fx) : IClassFixture<QuickAppFixture>
{
    private BlendPosApp App => fx.App;

    private static int _seq;

    private static string Ean13() => Ean13(Interlocked.Increment(ref _seq));
    private static string Ean13(int n) { var d = $"7797{n:D8}"; return d + Gtin.ComputeCheckDigit(d); }

    private async Task<(Guid Id, string Codigo)> ProductoAsync(HttpClient admin, decimal precio, int stock, string? nombre = null)
    {
        var codigo = Ean13();
        var json = await (await admin.PostAsJsonAsync("/v1/productos", new
        {
            codigo_barras = codigo, nombre = nombre ?? "Producto " + codigo, categoria = "Golosinas",
            precio_costo = Math.Round(precio * 0.7m, 2), precio_venta = precio, stock_actual = stock,
        })).ShouldBeAsync(HttpStatusCode.Created);
        return (json.GetProperty("id").GetGuid(), codigo);
    }

    private async Task<(HttpClient Client, Guid Sesion)> CajeroConCajaAsync(int pdv)
    {
        var user = $"caj{pdv}.{Guid.NewGuid():N}"[..20];
        await App.CreateUserAsync(user, "cajero", puntoDeVenta: pdv);
        var client = await App.ClientAsAsync(user, "clave-1234");
        var sesion = await (await client.PostAsJsonAsync("/v1/caja/abrir", new { monto_inicial = 1000m })).ShouldBeAsync(HttpStatusCode.Created);
        return (client, sesion.GetProperty("id").GetGuid());
    }

    private static object Venta(Guid sesion, object[] items, object[] pagos, Guid? id = null) =>
        new { id, sesion_caja_id = sesion, items, pagos };

    private async Task<int> StockAsync(Guid productoId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlendPosDb>();
        return await db.Productos.AsNoTracking().Where(p => p.Id == productoId).Select(p => p.StockActual).SingleAsync();
    }

    [Fact]
    public async Task Sale_prices_from_the_catalog_gives_change_and_records_cash_and_stock()
    {
        using var admin = await App.AdminAsync();
        var (id, codigo) = await ProductoAsync(admin, 1810m, 10);
        var (cajero, sesion) = await CajeroConCajaAsync(101);

        var venta = await (await cajero.PostAsJsonAsync("/v1/ventas", Venta(sesion,
            [new { barcode = codigo, cantidad = 2 }], [new { metodo = "efectivo", monto = 5000m }]))).ShouldBeAsync(HttpStatusCode.Created);

        Assert.Equal(3620m, venta.GetProperty("total").GetDecimal());
        Assert.Equal(1380m, venta.GetProperty("vuelto").GetDecimal());
        Assert.Equal(1, venta.GetProperty("numero_ticket").GetInt64());
        Assert.Equal("completada", venta.GetProperty("estado").GetString());
        Assert.Equal(1810m, venta.GetProperty("items")[0].GetProperty("precio_unitario").GetDecimal());
        Assert.Equal(8, await StockAsync(id));

        var movs = await (await admin.GetAsync($"/v1/caja/{sesion}/movimientos")).ShouldBeAsync(HttpStatusCode.OK);
        var venta1 = Assert.Single(movs.EnumerateArray(), m => m.GetProperty("tipo").GetString() == "venta");
        Assert.Equal(3620m, venta1.GetProperty("monto").GetDecimal()); // paid minus change
    }

    [Fact]
    public async Task Sale_opens_a_pack_when_units_run_out_and_the_ledger_explains_it()
    {
        using var admin = await App.AdminAsync();
        var (unidad, codigoUnidad) = await ProductoAsync(admin, 900m, 1);
        var (caja, _) = await ProductoAsync(admin, 30000m, 2);
        await (await admin.PostAsJsonAsync($"/v1/productos/{caja}/hijos", new { producto_hijo_id = unidad, unidades_por_padre = 40, desarme_auto = true }))
            .ShouldBeAsync(HttpStatusCode.Created);
        var (cajero, sesion) = await CajeroConCajaAsync(102);

        await (await cajero.PostAsJsonAsync("/v1/ventas", Venta(sesion,
            [new { barcode = codigoUnidad, cantidad = 5 }], [new { metodo = "debito", monto = 4500m }]))).ShouldBeAsync(HttpStatusCode.Created);

        Assert.Equal(1, await StockAsync(caja));
        Assert.Equal(36, await StockAsync(unidad)); // 1 + 40 − 5
        var kardex = await (await admin.GetAsync($"/v1/inventario/kardex/{unidad}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.True(kardex.GetProperty("cuadra").GetBoolean());
    }

    [Fact]
    public async Task Sale_without_enough_stock_is_409_naming_the_product_and_writes_nothing()
    {
        using var admin = await App.AdminAsync();
        var (id, codigo) = await ProductoAsync(admin, 500m, 1, "Chicle Beldent Menta");
        var (otro, codigoOtro) = await ProductoAsync(admin, 500m, 10);
        var (cajero, sesion) = await CajeroConCajaAsync(103);

        var problem = await (await cajero.PostAsJsonAsync("/v1/ventas", Venta(sesion,
                [new { barcode = codigoOtro, cantidad = 1 }, new { barcode = codigo, cantidad = 2 }], [new { metodo = "efectivo", monto = 2000m }])))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("Chicle Beldent Menta", problem.GetProperty("detail").GetString());
        Assert.Equal(1, await StockAsync(id));
        Assert.Equal(10, await StockAsync(otro));
        var movs = await (await admin.GetAsync($"/v1/caja/{sesion}/movimientos")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Empty(movs.EnumerateArray());
    }

    [Fact]
    public async Task Sending_the_same_id_again_returns_the_stored_sale_not_a_second_one()
    {
        using var admin = await App.AdminAsync();
        var (id, codigo) = await ProductoAsync(admin, 1000m, 10);
        var (cajero, sesion) = await CajeroConCajaAsync(104);
        var ventaId = Guid.NewGuid();
        var body = Venta(sesion, [new { barcode = codigo, cantidad = 1 }], [new { metodo = "efectivo", monto = 1000m }], ventaId);

        var first = await (await cajero.PostAsJsonAsync("/v1/ventas", body)).ShouldBeAsync(HttpStatusCode.Created);
        var again = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => cajero.PostAsJsonAsync("/v1/ventas", body)));

        foreach (var r in again) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(first.GetProperty("numero_ticket").GetInt64(), (await again[0].JsonAsync()).GetProperty("numero_ticket").GetInt64());
        Assert.Equal(9, await StockAsync(id));
    }

    [Fact]
    public async Task Ticket_numbers_are_gap_free_per_punto_de_venta_even_after_a_refused_sale()
    {
        using var admin = await App.AdminAsync();
        var (_, codigo) = await ProductoAsync(admin, 100m, 5);
        var (cajero, sesion) = await CajeroConCajaAsync(108);
        var numeros = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var v = await (await cajero.PostAsJsonAsync("/v1/ventas", Venta(sesion,
                [new { barcode = codigo, cantidad = 1 }], [new { metodo = "efectivo", monto = 100m }]))).ShouldBeAsync(HttpStatusCode.Created);
            numeros.Add(v.GetProperty("numero_ticket").GetInt64());
            if (i == 0)
            {
                // Refused (more than the stock): it must not consume a number.
                await (await cajero.PostAsJsonAsync("/v1/ventas", Venta(sesion,
                    [new { barcode = codigo, cantidad = 50 }], [new { metodo = "efectivo", monto = 5000m }]))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
            }
        }
        Assert.Equal([1L, 2L, 3L], numeros);
    }

    [Fact]
    public async Task Card_overpayment_is_refused()
    {
        using var admin = await App.AdminAsync();
        var (_, codigo) = await ProductoAsync(admin, 1000m, 10);
        var (cajero, sesion) = await CajeroConCajaAsync(105);
        var problem = await (await cajero.PostAsJsonAsync("/v1/ventas", Venta(sesion,
            [new { barcode = codigo, cantidad = 1 }], [new { metodo = "credito", monto = 1500m }]))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("pagos", problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Eight_terminals_selling_one_product_at_once_end_with_exact_stock()
    {
        using var admin = await App.AdminAsync();
        var (id, codigo) = await ProductoAsync(admin, 100m, 1000);
        var terminales = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => CajeroConCajaAsync(200 + i)));

        var results = await Task.WhenAll(terminales.Select(async t =>
        {
            var codes = new List<HttpStatusCode>();
            for (var i = 0; i < 10; i++)
            {
                var r = await t.Client.PostAsJsonAsync("/v1/ventas", Venta(t.Sesion,
                    [new { barcode = codigo, cantidad = 3 }], [new { metodo = "efectivo", monto = 300m }]));
                codes.Add(r.StatusCode);
            }
            return codes;
        }));

        Assert.All(results.SelectMany(c => c), c => Assert.Equal(HttpStatusCode.Created, c));
        Assert.Equal(1000 - 8 * 10 * 3, await StockAsync(id));
    }

    [Fact]
    public async Task A_supervisor_voids_once_stock_and_cash_come_back_and_a_second_void_is_409()
    {
        using var admin = await App.AdminAsync();
        var (id, codigo) = await ProductoAsync(admin, 1000m, 10);
        var (cajero, sesion) = await CajeroConCajaAsync(106);
        var venta = await (await cajero.PostAsJsonAsync("/v1/ventas", Venta(sesion,
            [new { barcode = codigo, cantidad = 3 }], [new { metodo = "efectivo", monto = 3000m }]))).ShouldBeAsync(HttpStatusCode.Created);
        var ventaId = venta.GetProperty("id").GetGuid();

        await (await cajero.PostAsJsonAsync($"/v1/ventas/{ventaId}/anular", new { motivo = "error" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await App.CreateUserAsync("sup.anula", "supervisor");
        using var supervisor = await App.ClientAsAsync("sup.anula", "clave-1234");
        var anulada = await (await supervisor.PostAsJsonAsync($"/v1/ventas/{ventaId}/anular", new { motivo = "Cliente se arrepintió" }))
            .ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal("anulada", anulada.GetProperty("estado").GetString());
        Assert.Equal(10, await StockAsync(id));
        var movs = await (await admin.GetAsync($"/v1/caja/{sesion}/movimientos")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(0m, movs.EnumerateArray().Sum(m => m.GetProperty("monto").GetDecimal()));
        await (await supervisor.PostAsJsonAsync($"/v1/ventas/{ventaId}/anular", new { motivo = "otra vez" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task No_sale_on_a_closed_session()
    {
        using var admin = await App.AdminAsync();
        var (_, codigo) = await ProductoAsync(admin, 1000m, 10);
        var (cajero, sesion) = await CajeroConCajaAsync(107);
        await (await cajero.PostAsJsonAsync("/v1/caja/arqueo", new
        {
            sesion_caja_id = sesion, declaracion = new { efectivo = 1000m, debito = 0m, credito = 0m, transferencia = 0m },
        })).ShouldBeAsync(HttpStatusCode.OK);

        await (await cajero.PostAsJsonAsync("/v1/ventas", Venta(sesion,
            [new { barcode = codigo, cantidad = 1 }], [new { metodo = "efectivo", monto = 1000m }]))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }
}
