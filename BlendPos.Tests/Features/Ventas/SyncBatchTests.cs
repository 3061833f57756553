using System.Net;
using System.Net.Http.Json;
using BlendPos.Domain;
using BlendPos.Tests.Features.Caja;
using BlendPos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BlendPos.Tests.Features.Ventas.SyncBatchKit;

namespace BlendPos.Tests.Features.Ventas;

/// <summary>POST /v1/ventas/sync-batch (API.md VentaOffline): ordered, idempotent, never blocks a sale, flags conflicts.</summary>
public sealed class SyncBatchTests(CajaAppFixture fx) : IClassFixture<CajaAppFixture>
{
    private BlendPosApp App => fx.App;
    private static DateTimeOffset Hace(TimeSpan t) => DateTimeOffset.UtcNow - t;

    private async Task<(Persona Cajero, Guid Sesion)> CajaAbiertaAsync()
    {
        var cajero = await fx.CajeroAsync();
        return (cajero, (await CajaKit.AbiertaAsync(cajero, 1000m)).Id());
    }

    [Fact]
    public async Task An_offline_sale_keeps_the_terminal_price_and_time_gets_a_ticket_and_moves_stock_and_cash()
    {
        var (producto, codigo) = await App.ProductoAsync(1500m, 10);
        // The price went up two days ago; the terminal still sold at the old one, which is within the 7 days.
        await App.HistorialAsync(producto, (Hace(TimeSpan.FromDays(30)), 1200m), (Hace(TimeSpan.FromDays(2)), 1500m));
        var (cajero, sesion) = await CajaAbiertaAsync();
        var id = Guid.NewGuid();
        var vendida = Hace(TimeSpan.FromHours(3));

        var r = Assert.Single(await cajero.Client.SyncAsync(
            Venta(id, sesion, vendida, [Item(codigo, 3, 1200m)], [Pago("debito", 1000m), Pago("efectivo", 5000m)])).ResultadosAsync());

        Assert.Equal(id, r.Id());
        Assert.Equal("procesada", r.Str("estado"));
        Assert.Equal(1, r.GetProperty("numero_ticket").GetInt64());
        Assert.False(r.GetProperty("conflicto_stock").GetBoolean());
        Assert.False(r.GetProperty("conflicto_precio").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, r.GetProperty("error").ValueKind);
        Assert.Equal(7, await App.StockAsync(producto));

        var venta = await (await cajero.Client.GetAsync($"/v1/ventas/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(3600m, venta.Dec("total"));
        Assert.Equal(2400m, venta.Dec("vuelto"));
        Assert.Equal(1200m, venta.GetProperty("items")[0].Dec("precio_unitario"));
        Assert.Equal(vendida.ToUnixTimeMilliseconds(), venta.GetProperty("created_at").GetDateTimeOffset().ToUnixTimeMilliseconds());
        var fila = await App.WithDbAsync(db => db.Ventas.AsNoTracking().SingleAsync(v => v.Id == id));
        Assert.True(fila.Offline);
        Assert.NotNull(fila.SyncedAt);

        var movs = (await App.MovimientoRowsAsync(sesion)).Where(m => m.ReferenciaId == id).ToList();
        Assert.Equal(1000m, movs.Single(m => m.MetodoPago == MetodoPago.Debito).Monto);
        Assert.Equal(2600m, movs.Single(m => m.MetodoPago == MetodoPago.Efectivo).Monto); // paid minus change
    }

    [Fact]
    public async Task Replaying_the_same_batch_three_times_changes_nothing_and_answers_duplicada()
    {
        var (producto, codigo) = await App.ProductoAsync(500m, 20);
        var (cajero, sesion) = await CajaAbiertaAsync();
        var ventas = Enumerable.Range(0, 3).Select(i => Venta(Guid.NewGuid(), sesion, Hace(TimeSpan.FromMinutes(10 - i)),
            [Item(codigo, 2, 500m)], [Pago("efectivo", 1000m)])).ToArray();

        var primera = await cajero.Client.SyncAsync(ventas).ResultadosAsync();
        Assert.All(primera, r => Assert.Equal("procesada", r.Str("estado")));
        var movimientos = (await App.MovimientoRowsAsync(sesion)).Count;

        for (var vez = 0; vez < 3; vez++)
        {
            var otra = await cajero.Client.SyncAsync(ventas).ResultadosAsync();
            Assert.Equal(primera.Select(r => r.Id()), otra.Select(r => r.Id()));
            Assert.All(otra, r => Assert.Equal("duplicada", r.Str("estado")));
            // The stored ticket number comes back, so the terminal can print it.
            Assert.Equal(primera.Select(r => r.GetProperty("numero_ticket").GetInt64()), otra.Select(r => r.GetProperty("numero_ticket").GetInt64()));
        }
        Assert.Equal(14, await App.StockAsync(producto));
        Assert.Equal(movimientos, (await App.MovimientoRowsAsync(sesion)).Count);
        Assert.Equal(3, await App.WithDbAsync(db => db.Ventas.CountAsync(v => v.SesionCajaId == sesion)));
    }

    [Fact]
    public async Task Two_replays_of_one_batch_at_once_store_each_sale_exactly_once()
    {
        var (producto, codigo) = await App.ProductoAsync(100m, 100);
        var (cajero, sesion) = await CajaAbiertaAsync();
        var ventas = Enumerable.Range(0, 20).Select(i => Venta(Guid.NewGuid(), sesion, Hace(TimeSpan.FromMinutes(30 - i)),
            [Item(codigo, 1, 100m)], [Pago("efectivo", 100m)])).ToArray();
        using var otraPestana = await App.ClientAsAsync((await App.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == cajero.Id))).UserName!, CajaKit.Password);

        var respuestas = await Task.WhenAll(cajero.Client.SyncAsync(ventas).ResultadosAsync(), otraPestana.SyncAsync(ventas).ResultadosAsync());

        for (var i = 0; i < ventas.Length; i++)
        {
            var estados = respuestas.Select(r => r[i].Str("estado")).Order().ToArray();
            Assert.Contains(estados, e => e == "procesada");
            Assert.All(estados, e => Assert.Contains(e, new[] { "procesada", "duplicada" }));
        }
        Assert.Equal(20, await App.WithDbAsync(db => db.Ventas.CountAsync(v => v.SesionCajaId == sesion)));
        Assert.Equal(80, await App.StockAsync(producto));
        Assert.Equal(20, (await App.MovimientoRowsAsync(sesion)).Count(m => m.Tipo == TipoMovimientoCaja.Venta));
    }

