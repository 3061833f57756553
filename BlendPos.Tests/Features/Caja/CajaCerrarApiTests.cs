using System.Net;
using System.Text.Json;
using BlendPos.Domain;
using BlendPos.Tests.Infrastructure;

namespace BlendPos.Tests.Features.Caja;

/// <summary>
/// POST /v1/caja/cerrar: a supervisor closes another user's open session with its declaration, or justifies a
/// pendiente_cierre one. Either way the supervisor is recorded.
/// </summary>
public sealed class CajaCerrarApiTests(CajaAppFixture fx) : IClassFixture<CajaAppFixture>
{
    private BlendPosApp App => fx.App;

    [Fact]
    public async Task A_cashier_may_not_close_or_justify_403()
    {
        var cajero = await fx.CajeroAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 1000m)).Id();
        var declaracion = new { efectivo = 1000m, debito = 0m, credito = 0m, transferencia = 0m };

        await (await CajaKit.CerrarAsync(cajero.Client, id, "Me voy", declaracion)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await CajaKit.ArqueoAsync(cajero.Client, id, 500m)).ShouldBeAsync(HttpStatusCode.OK); // critical
        await (await CajaKit.CerrarAsync(cajero.Client, id, "Justifico yo")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(EstadoSesionCaja.PendienteCierre, (await App.SesionRowAsync(id)).Estado);
    }

    [Fact]
    public async Task A_supervisor_closes_another_users_open_session_with_its_declaration_and_is_recorded()
    {
        var cajero = await fx.CajeroAsync();
        var supervisor = await fx.SupervisorAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 1000m)).Id();
        await CajaKit.IngresoAsync(cajero.Client, id, 200m, "debito");

        var json = await (await CajaKit.CerrarAsync(supervisor.Client, id, "El cajero se retiró",
            new { efectivo = 1005m, debito = 200m })).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(CajaKit.SesionFields, json.PropertyNames());
        Assert.Equal(("cerrada", "normal", "El cajero se retiró"), (json.Str("estado"), json.Str("clasificacion"), json.Str("observaciones")));
        Assert.Equal((1200m, 1205m, 5m, 0.42m), (json.Dec("monto_esperado"), json.Dec("monto_declarado"), json.Dec("desvio"), json.Dec("desvio_pct")));
        Assert.Equal(JsonValueKind.String, json.GetProperty("closed_at").ValueKind);
        var row = await App.SesionRowAsync(id);
        Assert.Equal((EstadoSesionCaja.Cerrada, (Guid?)supervisor.Id), (row.Estado, row.CerradaPorId));
        Assert.NotNull(row.ClosedAt);
        var arqueo = Assert.Single(await App.ArqueoRowsAsync(id));
        Assert.Equal((supervisor.Id, 1005m, 200m), (arqueo.UsuarioId, arqueo.DeclaradoEfectivo, arqueo.DeclaradoDebito));
        // The cashier cannot count it any more.
        await (await CajaKit.ArqueoAsync(cajero.Client, id, 1200m)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_supervisor_closing_an_open_session_with_a_critical_count_closes_it_justified_by_the_observations()
    {
        var cajero = await fx.CajeroAsync();
        var supervisor = await fx.SupervisorAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 1000m)).Id();

        var json = await (await CajaKit.CerrarAsync(supervisor.Client, id, "Faltan 300, el cajero avisó",
            new { efectivo = 700m })).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(("cerrada", "critico", -30m), (json.Str("estado"), json.Str("clasificacion"), json.Dec("desvio_pct")));
        var row = await App.SesionRowAsync(id);
        Assert.Equal((EstadoSesionCaja.Cerrada, ClasificacionDesvio.Critico, (Guid?)supervisor.Id, "Faltan 300, el cajero avisó"),
            (row.Estado, row.Clasificacion, row.CerradaPorId, row.Observaciones));
        Assert.NotNull(row.ClosedAt);
        await (await CajaKit.CerrarAsync(supervisor.Client, id, "Otra vez")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Closing_an_open_session_needs_a_declaration_and_observations_400()
    {
        var cajero = await fx.CajeroAsync();
        var supervisor = await fx.SupervisorAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 1000m)).Id();

        var sinDeclaracion = await (await CajaKit.CerrarAsync(supervisor.Client, id, "Cierre")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["declaracion"], sinDeclaracion.GetProperty("errors").PropertyNames());
        var sinObservaciones = await (await CajaKit.CerrarAsync(supervisor.Client, id, "  ", new { efectivo = 1000m }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["observaciones"], sinObservaciones.GetProperty("errors").PropertyNames());
        var negativa = await (await CajaKit.CerrarAsync(supervisor.Client, id, "Cierre", new { efectivo = -1m }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["declaracion.efectivo"], negativa.GetProperty("errors").PropertyNames());

        var row = await App.SesionRowAsync(id);
        Assert.Equal((EstadoSesionCaja.Abierta, (Guid?)null), (row.Estado, row.CerradaPorId));
        Assert.Empty(await App.ArqueoRowsAsync(id));
    }

    [Fact]
    public async Task A_supervisor_justifies_a_pending_session_which_closes_it()
    {
        var cajero = await fx.CajeroAsync();
        var supervisor = await fx.SupervisorAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 1000m)).Id();
        await (await CajaKit.ArqueoAsync(cajero.Client, id, 900m, observaciones: "No sé qué pasó")).ShouldBeAsync(HttpStatusCode.OK);

        var sin = await (await CajaKit.CerrarAsync(supervisor.Client, id, null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["observaciones"], sin.GetProperty("errors").PropertyNames());
        Assert.Equal(EstadoSesionCaja.PendienteCierre, (await App.SesionRowAsync(id)).Estado);

        var json = await (await CajaKit.CerrarAsync(supervisor.Client, id, "Billete falso retenido", new { efectivo = 1000m }))
            .ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(("cerrada", "critico", -100m, -10m), (json.Str("estado"), json.Str("clasificacion"), json.Dec("desvio"), json.Dec("desvio_pct")));
        Assert.Contains("No sé qué pasó", json.Str("observaciones"));
        Assert.Contains("Billete falso retenido", json.Str("observaciones"));
        var row = await App.SesionRowAsync(id);
        Assert.Equal((EstadoSesionCaja.Cerrada, (Guid?)supervisor.Id, 900m), (row.Estado, row.CerradaPorId, row.MontoDeclarado));
        Assert.NotNull(row.ClosedAt);
        // The justification is no re-count: the cashier's declaration stands.
        var arqueo = Assert.Single(await App.ArqueoRowsAsync(id));
        Assert.Equal((cajero.Id, 900m), (arqueo.UsuarioId, arqueo.DeclaradoEfectivo));
    }

    [Fact]
    public async Task Closing_a_closed_session_is_409()
    {
        var cajero = await fx.CajeroAsync();
        var supervisor = await fx.SupervisorAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 1000m)).Id();
        await (await CajaKit.ArqueoAsync(cajero.Client, id, 1000m)).ShouldBeAsync(HttpStatusCode.OK);
        var before = await App.SesionRowAsync(id);

        await (await CajaKit.CerrarAsync(supervisor.Client, id, "Cierro igual", new { efectivo = 1m })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var after = await App.SesionRowAsync(id);
        Assert.Equal((before.Observaciones, before.CerradaPorId, before.ClosedAt), (after.Observaciones, after.CerradaPorId, after.ClosedAt));
    }

    [Fact]
    public async Task An_admin_may_close_too_and_an_unknown_session_is_404()
    {
        var cajero = await fx.CajeroAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 10m)).Id();
        using var admin = await App.AdminAsync();

        await (await CajaKit.CerrarAsync(admin, Guid.NewGuid(), "x", new { efectivo = 1m })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var json = await (await CajaKit.CerrarAsync(admin, id, "Fin de turno", new { efectivo = 10m })).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal("cerrada", json.Str("estado"));
    }

    [Fact]
    public async Task No_movement_is_accepted_after_a_supervisor_close()
    {
        var cajero = await fx.CajeroAsync();
        var supervisor = await fx.SupervisorAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 10m)).Id();
        await (await CajaKit.CerrarAsync(supervisor.Client, id, "Cierre", new { efectivo = 10m })).ShouldBeAsync(HttpStatusCode.OK);

        await (await CajaKit.MovimientoAsync(cajero.Client, id, "ingreso_manual", 5m)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }
}
