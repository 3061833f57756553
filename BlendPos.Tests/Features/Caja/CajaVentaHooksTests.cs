using System.Net;
using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Domain.Ventas;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Caja;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlendPos.Tests.Features.Caja;

/// <summary>
/// The hooks the sales service will call inside its own transaction: lock the session for a sale, one movement per
/// payment (cash = paid minus change), inverse movements on a void. Called here the way a sale will, over a real
/// <c>ventas</c> row.
/// </summary>
public sealed class CajaVentaHooksTests(CajaAppFixture fx) : IClassFixture<CajaAppFixture>
{
    private BlendPosApp App => fx.App;
    private static long _ticket;

    [Fact]
    public async Task A_cash_sale_moves_the_amount_paid_minus_the_change()
    {
        var (cajero, sesionId) = await AbiertaAsync(1000m);

        var ventaId = await VenderAsync(cajero, sesionId, total: 700m, vuelto: 300m, (MetodoPago.Efectivo, 1000m));

        var mov = Assert.Single(await App.MovimientoRowsAsync(sesionId));
        Assert.Equal((TipoMovimientoCaja.Venta, (MetodoPago?)MetodoPago.Efectivo, 700m, (Guid?)ventaId, (Guid?)cajero.Id),
            (mov.Tipo, mov.MetodoPago, mov.Monto, mov.ReferenciaId, mov.UsuarioId));
        Assert.StartsWith("Venta ", mov.Descripcion);
        Assert.Equal(1700m, await EsperadoAsync(sesionId));
    }

    [Fact]
    public async Task A_mixed_sale_moves_each_payment_and_takes_the_change_from_cash_only()
    {
        var (cajero, sesionId) = await AbiertaAsync(0m);

        await VenderAsync(cajero, sesionId, total: 1500m, vuelto: 500m, (MetodoPago.Debito, 1000m), (MetodoPago.Efectivo, 1000m));

        Assert.Equal([(MetodoPago.Efectivo, 500m), (MetodoPago.Debito, 1000m)], await PorMetodoAsync(sesionId));
    }

    [Fact]
    public async Task The_change_is_taken_from_one_cash_payment_not_from_each()
    {
        var (cajero, sesionId) = await AbiertaAsync(0m);

        await VenderAsync(cajero, sesionId, total: 2300m, vuelto: 200m,
            (MetodoPago.Efectivo, 500m), (MetodoPago.Credito, 1000m), (MetodoPago.Efectivo, 1000m));

        var rows = await App.MovimientoRowsAsync(sesionId);
        Assert.Equal(2300m, rows.Sum(m => m.Monto));
        Assert.Equal(1300m, rows.Where(m => m.MetodoPago == MetodoPago.Efectivo).Sum(m => m.Monto));
        Assert.All(rows, m => Assert.True(m.Monto > 0, $"a sale movement of {m.Monto}"));
        // The larger cash payment gave the change; the other cash payment and the card are as paid.
        Assert.Equal([(MetodoPago.Efectivo, 500m), (MetodoPago.Efectivo, 800m), (MetodoPago.Credito, 1000m)],
            rows.Select(m => (m.MetodoPago!.Value, m.Monto)).OrderBy(x => x.Value).ThenBy(x => x.Monto));
    }

    [Fact]
    public async Task Change_larger_than_any_single_cash_payment_never_makes_a_negative_sale_movement()
    {
        var (cajero, sesionId) = await AbiertaAsync(0m);

        await VenderAsync(cajero, sesionId, total: 50m, vuelto: 150m, (MetodoPago.Efectivo, 100m), (MetodoPago.Efectivo, 100m));

        var rows = await App.MovimientoRowsAsync(sesionId);
        Assert.Equal(50m, rows.Sum(m => m.Monto));
        Assert.All(rows, m => Assert.True(m.Monto > 0, $"a sale movement of {m.Monto}"));
    }

    [Fact]
    public async Task Cash_paid_exactly_as_the_change_leaves_no_cash_movement()
    {
        var (cajero, sesionId) = await AbiertaAsync(0m);

        await VenderAsync(cajero, sesionId, total: 800m, vuelto: 200m, (MetodoPago.Transferencia, 800m), (MetodoPago.Efectivo, 200m));

        Assert.Equal([(MetodoPago.Transferencia, 800m)], await PorMetodoAsync(sesionId));
    }