    [Fact]
    public async Task The_same_sale_sent_twice_at_the_same_moment_is_stored_once_and_both_calls_answer()
    {
        var (producto, codigo) = await App.ProductoAsync(100m, 1000);
        var (cajero, sesion) = await CajaAbiertaAsync();
        for (var ronda = 0; ronda < 15; ronda++)
        {
            var id = Guid.NewGuid();
            var online = new { id, sesion_caja_id = sesion, items = new[] { new { barcode = codigo, cantidad = 1 } }, pagos = new[] { Pago("efectivo", 100m) } };
            var offline = Venta(Guid.NewGuid(), sesion, Hace(TimeSpan.FromMinutes(1)), [Item(codigo, 1, 100m)], [Pago("efectivo", 100m)]);
            // A double click on «Confirmar» online, and two tabs replaying one outbox entry.
            var respuestas = await Task.WhenAll(
                cajero.Client.PostAsJsonAsync("/v1/ventas", online), cajero.Client.PostAsJsonAsync("/v1/ventas", online),
                cajero.Client.SyncAsync(offline), cajero.Client.SyncAsync(offline));
            Assert.All(respuestas, r => Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode} {r.Content.ReadAsStringAsync().Result}"));
        }
        Assert.Equal(30, await App.WithDbAsync(db => db.Ventas.CountAsync(v => v.SesionCajaId == sesion)));
        Assert.Equal(970, await App.StockAsync(producto));
    }

