using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlendPos.Domain;
using BlendPos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Tests.Features.Caja;

/// <summary>/v1/caja: opening a session, the caller's open session, reading one, the blind rule, the list.</summary>
public sealed class CajaSesionApiTests(CajaAppFixture fx) : IClassFixture<CajaAppFixture>
{
    private BlendPosApp App => fx.App;

    // ---------------------------------------------------------------- abrir

    [Fact]
    public async Task Opening_answers_201_with_the_session_open_on_the_users_punto_de_venta()
    {
        var cajero = await fx.CajeroAsync();
        var before = DateTimeOffset.UtcNow;

        var response = await CajaKit.AbrirAsync(cajero.Client, 1500.50m);
        var json = await response.ShouldBeAsync(HttpStatusCode.Created);

        Assert.Equal(CajaKit.SesionFields, json.PropertyNames());
        Assert.Equal($"/v1/caja/{json.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal(cajero.PuntoDeVenta, json.GetProperty("punto_de_venta").GetInt32());
        Assert.Equal(cajero.Id, json.GetProperty("usuario_id").GetGuid());
        Assert.Equal(1500.50m, json.Dec("monto_inicial"));
        Assert.Equal("abierta", json.Str("estado"));
        var openedAt = json.GetProperty("opened_at").GetDateTimeOffset();
        Assert.InRange(openedAt, before.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        foreach (var nulo in new[] { "closed_at", "monto_esperado", "monto_declarado", "desvio", "desvio_pct", "clasificacion", "observaciones" })
            Assert.Equal(JsonValueKind.Null, json.GetProperty(nulo).ValueKind);

        var row = await App.SesionRowAsync(json.Id());
        Assert.Equal((cajero.PuntoDeVenta, cajero.Id, 1500.50m, EstadoSesionCaja.Abierta), (row.PuntoDeVenta, row.UsuarioId, row.MontoInicial, row.Estado));
    }

    [Fact]
    public async Task A_supervisor_opens_their_own_drawer_on_another_punto_de_venta_when_one_is_named()
    {
        var supervisor = await fx.SupervisorAsync();
        var pdv = fx.FreePuntoDeVenta();

        var json = await (await CajaKit.AbrirAsync(supervisor.Client, 0m, pdv)).ShouldBeAsync(HttpStatusCode.Created);

        Assert.Equal(pdv, json.GetProperty("punto_de_venta").GetInt32());
        Assert.Equal(0m, json.Dec("monto_inicial"));
    }

    [Fact]
    public async Task A_cashier_opens_only_at_their_own_punto_de_venta_another_is_403_in_spanish()
    {
        var cajero = await fx.CajeroAsync();
        var otro = fx.FreePuntoDeVenta();

        var problem = await (await CajaKit.AbrirAsync(cajero.Client, 100m, otro)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal($"Solo podés abrir la caja en tu punto de venta ({cajero.PuntoDeVenta}). " +
                     "Para abrir en otro, pedile a un administrador que te lo asigne en Usuarios.", problem.Str("detail"));
        Assert.False(await App.WithDbAsync(db => db.SesionesCaja.AnyAsync(s => s.UsuarioId == cajero.Id || s.PuntoDeVenta == otro)));
        // Naming their own is the same as naming none.
        var json = await (await CajaKit.AbrirAsync(cajero.Client, 100m, cajero.PuntoDeVenta)).ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal(cajero.PuntoDeVenta, json.GetProperty("punto_de_venta").GetInt32());
    }

    [Fact]
    public async Task A_cashier_without_a_punto_de_venta_cannot_open_and_is_told_to_ask_an_admin()
    {
        var name = $"sinpdv{Guid.NewGuid():N}"[..14];
        using (var admin = await App.AdminAsync())
            await (await admin.PostAsJsonAsync("/v1/usuarios", new { username = name, nombre_completo = "Sin PdV", rol = "cajero", password = CajaKit.Password }))
                .ShouldBeAsync(HttpStatusCode.Created);
        using var cajero = await App.ClientAsAsync(name, CajaKit.Password);

        foreach (var pdv in new int?[] { null, fx.FreePuntoDeVenta() })
        {
            var problem = await (await CajaKit.AbrirAsync(cajero, 100m, pdv)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            Assert.Equal("No tenés un punto de venta asignado: pedile a un administrador que te asigne uno en Usuarios.", problem.Str("detail"));
        }
        // The page says so instead of offering the form.
        using var web = await App.CookieClientAsync(name, CajaKit.Password);
        var html = WebUtility.HtmlDecode(await web.GetStringAsync("/caja"));
        Assert.Contains("No tenés un punto de venta asignado: pedile a un administrador que te asigne uno en Usuarios.", html);
        Assert.DoesNotContain("Abrir caja</button>", html);
    }

    [Fact]
    public async Task The_open_form_shows_a_cashier_their_punto_de_venta_fixed_and_a_forged_one_is_refused_on_the_page()
    {
        var cajero = await fx.CajeroAsync();
        using var web = await App.CookieClientAsync(cajero.Usuario, CajaKit.Password);

        var html = await web.GetStringAsync("/caja");

        Assert.DoesNotContain("name=\"Abrir.PuntoDeVenta\"", html);
        Assert.Matches(new System.Text.RegularExpressions.Regex($@"<input id=""pdv-asignado"" value=""{cajero.PuntoDeVenta}"" readonly"), html);
        var forged = await web.PostAsync("/caja?handler=Abrir", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Abrir.PuntoDeVenta"] = fx.FreePuntoDeVenta().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Abrir.MontoInicial"] = "100", ["__RequestVerificationToken"] = Http.HiddenInput(html, "__RequestVerificationToken"),
        }));
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains($"Solo podés abrir la caja en tu punto de venta ({cajero.PuntoDeVenta}).", WebUtility.HtmlDecode(await forged.Content.ReadAsStringAsync()));
        Assert.False(await App.WithDbAsync(db => db.SesionesCaja.AnyAsync(s => s.UsuarioId == cajero.Id)));

        // A supervisor's form keeps the field, filled with their own.
        var supervisor = await fx.SupervisorAsync();
        using var sup = await App.CookieClientAsync(supervisor.Usuario, CajaKit.Password);
        Assert.Matches(new System.Text.RegularExpressions.Regex($@"name=""Abrir.PuntoDeVenta""[^>]*value=""{supervisor.PuntoDeVenta}"""), await sup.GetStringAsync("/caja"));
    }

    [Fact]
    public async Task A_second_open_session_for_the_same_user_is_409_even_on_another_punto_de_venta()
    {
        var supervisor = await fx.SupervisorAsync();
        var first = await CajaKit.AbiertaAsync(supervisor);

        await (await CajaKit.AbrirAsync(supervisor.Client, 100m)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var problem = await (await CajaKit.AbrirAsync(supervisor.Client, 100m, fx.FreePuntoDeVenta())).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("caja abierta", problem.Str("detail"));
        var sesiones = await App.WithDbAsync(db => db.SesionesCaja.Where(s => s.UsuarioId == supervisor.Id).Select(s => s.Id).ToListAsync());
        Assert.Equal([first.Id()], sesiones);
    }

    [Fact]
    public async Task A_punto_de_venta_with_an_open_session_refuses_another_user_with_409()
    {
        var ana = await fx.CajeroAsync();
        var beto = await fx.CajeroAsync(puntoDeVenta: ana.PuntoDeVenta);
        await CajaKit.AbiertaAsync(ana);

        var problem = await (await CajaKit.AbrirAsync(beto.Client, 100m)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains($"punto de venta {ana.PuntoDeVenta}", problem.Str("detail"));
        Assert.False(await App.WithDbAsync(db => db.SesionesCaja.AnyAsync(s => s.UsuarioId == beto.Id)));
    }

    [Fact]
    public async Task After_counting_a_user_may_open_again_on_the_same_punto_de_venta()
    {
        var cajero = await fx.CajeroAsync();
        var first = await CajaKit.AbiertaAsync(cajero, 500m);
        await (await CajaKit.ArqueoAsync(cajero.Client, first.Id(), 500m)).ShouldBeAsync(HttpStatusCode.OK);

        var second = await CajaKit.AbiertaAsync(cajero, 700m);

        Assert.NotEqual(first.Id(), second.Id());
    }

    [Fact]
    public async Task Four_parallel_opens_of_one_user_make_exactly_one_session_and_three_409s()
    {
        var cajero = await fx.CajeroAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => CajaKit.AbrirAsync(cajero.Client, 100m + i)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var r in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, await App.WithDbAsync(db => db.SesionesCaja.CountAsync(s => s.UsuarioId == cajero.Id)));
        Assert.DoesNotContain(App.Logs.Lines, l => l.Contains("/v1/caja/abrir\" → 500", StringComparison.Ordinal));
        Assert.DoesNotContain(App.Logs.Lines, l => l.Contains("Unhandled error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Four_users_opening_one_punto_de_venta_at_once_make_exactly_one_session()
    {
        var pdv = fx.FreePuntoDeVenta();
        var cajeros = new List<Persona>();
        for (var i = 0; i < 4; i++) cajeros.Add(await fx.CajeroAsync(pdv));

        var responses = await Task.WhenAll(cajeros.Select(c => CajaKit.AbrirAsync(c.Client, 100m)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await App.WithDbAsync(db => db.SesionesCaja.CountAsync(s => s.PuntoDeVenta == pdv)));
    }

    public static TheoryData<string, string> BadOpens => new()
    {
        { """{"monto_inicial": -1}""", "monto_inicial" },
        { """{"monto_inicial": -0.01}""", "monto_inicial" },
        { """{"monto_inicial": 100.125}""", "monto_inicial" },
        { """{"punto_de_venta": 3}""", "monto_inicial" },
        { """{}""", "monto_inicial" },
        { """{"monto_inicial": 100, "punto_de_venta": 0}""", "punto_de_venta" },
        { """{"monto_inicial": 100, "punto_de_venta": 100000}""", "punto_de_venta" },
        { """{"monto_inicial": 10000000000}""", "monto_inicial" },
    };

    [Theory]
    [MemberData(nameof(BadOpens))]
    public async Task An_invalid_open_is_400_on_the_field_and_opens_nothing(string body, string field)
    {
        var cajero = await fx.CajeroAsync();

        var problem = await (await cajero.Client.PostAsync("/v1/caja/abrir", Http.Json(body))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal([field], problem.GetProperty("errors").PropertyNames());
        Assert.False(await App.WithDbAsync(db => db.SesionesCaja.AnyAsync(s => s.UsuarioId == cajero.Id)));
    }

    [Fact]
    public async Task Opening_without_a_token_is_401()
    {
        await (await CajaKit.AbrirAsync(App.Client(), 100m)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    // ---------------------------------------------------------------- actual

    [Fact]
    public async Task The_current_session_is_the_callers_open_one_or_404()
    {
        var cajero = await fx.CajeroAsync();
        var problem = await (await cajero.Client.GetAsync("/v1/caja/actual")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("caja abierta", problem.Str("detail"));

        var abierta = await CajaKit.AbiertaAsync(cajero, 250m);
        var actual = await (await cajero.Client.GetAsync("/v1/caja/actual")).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(CajaKit.SesionFields, actual.PropertyNames());
        Assert.Equal(abierta.Id(), actual.Id());
        Assert.Equal("abierta", actual.Str("estado"));

        await (await CajaKit.ArqueoAsync(cajero.Client, abierta.Id(), 250m)).ShouldBeAsync(HttpStatusCode.OK);
        await (await cajero.Client.GetAsync("/v1/caja/actual")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_users_open_session_is_not_the_callers_current_one()
    {
        var ana = await fx.CajeroAsync();
        var beto = await fx.CajeroAsync();
        await CajaKit.AbiertaAsync(ana);

        await (await beto.Client.GetAsync("/v1/caja/actual")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    // ---------------------------------------------------------------- blind count

    [Fact]
    public async Task A_cashier_reading_their_open_session_never_sees_the_expected_amount_a_supervisor_does()
    {
        var cajero = await fx.CajeroAsync();
        var supervisor = await fx.SupervisorAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 1500m)).Id();
        await CajaKit.IngresoAsync(cajero.Client, id, 237.45m);
        await CajaKit.EgresoAsync(cajero.Client, id, 61.20m);
        await CajaKit.IngresoAsync(cajero.Client, id, 80.15m, "debito");
        const decimal esperado = 1500m + 237.45m - 61.20m + 80.15m; // 1756.40, cash alone 1676.25
        string[] leaks = ["1756.4", "1756,4", "1676.25", "1676,25"];

        foreach (var path in new[] { $"/v1/caja/{id}", "/v1/caja/actual", "/v1/caja/sesiones", $"/v1/caja/sesiones?usuario_id={cajero.Id}" })
        {
            var response = await cajero.Client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
            foreach (var leak in leaks) Assert.DoesNotContain(leak, body);
        }
        var own = await (await cajero.Client.GetAsync($"/v1/caja/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, own.GetProperty("monto_esperado").ValueKind);
        var listed = (await (await cajero.Client.GetAsync("/v1/caja/sesiones")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("items")[0];
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("sesion").GetProperty("monto_esperado").ValueKind);

        var seen = await (await supervisor.Client.GetAsync($"/v1/caja/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(esperado, seen.Dec("monto_esperado"));
        Assert.Equal("abierta", seen.Str("estado"));
        // Nothing was stored: the supervisor's figure is live.
        Assert.Null((await App.SesionRowAsync(id)).MontoEsperado);
    }

    [Fact]
    public async Task A_supervisor_working_a_till_counts_blind_too()
    {
        var supervisor = await fx.SupervisorAsync();
        var otro = await fx.SupervisorAsync();
        var id = (await CajaKit.AbiertaAsync(supervisor, 1000m)).Id();
        await CajaKit.IngresoAsync(supervisor.Client, id, 234.56m);

        foreach (var path in new[] { $"/v1/caja/{id}", "/v1/caja/actual", $"/v1/caja/sesiones?usuario_id={supervisor.Id}" })
        {
            var body = await (await supervisor.Client.GetAsync(path)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("1234.56", body);
            Assert.Contains("\"monto_esperado\":null", body);
        }
        var seen = await (await otro.Client.GetAsync($"/v1/caja/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(1234.56m, seen.Dec("monto_esperado"));
    }

    [Fact]
    public async Task After_the_count_the_cashier_sees_expected_declared_and_desvio()
    {
        var cajero = await fx.CajeroAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 1000m)).Id();
        await CajaKit.IngresoAsync(cajero.Client, id, 200m);
        await (await CajaKit.ArqueoAsync(cajero.Client, id, 1190m)).ShouldBeAsync(HttpStatusCode.OK);

        var json = await (await cajero.Client.GetAsync($"/v1/caja/{id}")).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(1200m, json.Dec("monto_esperado"));
        Assert.Equal(1190m, json.Dec("monto_declarado"));
        Assert.Equal(-10m, json.Dec("desvio"));
        Assert.Equal(-0.83m, json.Dec("desvio_pct"));
        Assert.Equal("normal", json.Str("clasificacion"));
        Assert.Equal("cerrada", json.Str("estado"));
    }

    // ---------------------------------------------------------------- reading one session

    [Fact]
    public async Task A_cashier_may_not_read_another_cashiers_session_or_its_movements_403()
    {
        var ana = await fx.CajeroAsync();
        var beto = await fx.CajeroAsync();
        var id = (await CajaKit.AbiertaAsync(ana)).Id();

        await (await beto.Client.GetAsync($"/v1/caja/{id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await beto.Client.GetAsync($"/v1/caja/{id}/movimientos")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_unknown_session_is_404()
    {
        var supervisor = await fx.SupervisorAsync();

        await (await supervisor.Client.GetAsync($"/v1/caja/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await supervisor.Client.GetAsync($"/v1/caja/{Guid.NewGuid()}/movimientos")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_movements_of_a_session_are_listed_in_order_with_their_sign()
    {
        var cajero = await fx.CajeroAsync();
        var supervisor = await fx.SupervisorAsync();
        var id = (await CajaKit.AbiertaAsync(cajero)).Id();
        var a = await CajaKit.IngresoAsync(cajero.Client, id, 100m);
        var b = await CajaKit.EgresoAsync(cajero.Client, id, 30m, "transferencia");

        foreach (var client in new[] { cajero.Client, supervisor.Client })
        {
            var list = await (await client.GetAsync($"/v1/caja/{id}/movimientos")).ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal([a.Id(), b.Id()], list.EnumerateArray().Select(m => m.Id()));
            Assert.Equal([100m, -30m], list.EnumerateArray().Select(m => m.Dec("monto")));
            Assert.Equal(["efectivo", "transferencia"], list.EnumerateArray().Select(m => m.Str("metodo_pago")));
        }
    }
}
