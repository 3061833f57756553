using System.Net;
using System.Text.RegularExpressions;
using BlendPos.Domain;
using BlendPos.Tests.Infrastructure;

namespace BlendPos.Tests.Features.Caja;

/// <summary>
/// Issue 16 B, the four-eyes rule on closing: a supervisor never closes or justifies their own session; another
/// supervisor or an admin does. On the API a 403 problem+json, on /caja/sesiones/{id} a Spanish message.
/// </summary>
public sealed class CajaCuatroOjosTests(CajaAppFixture fx) : IClassFixture<CajaAppFixture>
{
    private BlendPosApp App => fx.App;

    /// <summary>A session of <paramref name="p"/> left pendiente_cierre by a critical count (1.000 opened, 500 declared).</summary>
    private static async Task<Guid> PendienteAsync(Persona p)
    {
        var id = (await CajaKit.AbiertaAsync(p, 1000m)).Id();
        var arqueo = await (await CajaKit.ArqueoAsync(p.Client, id, 500m)).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("pendiente_cierre", arqueo.Str("estado"));
        return id;
    }

    [Fact]
    public async Task A_supervisor_justifying_their_own_critical_session_is_403_and_another_supervisor_closes_it()
    {
        var sara = await fx.SupervisorAsync();
        var tito = await fx.SupervisorAsync();
        var id = await PendienteAsync(sara);

        var problem = await (await CajaKit.CerrarAsync(sara.Client, id, "Me justifico sola")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("No podés justificar tu propia caja: tiene que hacerlo otro supervisor o un administrador.", problem.Str("detail"));
        var row = await App.SesionRowAsync(id);
        Assert.Equal((EstadoSesionCaja.PendienteCierre, (Guid?)null), (row.Estado, row.CerradaPorId));
        Assert.DoesNotContain("Me justifico sola", row.Observaciones ?? "");

        var json = await (await CajaKit.CerrarAsync(tito.Client, id, "Billete falso retenido")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("cerrada", json.Str("estado"));
        Assert.Equal(tito.Id, (await App.SesionRowAsync(id)).CerradaPorId);
    }

    [Fact]
    public async Task A_supervisor_closing_their_own_open_session_is_403_and_another_supervisor_closes_it()
    {
        var sara = await fx.SupervisorAsync();
        var tito = await fx.SupervisorAsync();
        var id = (await CajaKit.AbiertaAsync(sara, 1000m)).Id();

        var problem = await (await CajaKit.CerrarAsync(sara.Client, id, "Cierro la mía", new { efectivo = 1m }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("No podés cerrar tu propia caja: tiene que hacerlo otro supervisor o un administrador.", problem.Str("detail"));
        Assert.Equal(EstadoSesionCaja.Abierta, (await App.SesionRowAsync(id)).Estado);
        Assert.Empty(await App.ArqueoRowsAsync(id));

        var json = await (await CajaKit.CerrarAsync(tito.Client, id, "Sara se fue sin contar", new { efectivo = 1000m })).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(("cerrada", "normal"), (json.Str("estado"), json.Str("clasificacion")));
    }

    [Fact]
    public async Task The_session_page_tells_a_supervisor_their_own_critical_session_needs_someone_else_and_refuses_the_post()
    {
        var sara = await fx.SupervisorAsync();
        var tito = await fx.SupervisorAsync();
        var id = await PendienteAsync(sara);
        using var web = await App.CookieClientAsync(sara.Usuario, CajaKit.Password);

        var html = WebUtility.HtmlDecode(await web.GetStringAsync($"/caja/sesiones/{id}"));
        Assert.Contains("No podés justificar tu propia caja: tiene que hacerlo otro supervisor o un administrador.", html);
        Assert.DoesNotContain("Justificar y cerrar</button>", html);

        // A hand-made post is refused by the service, in Spanish, on the page.
        var token = Http.HiddenInput(await web.GetStringAsync("/caja"), "__RequestVerificationToken");
        var post = await web.PostAsync($"/caja/sesiones/{id}?handler=Justificar", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Justificacion.Observaciones"] = "Me justifico sola", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Matches(new Regex("alert-error[^>]*>No podés justificar tu propia caja"), WebUtility.HtmlDecode(await post.Content.ReadAsStringAsync()));
        Assert.Equal(EstadoSesionCaja.PendienteCierre, (await App.SesionRowAsync(id)).Estado);

        // Another supervisor gets the form and closes it.
        using var otro = await App.CookieClientAsync(tito.Usuario, CajaKit.Password);
        var pagina = await otro.GetStringAsync($"/caja/sesiones/{id}");
        Assert.Contains("Justificar y cerrar</button>", pagina);
        var ok = await otro.PostAsync($"/caja/sesiones/{id}?handler=Justificar", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Justificacion.Observaciones"] = "Billete falso", ["__RequestVerificationToken"] = Http.HiddenInput(pagina, "__RequestVerificationToken"),
        }));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal((EstadoSesionCaja.Cerrada, (Guid?)tito.Id), ((await App.SesionRowAsync(id)).Estado, (await App.SesionRowAsync(id)).CerradaPorId));
    }
}

/// <summary>
/// The shop's only approver: a fresh database where the admin is the only supervisor or admin (tests of this class must
/// not create other supervisors before that step). An admin alone may close their own session; once another
/// supervisor exists, that supervisor must.
/// </summary>
public sealed class CajaCuatroOjosAdminSoloTests(QuickAppFixture fx) : IClassFixture<QuickAppFixture>
{
    private BlendPosApp App => fx.App;

    [Fact]
    public async Task The_sole_admin_closes_their_own_critical_session_but_not_once_another_supervisor_exists()
    {
        using var admin = await App.AdminAsync();
        var primera = (await (await CajaKit.AbrirAsync(admin, 1000m)).ShouldBeAsync(HttpStatusCode.Created)).Id();
        await (await CajaKit.ArqueoAsync(admin, primera, 500m)).ShouldBeAsync(HttpStatusCode.OK); // critical: pending

        var cerrada = await (await CajaKit.CerrarAsync(admin, primera, "Soy el único que puede")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("cerrada", cerrada.Str("estado"));

        var supervisorId = await App.CreateUserAsync("sup.unico", "supervisor", CajaKit.Password, 2);
        using var supervisor = await App.ClientAsAsync("sup.unico", CajaKit.Password);
        var segunda = (await (await CajaKit.AbrirAsync(admin, 1000m)).ShouldBeAsync(HttpStatusCode.Created)).Id();
        await (await CajaKit.ArqueoAsync(admin, segunda, 500m)).ShouldBeAsync(HttpStatusCode.OK);

        await (await CajaKit.CerrarAsync(admin, segunda, "Otra vez yo")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await CajaKit.CerrarAsync(supervisor, segunda, "Revisado")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(supervisorId, (await App.SesionRowAsync(segunda)).CerradaPorId);
    }
}