    [Fact]
    public async Task Stock_the_server_cannot_cover_goes_negative_and_flags_the_sale()
    {
        var (producto, codigo) = await App.ProductoAsync(800m, 2);
        var (cajero, sesion) = await CajaAbiertaAsync();
        var id = Guid.NewGuid();

        var r = Assert.Single(await cajero.Client.SyncAsync(
            Venta(id, sesion, Hace(TimeSpan.FromMinutes(5)), [Item(codigo, 5, 800m)], [Pago("efectivo", 4000m)])).ResultadosAsync());

        Assert.Equal("procesada", r.Str("estado"));
        Assert.True(r.GetProperty("conflicto_stock").GetBoolean());
        Assert.Equal(-3, await App.StockAsync(producto));
        var ledger = await App.WithDbAsync(db => db.MovimientosStock.AsNoTracking().Where(m => m.ReferenciaId == id).ToListAsync());
        Assert.Equal(-3, Assert.Single(ledger).StockResultante);
        var listado = await (await cajero.Client.GetAsync($"/v1/ventas?sesion_caja_id={sesion}&conflicto=true")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Contains(listado.GetProperty("items").EnumerateArray(), v => v.Id() == id);
    }

    [Fact]
    public async Task A_price_the_product_never_had_in_the_seven_days_before_the_sale_is_kept_and_flagged()
    {
        var (producto, codigo) = await App.ProductoAsync(1000m, 50);
        // 700 was the price until 10 days ago: too old. 900 was set 3 days ago and replaced yesterday: still known.
        await App.HistorialAsync(producto, (Hace(TimeSpan.FromDays(40)), 700m), (Hace(TimeSpan.FromDays(10)), 800m),
            (Hace(TimeSpan.FromDays(3)), 900m), (Hace(TimeSpan.FromDays(1)), 1000m));
        var (cajero, sesion) = await CajaAbiertaAsync();
        var ahora = Hace(TimeSpan.FromMinutes(1));

        var r = await cajero.Client.SyncAsync(
            Venta(Guid.NewGuid(), sesion, ahora, [Item(codigo, 1, 700m)], [Pago("efectivo", 700m)]),
            Venta(Guid.NewGuid(), sesion, ahora, [Item(codigo, 1, 800m)], [Pago("efectivo", 800m)]),
            Venta(Guid.NewGuid(), sesion, ahora, [Item(codigo, 1, 900m)], [Pago("efectivo", 900m)]),
            Venta(Guid.NewGuid(), sesion, ahora, [Item(codigo, 1, 1.5m)], [Pago("efectivo", 1.5m)])).ResultadosAsync();

        Assert.All(r, x => Assert.Equal("procesada", x.Str("estado")));
        Assert.Equal([true, false, false, true], r.Select(x => x.GetProperty("conflicto_precio").GetBoolean()));
        var ventaBarata = await (await cajero.Client.GetAsync($"/v1/ventas/{r[3].Id()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(1.5m, ventaBarata.Dec("total")); // the offline price is kept; a supervisor reviews it
    }

    [Fact]
    public async Task A_sale_into_a_session_closed_meanwhile_is_processed_into_it_and_flagged()
    {
        var (producto, codigo) = await App.ProductoAsync(250m, 10);
        var (cajero, sesion) = await CajaAbiertaAsync();
        await (await CajaKit.ArqueoAsync(cajero.Client, sesion, 1000m)).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(EstadoSesionCaja.Cerrada, (await App.SesionRowAsync(sesion)).Estado);
        var id = Guid.NewGuid();

        var r = Assert.Single(await cajero.Client.SyncAsync(
            Venta(id, sesion, Hace(TimeSpan.FromHours(1)), [Item(codigo, 2, 250m)], [Pago("efectivo", 500m)])).ResultadosAsync());

        Assert.Equal("procesada", r.Str("estado"));
        Assert.True(r.GetProperty("conflicto_sesion").GetBoolean());
        var fila = await App.WithDbAsync(db => db.Ventas.AsNoTracking().SingleAsync(v => v.Id == id));
        Assert.True(fila.ConflictoSesion);
        Assert.Equal(sesion, fila.SesionCajaId);
        Assert.Contains(await App.MovimientoRowsAsync(sesion), m => m.ReferenciaId == id && m.Monto == 500m);
        Assert.Equal(8, await App.StockAsync(producto));
    }

    [Fact]
    public async Task The_batch_is_processed_in_order_and_a_bad_sale_is_rejected_without_stopping_the_others()
    {
        var (producto, codigo) = await App.ProductoAsync(300m, 10);
        var (cajero, sesion) = await CajaAbiertaAsync();
        var t = Hace(TimeSpan.FromMinutes(20));

        var r = await cajero.Client.SyncAsync(
            Venta(Guid.NewGuid(), sesion, t, [Item(codigo, 1, 300m)], [Pago("efectivo", 300m)]),
            Venta(Guid.NewGuid(), sesion, t, [Item(Ean13(), 1, 300m)], [Pago("efectivo", 300m)]),
            Venta(Guid.NewGuid(), sesion, t, [Item(codigo, 1, 300m)], [Pago("credito", 500m)]),
            Venta(Guid.NewGuid(), sesion, t, [Item(codigo, 2, 300m)], [Pago("transferencia", 600m)]),
            new { id = Guid.NewGuid(), sesion_caja_id = sesion, items = new[] { Item(codigo, 1, 300m) }, pagos = new[] { Pago("efectivo", 300m) } })
            .ResultadosAsync();

        Assert.Equal(["procesada", "rechazada", "rechazada", "procesada", "rechazada"], r.Select(x => x.Str("estado")));
        Assert.Contains("No hay un producto con el código", r[1].Str("error"));
        Assert.Contains("tarjeta", r[2].Str("error"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("fecha", r[4].Str("error"));
        Assert.Equal(JsonNull, r[1].GetProperty("numero_ticket").ValueKind);
        // In order, gap-free: the refused sales took no number.
        Assert.Equal(1, r[0].GetProperty("numero_ticket").GetInt64());
        Assert.Equal(2, r[3].GetProperty("numero_ticket").GetInt64());
        Assert.Equal(7, await App.StockAsync(producto));
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task A_batch_longer_than_one_transaction_group_lands_in_order_gap_free_with_its_bad_sale_refused_alone()
    {
        // 120 sales: three groups of up to 50 per transaction (SincronizarVentas.cs), one refused in the second group.
        var (producto, codigo) = await App.ProductoAsync(100m, 1000);
        var (cajero, sesion) = await CajaAbiertaAsync();
        var t = Hace(TimeSpan.FromMinutes(20));
        var ventas = Enumerable.Range(0, 120).Select(i => i == 70
            ? Venta(Guid.NewGuid(), sesion, t, [Item(Ean13(), 1, 100m)], [Pago("efectivo", 100m)])
            : Venta(Guid.NewGuid(), sesion, t, [Item(codigo, 1, 100m)], [Pago("efectivo", 100m)])).ToArray();

        var r = await cajero.Client.SyncAsync(ventas).ResultadosAsync();

        Assert.Equal(120, r.Length);
        Assert.Equal("rechazada", r[70].Str("estado"));
        var numeros = r.Where((_, i) => i != 70).Select(x => { Assert.Equal("procesada", x.Str("estado")); return x.GetProperty("numero_ticket").GetInt64(); });
        Assert.Equal(Enumerable.Range(1, 119).Select(n => (long)n), numeros);
        Assert.Equal(1000 - 119, await App.StockAsync(producto));

        // Sent again: every stored one is duplicada with its number, the bad one refused again, nothing moves.
        var otra = await cajero.Client.SyncAsync(ventas).ResultadosAsync();
        Assert.Equal(119, otra.Count(x => x.Str("estado") == "duplicada"));
        Assert.Equal("rechazada", otra[70].Str("estado"));
        Assert.Equal(1000 - 119, await App.StockAsync(producto));
    }

    [Fact]
    public async Task Another_cashiers_session_is_refused_but_a_supervisor_may_deliver_that_cashiers_sales()
    {
        var (producto, codigo) = await App.ProductoAsync(100m, 10);
        var (cajero, sesion) = await CajaAbiertaAsync();
        var otro = await fx.CajeroAsync();
        var supervisor = await fx.SupervisorAsync();
        var venta = Venta(Guid.NewGuid(), sesion, Hace(TimeSpan.FromMinutes(2)), [Item(codigo, 1, 100m)], [Pago("efectivo", 100m)]);

        var rechazo = Assert.Single(await otro.Client.SyncAsync(venta).ResultadosAsync());
        Assert.Equal("rechazada", rechazo.Str("estado"));
        Assert.Contains("otro cajero", rechazo.Str("error"));

        var entregada = Assert.Single(await supervisor.Client.SyncAsync(venta).ResultadosAsync());
        Assert.Equal("procesada", entregada.Str("estado"));
        var fila = await App.WithDbAsync(db => db.Ventas.AsNoTracking().SingleAsync(v => v.Id == entregada.Id()));
        Assert.Equal(cajero.Id, fila.UsuarioId); // the sale is the cashier's, whoever delivered it
        Assert.Equal(9, await App.StockAsync(producto));
    }

    [Fact]
    public async Task An_empty_or_oversized_batch_is_a_400_and_nothing_is_written()
    {
        var (_, codigo) = await App.ProductoAsync(100m, 1000);
        var (cajero, sesion) = await CajaAbiertaAsync();
        var ventas = Enumerable.Range(0, 501).Select(_ => Venta(Guid.NewGuid(), sesion, Hace(TimeSpan.FromMinutes(1)),
            [Item(codigo, 1, 100m)], [Pago("efectivo", 100m)])).ToArray();

        var demasiadas = await (await cajero.Client.SyncAsync(ventas)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("500", demasiadas.GetProperty("detail").GetString());
        await (await cajero.Client.PostAsJsonAsync("/v1/ventas/sync-batch", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, await App.WithDbAsync(db => db.Ventas.CountAsync(v => v.SesionCajaId == sesion)));
        using var anonimo = App.Client();
        await (await anonimo.SyncAsync(ventas[0])).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Offline_units_missing_open_an_automatic_pack_like_online()
    {
        var (unidad, codigo) = await App.ProductoAsync(900m, 1);
        var (caja, _) = await App.ProductoAsync(20000m, 1);
        using (var admin = await App.AdminAsync())
        {
            await (await admin.PostAsJsonAsync($"/v1/productos/{caja}/hijos", new { producto_hijo_id = unidad, unidades_por_padre = 24, desarme_auto = true }))
                .ShouldBeAsync(HttpStatusCode.Created);
        }
        var (cajero, sesion) = await CajaAbiertaAsync();

        var r = Assert.Single(await cajero.Client.SyncAsync(
            Venta(Guid.NewGuid(), sesion, Hace(TimeSpan.FromMinutes(3)), [Item(codigo, 5, 900m)], [Pago("efectivo", 4500m)])).ResultadosAsync());

        Assert.Equal("procesada", r.Str("estado"));
        Assert.False(r.GetProperty("conflicto_stock").GetBoolean());
        Assert.Equal(0, await App.StockAsync(caja));
        Assert.Equal(20, await App.StockAsync(unidad));
    }
}