    [Fact]
    public async Task Change_without_cash_to_give_it_from_is_a_programming_error()
    {
        var (cajero, sesionId) = await AbiertaAsync(0m);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            VenderAsync(cajero, sesionId, total: 900m, vuelto: 100m, (MetodoPago.Debito, 1000m)));

        Assert.Empty(await App.MovimientoRowsAsync(sesionId));
    }

    [Fact]
    public async Task A_sale_on_another_cashiers_session_is_403_and_on_a_counted_one_409()
    {
        var (cajero, sesionId) = await AbiertaAsync(100m);
        var otro = await fx.CajeroAsync();

        var forbidden = await Assert.ThrowsAsync<ForbiddenException>(() =>
            VenderAsync(otro, sesionId, total: 10m, vuelto: 0m, (MetodoPago.Efectivo, 10m)));
        Assert.Equal(403, forbidden.Status);

        await (await CajaKit.ArqueoAsync(cajero.Client, sesionId, 100m)).ShouldBeAsync(HttpStatusCode.OK);
        var conflict = await Assert.ThrowsAsync<ConflictException>(() =>
            VenderAsync(cajero, sesionId, total: 10m, vuelto: 0m, (MetodoPago.Efectivo, 10m)));
        Assert.Equal(409, conflict.Status);
        Assert.Empty(await App.MovimientoRowsAsync(sesionId));
    }

    [Fact]
    public async Task A_sale_checks_the_locked_session_not_a_stale_copy_its_context_already_holds()
    {
        var (cajero, sesionId) = await AbiertaAsync(100m);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlendPosDb>();
        var caja = scope.ServiceProvider.GetRequiredService<CajaService>();
        var early = await db.SesionesCaja.SingleAsync(s => s.Id == sesionId); // tracked while still open
        await (await CajaKit.ArqueoAsync(cajero.Client, sesionId, 100m)).ShouldBeAsync(HttpStatusCode.OK);

        await Assert.ThrowsAsync<ConflictException>(() => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await caja.SesionParaVentaAsync(sesionId, cajero.Id, CancellationToken.None);
        }));
        Assert.Equal(EstadoSesionCaja.Abierta, early.Estado);
    }

    [Fact]
    public async Task A_void_writes_the_inverse_of_each_sale_movement_and_keeps_the_originals()
    {
        var (cajero, sesionId) = await AbiertaAsync(1000m);
        var supervisor = await fx.SupervisorAsync();
        var ventaId = await VenderAsync(cajero, sesionId, total: 1500m, vuelto: 500m, (MetodoPago.Debito, 1000m), (MetodoPago.Efectivo, 1000m));
        var otraVenta = await VenderAsync(cajero, sesionId, total: 80m, vuelto: 20m, (MetodoPago.Efectivo, 100m));

        await AnularAsync(ventaId, supervisor.Id);

        var rows = await App.MovimientoRowsAsync(sesionId);
        var inversos = rows.Where(m => m.Tipo == TipoMovimientoCaja.Anulacion).ToList();
        Assert.Equal([(MetodoPago.Efectivo, -500m), (MetodoPago.Debito, -1000m)],
            inversos.Select(m => (m.MetodoPago!.Value, m.Monto)).OrderBy(x => x.Value));
        Assert.All(inversos, m => Assert.Equal((ventaId, (Guid?)supervisor.Id), (m.ReferenciaId!.Value, m.UsuarioId)));
        Assert.All(inversos, m => Assert.Contains("Cliente arrepentido", m.Descripcion));
        Assert.Equal(3, rows.Count(m => m.Tipo == TipoMovimientoCaja.Venta));
        Assert.Equal(1080m, await EsperadoAsync(sesionId)); // the opening amount and the other sale
        Assert.Contains(rows, m => m.ReferenciaId == otraVenta);
    }

    [Fact]
    public async Task Voiding_twice_is_409_and_writes_nothing_more()
    {
        var (cajero, sesionId) = await AbiertaAsync(0m);
        var ventaId = await VenderAsync(cajero, sesionId, total: 100m, vuelto: 0m, (MetodoPago.Efectivo, 100m));
        await AnularAsync(ventaId, cajero.Id);

        await Assert.ThrowsAsync<ConflictException>(() => AnularAsync(ventaId, cajero.Id));

        Assert.Equal(0m, await EsperadoAsync(sesionId));
        Assert.Equal(2, (await App.MovimientoRowsAsync(sesionId)).Count);
    }

    [Fact]
    public async Task Voiding_a_sale_of_a_counted_session_is_409_so_no_movement_lands_after_the_count()
    {
        var (cajero, sesionId) = await AbiertaAsync(0m);
        var ventaId = await VenderAsync(cajero, sesionId, total: 100m, vuelto: 0m, (MetodoPago.Efectivo, 100m));
        await (await CajaKit.ArqueoAsync(cajero.Client, sesionId, 100m)).ShouldBeAsync(HttpStatusCode.OK);

        await Assert.ThrowsAsync<ConflictException>(() => AnularAsync(ventaId, cajero.Id));

        Assert.Single(await App.MovimientoRowsAsync(sesionId));
        Assert.Equal(100m, (await App.SesionRowAsync(sesionId)).MontoEsperado);
    }

    // ---------------------------------------------------------------- helpers

    private async Task<(Persona Cajero, Guid SesionId)> AbiertaAsync(decimal montoInicial)
    {
        var cajero = await fx.CajeroAsync();
        return (cajero, (await CajaKit.AbiertaAsync(cajero, montoInicial)).Id());
    }

    /// <summary>What the sales service will do: in one transaction, lock the session, write the sale, register its payments.</summary>
    private async Task<Guid> VenderAsync(Persona cajero, Guid sesionId, decimal total, decimal vuelto, params (MetodoPago Metodo, decimal Monto)[] pagos)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlendPosDb>();
        var caja = scope.ServiceProvider.GetRequiredService<CajaService>();
        var ventaId = Guid.NewGuid();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var sesion = await caja.SesionParaVentaAsync(sesionId, cajero.Id, CancellationToken.None);
            var numero = Interlocked.Increment(ref _ticket);
            db.Ventas.Add(new Venta
            {
                Id = ventaId, NumeroTicket = numero, PuntoDeVenta = sesion.PuntoDeVenta, SesionCajaId = sesion.Id, UsuarioId = cajero.Id,
                Subtotal = total, Total = total, Vuelto = vuelto, CreatedAt = DateTimeOffset.UtcNow,
                Pagos = pagos.Select(p => new VentaPago { Id = Guid.NewGuid(), VentaId = ventaId, Metodo = p.Metodo, Monto = p.Monto }).ToList(),
            });
            // The sale's arithmetic is the domain's (VentaRules.Cobrar); the hook records what each payment leaves.
            var (cobro, errores) = VentaRules.Cobrar(pagos.Sum(p => p.Monto) - vuelto, pagos.Select(p => new Pago(p.Metodo, p.Monto)).ToList());
            if (cobro is null) throw new InvalidOperationException(string.Join(" ", errores.Values));
            Assert.Equal(vuelto, cobro.Vuelto);
            await db.SaveChangesAsync();
            await using var batch = SqlBatch.Create(db, [CajaService.IngresosVentaCommand(
                sesion.Id, ventaId, $"{sesion.PuntoDeVenta:D4}-{numero:D8}", cobro.IngresosCaja, cajero.Id, DateTimeOffset.UtcNow)]);
            await batch.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        });
        return ventaId;
    }

    private async Task AnularAsync(Guid ventaId, Guid usuarioId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlendPosDb>();
        var caja = scope.ServiceProvider.GetRequiredService<CajaService>();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await caja.RegistrarAnulacionAsync(ventaId, "Cliente arrepentido", usuarioId, CancellationToken.None);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        });
    }

    private async Task<(MetodoPago, decimal)[]> PorMetodoAsync(Guid sesionId) =>
        (await App.MovimientoRowsAsync(sesionId)).Select(m => (m.MetodoPago!.Value, m.Monto)).OrderBy(x => x.Value).ToArray();

    private Task<decimal> EsperadoAsync(Guid sesionId) =>
        App.WithDbAsync(async db =>
        {
            var sesion = await db.SesionesCaja.AsNoTracking().SingleAsync(s => s.Id == sesionId);
            var movs = await db.MovimientosCaja.AsNoTracking().Where(m => m.SesionCajaId == sesionId).ToListAsync();
            return ArqueoRules.Esperado(sesion.MontoInicial, movs.Select(m => (m.MetodoPago, m.Monto))).Total;
        });
}
