using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlendPos.Domain;
using BlendPos.Tests.Infrastructure;
using Npgsql;

namespace BlendPos.Tests.Features.Caja;

/// <summary>POST /v1/caja/movimiento: manual ingresos and egresos, and the immutability of movements.</summary>
public sealed class CajaMovimientoApiTests(CajaAppFixture fx) : IClassFixture<CajaAppFixture>
{
    private BlendPosApp App => fx.App;

    [Fact]
    public async Task An_ingreso_is_stored_positive_in_cash_by_default()
    {
        var cajero = await fx.CajeroAsync();
        var id = (await CajaKit.AbiertaAsync(cajero)).Id();

        var response = await CajaKit.MovimientoAsync(cajero.Client, id, "ingreso_manual", 250.75m, descripcion: "  Cambio del banco  ");
        var json = await response.ShouldBeAsync(HttpStatusCode.Created);

        Assert.Equal(["created_at", "descripcion", "id", "metodo_pago", "monto", "referencia_id", "sesion_caja_id", "tipo"], json.PropertyNames());
        Assert.Equal(id, json.GetProperty("sesion_caja_id").GetGuid());
        Assert.Equal("ingreso_manual", json.Str("tipo"));
        Assert.Equal("efectivo", json.Str("metodo_pago"));
        Assert.Equal(250.75m, json.Dec("monto"));
        Assert.Equal("Cambio del banco", json.Str("descripcion"));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("referencia_id").ValueKind);
        var row = Assert.Single(await App.MovimientoRowsAsync(id));
        Assert.Equal((json.Id(), TipoMovimientoCaja.IngresoManual, MetodoPago.Efectivo, 250.75m, (Guid?)cajero.Id),
            (row.Id, row.Tipo, row.MetodoPago, row.Monto, row.UsuarioId));
    }

    [Fact]
    public async Task An_egreso_is_stored_negative_with_its_method()
    {
        var cajero = await fx.CajeroAsync();
        var id = (await CajaKit.AbiertaAsync(cajero)).Id();

        var json = await (await CajaKit.MovimientoAsync(cajero.Client, id, "egreso_manual", 80m, "transferencia", "Pago a proveedor"))
            .ShouldBeAsync(HttpStatusCode.Created);

        Assert.Equal(("egreso_manual", "transferencia", -80m), (json.Str("tipo"), json.Str("metodo_pago"), json.Dec("monto")));
        var row = Assert.Single(await App.MovimientoRowsAsync(id));
        Assert.Equal((TipoMovimientoCaja.EgresoManual, MetodoPago.Transferencia, -80m), (row.Tipo, row.MetodoPago, row.Monto));
    }

    public static TheoryData<string, string> BadMovements => new()
    {
        { """{"tipo":"ingreso_manual","monto":10}""", "descripcion" },
        { """{"tipo":"ingreso_manual","monto":10,"descripcion":"   "}""", "descripcion" },
        { $$"""{"tipo":"ingreso_manual","monto":10,"descripcion":"{{new string('x', 301)}}"}""", "descripcion" },
        { """{"tipo":"ingreso_manual","monto":0,"descripcion":"x"}""", "monto" },
        { """{"tipo":"egreso_manual","monto":-5,"descripcion":"x"}""", "monto" },
        { """{"tipo":"ingreso_manual","monto":1.001,"descripcion":"x"}""", "monto" },
        { """{"tipo":"ingreso_manual","descripcion":"x"}""", "monto" },
        { """{"tipo":"venta","monto":10,"descripcion":"x"}""", "tipo" },
        { """{"tipo":"anulacion","monto":10,"descripcion":"x"}""", "tipo" },
        { """{"monto":10,"descripcion":"x"}""", "tipo" },
    };

    [Theory]
    [MemberData(nameof(BadMovements))]
    public async Task An_invalid_movement_is_400_on_the_field_and_writes_nothing(string body, string field)
    {
        var cajero = await fx.CajeroAsync();
        var id = (await CajaKit.AbiertaAsync(cajero)).Id();
        var withSession = body.Insert(1, $"\"sesion_caja_id\":\"{id}\",");

        var problem = await (await cajero.Client.PostAsync("/v1/caja/movimiento", Http.Json(withSession))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal([field], problem.GetProperty("errors").PropertyNames());
        Assert.Empty(await App.MovimientoRowsAsync(id));
    }

    [Fact]
    public async Task A_movement_without_session_is_400_and_on_an_unknown_one_404()
    {
        var cajero = await fx.CajeroAsync();

        var problem = await (await cajero.Client.PostAsJsonAsync("/v1/caja/movimiento",
            new { tipo = "ingreso_manual", monto = 10, descripcion = "x" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["sesion_caja_id"], problem.GetProperty("errors").PropertyNames());
        await (await CajaKit.MovimientoAsync(cajero.Client, Guid.NewGuid(), "ingreso_manual", 10m)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_movement_on_another_cashiers_session_is_403_even_for_a_supervisor()
    {
        var ana = await fx.CajeroAsync();
        var beto = await fx.CajeroAsync();
        var supervisor = await fx.SupervisorAsync();
        var id = (await CajaKit.AbiertaAsync(ana)).Id();

        await (await CajaKit.MovimientoAsync(beto.Client, id, "egreso_manual", 10m)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await CajaKit.MovimientoAsync(supervisor.Client, id, "egreso_manual", 10m)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        Assert.Empty(await App.MovimientoRowsAsync(id));
    }

    [Fact]
    public async Task No_movement_is_accepted_once_the_session_is_counted_409()
    {
        var cajero = await fx.CajeroAsync();
        var cerrada = (await CajaKit.AbiertaAsync(cajero, 100m)).Id();
        await (await CajaKit.ArqueoAsync(cajero.Client, cerrada, 100m)).ShouldBeAsync(HttpStatusCode.OK);
        var pendiente = (await CajaKit.AbiertaAsync(cajero, 100m)).Id();
        await (await CajaKit.ArqueoAsync(cajero.Client, pendiente, 900m)).ShouldBeAsync(HttpStatusCode.OK);

        foreach (var id in new[] { cerrada, pendiente })
        {
            var problem = await (await CajaKit.MovimientoAsync(cajero.Client, id, "ingreso_manual", 10m)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains("no está abierta", problem.Str("detail"));
            Assert.Empty(await App.MovimientoRowsAsync(id));
        }
    }

    [Fact]
    public async Task Movements_can_be_neither_updated_nor_deleted_before_or_after_a_count()
    {
        var cajero = await fx.CajeroAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 100m)).Id();
        var mov = (await CajaKit.IngresoAsync(cajero.Client, id, 50m)).Id();

        await AssertImmutableAsync(mov);
        await (await CajaKit.ArqueoAsync(cajero.Client, id, 150m)).ShouldBeAsync(HttpStatusCode.OK);
        await AssertImmutableAsync(mov);

        Assert.Equal(50m, Assert.Single(await App.MovimientoRowsAsync(id)).Monto);
    }

    private async Task AssertImmutableAsync(Guid movimientoId)
    {
        await using var conn = App.Database.Open();
        foreach (var sql in new[]
                 {
                     "UPDATE movimientos_caja SET monto = 0 WHERE id = @id",
                     "UPDATE movimientos_caja SET descripcion = 'editado' WHERE id = @id",
                     "DELETE FROM movimientos_caja WHERE id = @id",
                 })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            cmd.Parameters.AddWithValue("id", movimientoId);
            var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.RestrictViolation, e.SqlState);
        }
    }
}
