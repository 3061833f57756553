using System.Net;
using System.Net.Http.Json;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;

namespace BlendPos.Tests.Features.Fallas;

/// <summary>
/// Fault 4 (issue 14): two app instances on one database (two Kestrel servers, as behind a load balancer). A page
/// sign-in cookie and a JWT from one are accepted by the other (data-protection keys in the database, one JWT_SECRET),
/// and the same terminals selling through both at once keep ticket numbers gap-free per punto de venta and stock exact.
/// </summary>
public sealed class DosInstanciasTests
{
    [Fact]
    public async Task Two_instances_accept_each_others_sessions_and_selling_through_both_keeps_tickets_gap_free_and_stock_exact()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var a = new BlendPosApp(db, kestrel: true, configure: BlendPosApp.QuickPasswordHashing);
        await using var b = new BlendPosApp(db, kestrel: true, configure: BlendPosApp.QuickPasswordHashing);
        var uriA = a.Start();
        var uriB = b.Start();
        Assert.NotEqual(uriA.Port, uriB.Port);

        // A page sign-in on A: cookies belong to the host, not the port, so one cookie jar carries it to B.
        var jar = new CookieContainer();
        using var navegador = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false });
        var login = await (await navegador.GetAsync(new Uri(uriA, "/login"))).Content.ReadAsStringAsync();
        var ingreso = await navegador.PostAsync(new Uri(uriA, "/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Username"] = DatabaseInitializer.AdminUserName, ["Input.Password"] = BlendPosApp.AdminPassword,
            ["__RequestVerificationToken"] = Http.HiddenInput(login, "__RequestVerificationToken"),
        }));
        Assert.Equal(HttpStatusCode.Redirect, ingreso.StatusCode);
        foreach (var uri in new[] { uriA, uriB })
        {
            var pagina = await navegador.GetAsync(new Uri(uri, "/usuarios"));
            Assert.True(pagina.StatusCode == HttpStatusCode.OK, $"the cookie from A on {uri}: {(int)pagina.StatusCode} {pagina.Headers.Location}");
        }

        // A JWT from B works on A.
        using var adminB = FallasKit.Cliente(uriB);
        adminB.DefaultRequestHeaders.Authorization = new("Bearer", await FallasKit.AdminTokenAsync(adminB));
        using var adminA = FallasKit.Cliente(uriA, adminB.DefaultRequestHeaders.Authorization!.Parameter);
        await (await adminA.GetAsync("/v1/usuarios")).ShouldBeAsync(HttpStatusCode.OK);

        var articulos = await FallasKit.ArticulosAsync(adminA, 4);
        var terminales = await FallasKit.TerminalesAsync(adminB, 3, 501);

        // Each terminal sells through both instances at once (the same drawer and punto de venta on A and on B).
        var registro = new Registro();
        var clientes = new List<HttpClient>();
        var carga = new List<Task>();
        var i = 0;
        foreach (var t in terminales)
            foreach (var uri in new[] { uriA, uriB })
            {
                var c = FallasKit.Cliente(uri, t.Token);
                clientes.Add(c);
                var semilla = 34_000 + i++;
                carga.Add(Task.Run(async () =>
                {
                    var rnd = new Random(semilla);
                    for (var n = 0; n < 12; n++)
                    {
                        var v = FallasKit.NuevaVenta(t, articulos, rnd);
                        registro.Enviadas[v.Id] = v;
                        using var r = await c.PostAsJsonAsync("/v1/ventas", v.Body);
                        await r.ShouldBeAsync(HttpStatusCode.Created);
                        registro.Confirmadas[v.Id] = 201;
                    }
                }));
            }
        await Task.WhenAll(carga);
        foreach (var c in clientes) c.Dispose();

        var guardadas = await FallasKit.VerificarAsync(db.ConnectionString, registro, articulos);
        Assert.Equal(3 * 2 * 12, guardadas.Count);
    }
}
