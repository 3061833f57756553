using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlendPos.Domain;
using BlendPos.Tests.Infrastructure;

namespace BlendPos.Tests.Features.Caja;

/// <summary>POST /v1/caja/arqueo: the cashier's blind count, taken once, and what it does to the session.</summary>
public sealed class CajaArqueoApiTests(CajaAppFixture fx) : IClassFixture<CajaAppFixture>
{
    private BlendPosApp App => fx.App;

    // ---------------------------------------------------------------- arqueo

    [Fact]
    public async Task A_count_within_1_percent_closes_the_session_and_answers_the_arqueo_per_method()
    {
        var cajero = await fx.CajeroAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 1000m)).Id();
        await CajaKit.IngresoAsync(cajero.Client, id, 500m);
        await CajaKit.EgresoAsync(cajero.Client, id, 200m);
        await CajaKit.IngresoAsync(cajero.Client, id, 300m, "debito");
        await CajaKit.IngresoAsync(cajero.Client, id, 150m, "credito");
        await CajaKit.IngresoAsync(cajero.Client, id, 250m, "transferencia");
        await CajaKit.EgresoAsync(cajero.Client, id, 50m, "transferencia");
        // Expected: cash 1000 + 500 - 200 = 1300, debit 300, credit 150, transfer 200; total 1950.

        var json = await (await CajaKit.ArqueoAsync(cajero.Client, id, 1290m, 300m, 150m, 200m)).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(CajaKit.ArqueoFields, json.PropertyNames());
        Assert.Equal(id, json.GetProperty("sesion_caja_id").GetGuid());
        Assert.Equal(CajaKit.MetodoFields, json.GetProperty("esperado").PropertyNames());
        Assert.Equal(CajaKit.MetodoFields, json.GetProperty("declarado").PropertyNames());
        Assert.Equal([1300m, 300m, 150m, 200m], PorMetodo(json.GetProperty("esperado")));
        Assert.Equal([1290m, 300m, 150m, 200m], PorMetodo(json.GetProperty("declarado")));
        Assert.Equal(1950m, json.Dec("monto_esperado"));
        Assert.Equal(1940m, json.Dec("monto_declarado"));
        Assert.Equal(-10m, json.Dec("desvio"));
        Assert.Equal(-0.51m, json.Dec("desvio_pct"));
        Assert.Equal("normal", json.Str("clasificacion"));
        Assert.Equal("cerrada", json.Str("estado"));

        var row = await App.SesionRowAsync(id);
        Assert.Equal((EstadoSesionCaja.Cerrada, 1950m, 1940m, -10m, -0.51m, ClasificacionDesvio.Normal),
            (row.Estado, row.MontoEsperado, row.MontoDeclarado, row.Desvio, row.DesvioPct, row.Clasificacion));
        Assert.NotNull(row.ClosedAt);
        Assert.Null(row.CerradaPorId);
        var arqueo = Assert.Single(await App.ArqueoRowsAsync(id));
        Assert.Equal((cajero.Id, 1300m, 1290m), (arqueo.UsuarioId, arqueo.EsperadoEfectivo, arqueo.DeclaradoEfectivo));
    }

    [Fact]
    public async Task A_warning_count_closes_the_session_too()
    {
        var cajero = await fx.CajeroAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 1000m)).Id();

        var json = await (await CajaKit.ArqueoAsync(cajero.Client, id, 1050m)).ShouldBeAsync(HttpStatusCode.OK); // exactly +5 %

        Assert.Equal((5m, "warning", "cerrada"), (json.Dec("desvio_pct"), json.Str("clasificacion"), json.Str("estado")));
        var sesion = await (await cajero.Client.GetAsync($"/v1/caja/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("cerrada", sesion.Str("estado"));
        Assert.Equal(JsonValueKind.String, sesion.GetProperty("closed_at").ValueKind);
    }

    [Fact]
    public async Task A_critical_count_leaves_the_session_pending_close()
    {
        var cajero = await fx.CajeroAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 1000m)).Id();

        var json = await (await CajaKit.ArqueoAsync(cajero.Client, id, 949.90m, observaciones: "Faltante")).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal((-50.10m, -5.01m, "critico", "pendiente_cierre"),
            (json.Dec("desvio"), json.Dec("desvio_pct"), json.Str("clasificacion"), json.Str("estado")));
        var sesion = await (await cajero.Client.GetAsync($"/v1/caja/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(("pendiente_cierre", "Faltante"), (sesion.Str("estado"), sesion.Str("observaciones")));
        Assert.Equal(JsonValueKind.Null, sesion.GetProperty("closed_at").ValueKind);
        Assert.Equal(1000m, sesion.Dec("monto_esperado")); // counted: no longer blind
    }

    [Fact]
    public async Task Counting_zero_against_nothing_expected_is_normal()
    {
        var cajero = await fx.CajeroAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 0m)).Id();

        var json = await (await CajaKit.ArqueoAsync(cajero.Client, id, 0m)).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal((0m, 0m, "normal", "cerrada"), (json.Dec("monto_esperado"), json.Dec("desvio_pct"), json.Str("clasificacion"), json.Str("estado")));
    }

    [Fact]
    public async Task A_thousandfold_typo_in_the_count_is_stored_as_critical_not_a_500()
    {
        var cajero = await fx.CajeroAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 10m)).Id();

        var json = await (await CajaKit.ArqueoAsync(cajero.Client, id, 100_000m)).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal((99_990m, 99_999.99m, "critico", "pendiente_cierre"),
            (json.Dec("desvio"), json.Dec("desvio_pct"), json.Str("clasificacion"), json.Str("estado")));
        Assert.Equal(99_999.99m, (await App.SesionRowAsync(id)).DesvioPct);
    }

    [Fact]
    public async Task A_second_count_is_409_and_changes_nothing()
    {
        var cajero = await fx.CajeroAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 1000m)).Id();
        await (await CajaKit.ArqueoAsync(cajero.Client, id, 800m, observaciones: "Primera")).ShouldBeAsync(HttpStatusCode.OK); // critical
        var before = await App.SesionRowAsync(id);

        var problem = await (await CajaKit.ArqueoAsync(cajero.Client, id, 1000m, observaciones: "Ahora sí"))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("una sola vez", problem.Str("detail"));
        var after = await App.SesionRowAsync(id);
        Assert.Equal((before.Estado, before.MontoDeclarado, before.Desvio, before.DesvioPct, before.Clasificacion, before.Observaciones, before.ClosedAt),
            (after.Estado, after.MontoDeclarado, after.Desvio, after.DesvioPct, after.Clasificacion, after.Observaciones, after.ClosedAt));
        Assert.Equal(800m, Assert.Single(await App.ArqueoRowsAsync(id)).DeclaradoEfectivo);
    }

    [Fact]
    public async Task Two_counts_at_once_take_one_declaration()
    {
        var cajero = await fx.CajeroAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 1000m)).Id();

        var responses = await Task.WhenAll(CajaKit.ArqueoAsync(cajero.Client, id, 1000m), CajaKit.ArqueoAsync(cajero.Client, id, 700m),
            CajaKit.ArqueoAsync(cajero.Client, id, 1001m));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Single(await App.ArqueoRowsAsync(id));
    }

    [Fact]
    public async Task Counting_another_cashiers_session_is_403_even_for_a_supervisor()
    {
        var ana = await fx.CajeroAsync();
        var beto = await fx.CajeroAsync();
        var supervisor = await fx.SupervisorAsync();
        var id = (await CajaKit.AbiertaAsync(ana, 1000m)).Id();

        await (await CajaKit.ArqueoAsync(beto.Client, id, 1000m)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await CajaKit.ArqueoAsync(supervisor.Client, id, 1000m)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(EstadoSesionCaja.Abierta, (await App.SesionRowAsync(id)).Estado);
        Assert.Empty(await App.ArqueoRowsAsync(id));
    }

    public static TheoryData<string, string> BadCounts => new()
    {
        { """{"declaracion":{"efectivo":-1}}""", "declaracion.efectivo" },
        { """{"declaracion":{"efectivo":10,"debito":-0.01}}""", "declaracion.debito" },
        { """{"declaracion":{"efectivo":10,"credito":1.234}}""", "declaracion.credito" },
        { """{"declaracion":{"transferencia":-3}}""", "declaracion.transferencia" },
        { """{"observaciones":"sin declaración"}""", "declaracion" },
        { """{"declaracion":{"efectivo":9999999999,"debito":9999999999}}""", "declaracion" },
    };

    [Theory]
    [MemberData(nameof(BadCounts))]
    public async Task An_invalid_count_is_400_and_the_session_stays_open(string body, string field)
    {
        var cajero = await fx.CajeroAsync();
        var id = (await CajaKit.AbiertaAsync(cajero)).Id();

        var problem = await (await cajero.Client.PostAsync("/v1/caja/arqueo", Http.Json(body.Insert(1, $"\"sesion_caja_id\":\"{id}\","))))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal([field], problem.GetProperty("errors").PropertyNames());
        Assert.Equal(EstadoSesionCaja.Abierta, (await App.SesionRowAsync(id)).Estado);
    }

    [Fact]
    public async Task A_method_left_out_of_the_declaration_counts_as_zero()
    {
        var cajero = await fx.CajeroAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 100m)).Id();

        var json = await (await cajero.Client.PostAsJsonAsync("/v1/caja/arqueo", new { sesion_caja_id = id, declaracion = new { efectivo = 100m } }))
            .ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal([100m, 0m, 0m, 0m], PorMetodo(json.GetProperty("declarado")));
        Assert.Equal("normal", json.Str("clasificacion"));
    }

    [Fact]
    public async Task Counting_an_unknown_session_is_404()
    {
        var cajero = await fx.CajeroAsync();

        await (await CajaKit.ArqueoAsync(cajero.Client, Guid.NewGuid(), 1m)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    // ---------------------------------------------------------------- a movement racing the count

    [Fact]
    public async Task No_movement_slips_into_a_session_after_its_count()
    {
        var cajero = await fx.CajeroAsync();
        var accepted = 0;
        var refused = 0;
        for (var round = 0; round < 4; round++)
        {
            var id = (await CajaKit.AbiertaAsync(cajero, 1000m)).Id();
            // Powers of two: the expected amount names exactly which movements it includes.
            var movements = Enumerable.Range(0, 10)
                .Select(i => CajaKit.MovimientoAsync(cajero.Client, id, "ingreso_manual", 1 << i, descripcion: $"Carrera {i}")).ToList();
            var count = CajaKit.ArqueoAsync(cajero.Client, id, 1000m);
            var responses = await Task.WhenAll(movements);
            var arqueo = await (await count).ShouldBeAsync(HttpStatusCode.OK);

            var ok = new List<decimal>();
            foreach (var r in responses)
            {
                if (r.StatusCode == HttpStatusCode.Created) ok.Add((await r.JsonAsync()).Dec("monto"));
                else await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
            }
            accepted += ok.Count;
            refused += responses.Length - ok.Count;
            Assert.Equal(1000m + ok.Sum(), arqueo.Dec("monto_esperado"));
            Assert.Equal(1000m + ok.Sum(), arqueo.GetProperty("esperado").Dec("efectivo"));
            var rows = await App.MovimientoRowsAsync(id);
            Assert.Equal(ok.Order(), rows.Select(m => m.Monto).Order());
            var countedAt = Assert.Single(await App.ArqueoRowsAsync(id)).CreatedAt;
            Assert.All(rows, m => Assert.True(m.CreatedAt <= countedAt, $"movement {m.Monto} at {m.CreatedAt:O} after the count at {countedAt:O}"));
            Assert.Equal(1000m + ok.Sum(), (await App.SesionRowAsync(id)).MontoEsperado);
        }
        Assert.Equal(40, accepted + refused);
    }

    private static decimal[] PorMetodo(JsonElement m) =>
        [m.Dec("efectivo"), m.Dec("debito"), m.Dec("credito"), m.Dec("transferencia")];
}
