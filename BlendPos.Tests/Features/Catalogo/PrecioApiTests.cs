using System.Net;
using System.Net.Http.Json;
using BlendPos.Tests.Infrastructure;

namespace BlendPos.Tests.Features.Catalogo;

/// <summary>GET /v1/precio/{barcode}: the anonymous price-check screen's endpoint.</summary>
public sealed class PrecioApiTests(CatalogoAppFixture fx) : IClassFixture<CatalogoAppFixture>
{
    private BlendPosApp App => fx.App;

    [Fact]
    public async Task Anonymous_price_check_answers_only_barcode_name_and_price()
    {
        var p = await Kit.CreateAsync(await fx.AdminAsync(), nombre: "Chicle Beldent Menta", precioVenta: 850.50m, precioCosto: 400m, stock: 33);

        var response = await App.Client().GetAsync($"/v1/precio/{p.Codigo()}");

        var json = await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(["codigo_barras", "nombre", "precio_venta"], json.PropertyNames());
        Assert.Equal(p.Codigo(), json.GetProperty("codigo_barras").GetString());
        Assert.Equal("Chicle Beldent Menta", json.GetProperty("nombre").GetString());
        Assert.Equal(850.50m, json.GetProperty("precio_venta").GetDecimal());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("stock", raw);
        Assert.DoesNotContain("costo", raw);
        Assert.DoesNotContain(p.Id().ToString(), raw);
    }

    [Fact]
    public async Task Unknown_barcode_is_404_problem()
    {
        var problem = await (await App.Client().GetAsync($"/v1/precio/{Kit.NewEan13()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("Producto no encontrado.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Inactive_product_is_404_like_an_unknown_one()
    {
        var admin = await fx.AdminAsync();
        var p = await Kit.CreateAsync(admin, activo: false);

        var inactive = await (await App.Client().GetAsync($"/v1/precio/{p.Codigo()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var unknown = await (await App.Client().GetAsync($"/v1/precio/{Kit.NewEan13()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(unknown.GetProperty("detail").GetString(), inactive.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_product_reactivated_is_answered_again()
    {
        var admin = await fx.AdminAsync();
        var p = await Kit.CreateAsync(admin);
        await (await admin.DeleteAsync($"/v1/productos/{p.Id()}")).ShouldBeAsync(HttpStatusCode.OK);
        await (await App.Client().GetAsync($"/v1/precio/{p.Codigo()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        await (await admin.PutAsJsonAsync($"/v1/productos/{p.Id()}", new { activo = true })).ShouldBeAsync(HttpStatusCode.OK);

        await (await App.Client().GetAsync($"/v1/precio/{p.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("7790A12345678")]
    [InlineData("123")]
    [InlineData("123456789012345")]
    public async Task Malformed_barcode_is_400_problem(string barcode)
    {
        await (await App.Client().GetAsync($"/v1/precio/{barcode}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task More_than_120_checks_a_minute_from_one_address_are_429_and_other_addresses_still_get_answers()
    {
        var p = await Kit.CreateAsync(await fx.AdminAsync());
        var client = App.Client();
        client.DefaultRequestHeaders.Add(BlendPosApp.ClientIpHeader, "10.77.0.1");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 121; i++)
            statuses.Add((await client.GetAsync($"/v1/precio/{p.Codigo()}")).StatusCode);

        Assert.All(statuses.Take(120), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[120]);
        var limited = await client.GetAsync($"/v1/precio/{p.Codigo()}");
        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);

        var other = App.Client();
        other.DefaultRequestHeaders.Add(BlendPosApp.ClientIpHeader, "10.77.0.2");
        await (await other.GetAsync($"/v1/precio/{p.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK);
    }
}
