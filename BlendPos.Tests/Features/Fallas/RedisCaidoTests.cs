using System.Net;
using System.Net.Http.Json;
using BlendPos.Tests.Infrastructure;
using StackExchange.Redis;

namespace BlendPos.Tests.Features.Fallas;

/// <summary>
/// Fault 3 (issue 14): Redis is killed and started again under the running app. Sales go on while it is down and
/// /health says <c>"redis": "disconnected"</c> with 200 (Redis is a cache, not a dependency); once it is back /health
/// says connected again and look-ups fill the cache keys again. The Redis is a private one of this test.
/// </summary>
public sealed class RedisCaidoTests
{
    [Fact]
    public async Task With_Redis_down_sales_go_on_and_health_says_disconnected_and_when_it_is_back_the_cache_refills()
    {
        await using var redis = new PrivateRedis();
        await redis.StartAsync();
        await using var db = await TestDatabase.CreateAsync();
        await using var app = new BlendPosApp(db, kestrel: true, redisUrl: redis.Url, configure: BlendPosApp.QuickPasswordHashing);
        app.Start();
        using var admin = await app.AdminAsync();
        var articulos = await FallasKit.ArticulosAsync(admin, 3);
        var terminal = (await FallasKit.TerminalesAsync(admin, 1, 401))[0];
        using var cajero = app.Client();
        cajero.DefaultRequestHeaders.Authorization = new("Bearer", terminal.Token);
        using var espia = await ConnectionMultiplexer.ConnectAsync($"{redis.Url},abortConnect=false");
        string Clave(Articulo a) => $"blendpos:{db.Name}:cache:producto:cb:{a.Codigo}";

        await SaludAsync(cajero, "connected");
        await (await cajero.GetAsync($"/v1/productos/barcode/{articulos[0].Codigo}")).ShouldBeAsync(HttpStatusCode.OK);
        await Eventually.WaitAsync(() => espia.GetDatabase().KeyExistsAsync(Clave(articulos[0])), TimeSpan.FromSeconds(10),
            () => $"a look-up to put {Clave(articulos[0])} in Redis; keys there: " +
                  string.Join(", ", espia.GetServer(espia.GetEndPoints()[0]).Keys(pattern: "*").Take(20)));
        await VenderAsync(cajero, terminal, articulos[0]);

        // Redis dies (its data with it): the shop keeps selling, health degrades but stays 200.
        redis.Stop();
        await Eventually.WaitAsync(async () => await EstadoRedisAsync(cajero) == "disconnected", TimeSpan.FromSeconds(20),
            () => "/health to say redis disconnected");
        for (var i = 0; i < 3; i++) await VenderAsync(cajero, terminal, articulos[i]);
        await (await cajero.GetAsync($"/v1/productos/barcode/{articulos[1].Codigo}")).ShouldBeAsync(HttpStatusCode.OK);

        // Redis is back, empty: the app reconnects by itself and look-ups fill it again.
        await redis.StartAsync();
        await Eventually.WaitAsync(async () => await EstadoRedisAsync(cajero) == "connected", TimeSpan.FromSeconds(30),
            () => "/health to say redis connected again");
        Assert.False(await espia.GetDatabase().KeyExistsAsync(Clave(articulos[2])));
        await (await cajero.GetAsync($"/v1/productos/barcode/{articulos[2].Codigo}")).ShouldBeAsync(HttpStatusCode.OK);
        await Eventually.WaitAsync(async () => espia.IsConnected && await espia.GetDatabase().KeyExistsAsync(Clave(articulos[2])),
            TimeSpan.FromSeconds(10), () => "the look-up to write its key to the restarted Redis");
        await VenderAsync(cajero, terminal, articulos[2]);

        var ventas = await (await cajero.GetAsync($"/v1/ventas?sesion_caja_id={terminal.SesionId}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(5, ventas.GetProperty("total").GetInt32());
    }

    private static async Task VenderAsync(HttpClient cajero, Terminal t, Articulo a)
    {
        var v = new VentaEnviada(Guid.NewGuid(), t, [(a, 1)]);
        await (await cajero.PostAsJsonAsync("/v1/ventas", v.Body)).ShouldBeAsync(HttpStatusCode.Created);
    }

    private static async Task<string?> EstadoRedisAsync(HttpClient client)
    {
        var r = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode); // Redis never makes the app unhealthy
        var json = await r.JsonAsync();
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.Equal("connected", json.GetProperty("db").GetString());
        return json.GetProperty("redis").GetString();
    }

    private static async Task SaludAsync(HttpClient client, string redis) => Assert.Equal(redis, await EstadoRedisAsync(client));
}
