using System.Data.Common;
using System.Net;
using BlendPos.Domain;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BlendPos.Tests.Features.Caja;

/// <summary>The cash app with a switch that makes the next INSERT into one table fail as a dropped connection would.</summary>
public sealed class CajaRetryAppFixture : CajaAppFixture
{
    public TransientFault Fault { get; } = new();

    protected override BlendPosApp CreateApp(TestDatabase db) => new(db, configure: b =>
    {
        BlendPosApp.QuickPasswordHashing(b);
        BlendPosApp.DistinctClientAddresses(b);
        b.ConfigureServices(s => s.ConfigureDbContext<BlendPosDb>(o => o.AddInterceptors(Fault)));
    });
}

/// <summary>Fails the next INSERT into the armed table with a transient error (what a dropped connection raises).</summary>
public sealed class TransientFault : DbCommandInterceptor
{
    private string? _table;
    private int _fired;

    public int Fired => Volatile.Read(ref _fired);

    public void FailNextInsertInto(string table) => Volatile.Write(ref _table, table);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Check(DbCommand command)
    {
        var table = Volatile.Read(ref _table);
        if (table is null || !command.CommandText.Contains($"INSERT INTO {table} ", StringComparison.Ordinal)) return;
        if (Interlocked.CompareExchange(ref _table, null, table) != table) return;
        Interlocked.Increment(ref _fired);
        throw new NpgsqlException("Simulated dropped connection", new TimeoutException());
    }
}

/// <summary>
/// Each cash operation is one transaction inside the execution strategy: a transient failure retries the whole of it
/// on a cleared change tracker, so nothing is written twice.
/// </summary>
public sealed class CajaRetryTests(CajaRetryAppFixture fx) : IClassFixture<CajaRetryAppFixture>
{
    private BlendPosApp App => fx.App;

    [Fact]
    public async Task A_movement_whose_insert_fails_transiently_is_retried_and_written_once()
    {
        var cajero = await fx.CajeroAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 100m)).Id();
        var fired = fx.Fault.Fired;

        fx.Fault.FailNextInsertInto("movimientos_caja");
        var json = await CajaKit.IngresoAsync(cajero.Client, id, 40m);

        Assert.Equal(fired + 1, fx.Fault.Fired);
        var row = Assert.Single(await App.MovimientoRowsAsync(id));
        Assert.Equal((json.Id(), 40m), (row.Id, row.Monto));
    }

    [Fact]
    public async Task A_count_whose_insert_fails_transiently_is_retried_and_taken_once()
    {
        var cajero = await fx.CajeroAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 100m)).Id();
        await CajaKit.IngresoAsync(cajero.Client, id, 50m);
        var fired = fx.Fault.Fired;

        fx.Fault.FailNextInsertInto("arqueos");
        var json = await (await CajaKit.ArqueoAsync(cajero.Client, id, 150m)).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(fired + 1, fx.Fault.Fired);
        Assert.Equal((150m, "cerrada"), (json.Dec("monto_esperado"), json.Str("estado")));
        Assert.Single(await App.ArqueoRowsAsync(id));
        var row = await App.SesionRowAsync(id);
        Assert.Equal((EstadoSesionCaja.Cerrada, 150m), (row.Estado, row.MontoEsperado));
    }

    [Fact]
    public async Task A_supervisor_close_whose_insert_fails_transiently_is_retried_and_taken_once()
    {
        var cajero = await fx.CajeroAsync();
        var supervisor = await fx.SupervisorAsync();
        var id = (await CajaKit.AbiertaAsync(cajero, 100m)).Id();
        var fired = fx.Fault.Fired;

        fx.Fault.FailNextInsertInto("arqueos");
        var json = await (await CajaKit.CerrarAsync(supervisor.Client, id, "Cierre", new { efectivo = 100m })).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(fired + 1, fx.Fault.Fired);
        Assert.Equal("cerrada", json.Str("estado"));
        Assert.Single(await App.ArqueoRowsAsync(id));
        Assert.Equal((Guid?)supervisor.Id, (await App.SesionRowAsync(id)).CerradaPorId);
    }
}
