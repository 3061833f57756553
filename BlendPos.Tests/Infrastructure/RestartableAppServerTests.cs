using System.Net;
using System.Net.Http.Json;
using BlendPos.Web.Data;

namespace BlendPos.Tests.Infrastructure;

/// <summary>
/// The harness behind the "server stopped" browser test: stop really refuses connections, start comes back on the same
/// origin over the same data, and a page cookie and a bearer token issued before the restart still work after it.
/// </summary>
public sealed class RestartableAppServerTests(RestartableAppFixture fx) : IClassFixture<RestartableAppFixture>
{
    private RestartableAppServer Server => fx.Server;

    [Fact]
    public async Task Stops_refusing_connections_and_restarts_on_the_same_port_with_the_same_data_and_sign_ins()
    {
        var arranques = Server.Starts;
        Assert.Equal(Server.BaseAddress, Server.App.BaseAddress);
        using var admin = await Server.App.AdminAsync();
        var codigo = "7790000" + Random.Shared.Next(100000, 999999);
        codigo += BlendPos.Domain.Catalogo.Gtin.ComputeCheckDigit(codigo);
        var creado = await (await admin.PostAsJsonAsync("/v1/productos", new
        {
            codigo_barras = codigo, nombre = "Producto del reinicio", categoria = "Almacén", precio_costo = 60m, precio_venta = 100m, stock_actual = 7,
        })).ShouldBeAsync(HttpStatusCode.Created);
        var id = creado.GetProperty("id").GetGuid();
        using var pagina = await Server.App.CookieClientAsync(DatabaseInitializer.AdminUserName, BlendPosApp.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await pagina.GetAsync("/")).StatusCode);

        await Server.StopAsync();
        Assert.False(Server.Running);
        using (var otro = new HttpClient { BaseAddress = Server.BaseAddress })
        {
            var e = await Assert.ThrowsAsync<HttpRequestException>(() => otro.GetAsync("/health"));
            Assert.Equal(HttpRequestError.ConnectionError, e.HttpRequestError);
        }
        Assert.Throws<InvalidOperationException>(() => Server.App);

        Server.Start();
        Assert.Equal(arranques + 1, Server.Starts);
        Assert.Equal(Server.BaseAddress, Server.App.BaseAddress);
        // The clients from before the restart: same origin, same cookie, same token, same row.
        var producto = await (await admin.GetAsync($"/v1/productos/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(7, producto.GetProperty("stock_actual").GetInt32());
        var inicio = await pagina.GetAsync("/");
        Assert.True(inicio.StatusCode == HttpStatusCode.OK, $"the page cookie did not survive the restart: {(int)inicio.StatusCode} {inicio.Headers.Location}");

        // And again: a restart right after a restart (the port is free again at once).
        await Server.RestartAsync();
        Assert.Equal(HttpStatusCode.OK, (await pagina.GetAsync("/")).StatusCode);
    }
}
