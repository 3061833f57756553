using System.Globalization;
using System.Net;
using System.Text.Json;
using BlendPos.Tests.Features.Caja;
using BlendPos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BlendPos.Tests.Features.Ventas.SyncBatchKit;

namespace BlendPos.Tests.Features.Ventas;

/// <summary>
/// Issue 16 "one bad sale never blocks the outbox": extreme values in every numeric and date field of both sale
/// endpoints never answer 500 and never leave half a sale; in a batch the bad sale is <c>rechazada</c> alone.
/// </summary>
public sealed class DatosExtremosTests(CajaAppFixture fx) : IClassFixture<CajaAppFixture>
{
    private BlendPosApp App => fx.App;

    // JSON literals: zero, negatives, too many decimals, each column's limit and one cent past it, int and decimal
    // limits, numbers no decimal holds, strings and nulls where numbers go.
    private static readonly string[] Numeros =
    [
        "0", "-1", "1", "0.001", "12.345", "99999999.99", "100000000", "100000000.00", "9999999999.99", "10000000000",
        "99999999999.99", "1e15", "2147483647", "2147483648", "-2147483648", "79228162514264337593543950335",
        "79228162514264337593543950336", "-79228162514264337593543950335", "1e30", "1e-30", "null", "\"abc\"", "true",
    ];

    private static readonly string[] Fechas =
    [
        "\"0001-01-01T00:00:00Z\"", "\"0001-01-01T00:00:00+14:00\"", "\"9999-12-31T23:59:59Z\"", "\"9999-12-31T23:59:59-14:00\"",
        "\"2026-02-30T10:00:00Z\"", "\"ayer\"", "null", "0", Fecha(DateTimeOffset.UtcNow.AddDays(2)), Fecha(DateTimeOffset.UtcNow.AddYears(-30)),
    ];

    private static string Fecha(DateTimeOffset t) => "\"" + t.ToString("O", CultureInfo.InvariantCulture) + "\"";

    [Fact]
    public async Task Extreme_values_in_any_field_of_an_online_sale_are_4xx_and_write_nothing()
    {
        var (_, codigo) = await App.ProductoAsync(100m, 100_000);
        var cajero = await fx.CajeroAsync();
        var sesion = (await CajaKit.AbiertaAsync(cajero)).Id();
        var random = new Random(16);
        var respuestas = new List<(string Body, HttpStatusCode Status)>();

        for (var i = 0; i < 120; i++)
        {
            var f = new Dictionary<string, string>
            {
                ["cantidad"] = "1", ["descuento_item"] = "0", ["descuento_total"] = "0", ["monto"] = "100", ["monto2"] = "1",
            };
            foreach (var campo in f.Keys.OrderBy(_ => random.Next()).Take(1 + random.Next(2)).ToList())
                f[campo] = Numeros[random.Next(Numeros.Length)];
            var body = $$"""
                {"id":"{{Guid.NewGuid()}}","sesion_caja_id":"{{sesion}}",
                 "items":[{"barcode":"{{codigo}}","cantidad":{{f["cantidad"]}},"descuento_item":{{f["descuento_item"]}}}],
                 "descuento_total":{{f["descuento_total"]}},
                 "pagos":[{"metodo":"efectivo","monto":{{f["monto"]}}},{"metodo":"efectivo","monto":{{f["monto2"]}}}]}
                """;
            var r = await cajero.Client.PostAsync("/v1/ventas", Http.Json(body));
            respuestas.Add((body, r.StatusCode));
            if ((int)r.StatusCode >= 400) await r.ShouldBeProblemAsync(r.StatusCode);
        }

        Assert.DoesNotContain(respuestas, x => (int)x.Status >= 500);
        Assert.All(respuestas, x => Assert.True(x.Status is HttpStatusCode.Created or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden,
            $"{x.Status} for {x.Body}"));
        Assert.Contains(respuestas, x => x.Status == HttpStatusCode.BadRequest);
        await SinVentasAMediasAsync(sesion, cajero.PuntoDeVenta);
    }

    [Fact]
    public async Task Extreme_values_in_an_offline_sale_reject_that_sale_alone_and_the_next_one_lands()
    {
        var (_, codigo) = await App.ProductoAsync(100m, 100_000);
        var cajero = await fx.CajeroAsync();
        var sesion = (await CajaKit.AbiertaAsync(cajero)).Id();
        var random = new Random(1616);
        var rechazadas = 0;

        for (var i = 0; i < 60; i++)
        {
            var f = new Dictionary<string, string>
            {
                ["cantidad"] = "1", ["precio_unitario"] = "100", ["descuento_total"] = "0", ["monto"] = "100",
                ["created_at"] = Fecha(DateTimeOffset.UtcNow),
            };
            foreach (var campo in f.Keys.OrderBy(_ => random.Next()).Take(1 + random.Next(2)).ToList())
                f[campo] = campo == "created_at" ? Fechas[random.Next(Fechas.Length)] : Numeros[random.Next(Numeros.Length)];
            var mala = Guid.NewGuid();
            var buena = Guid.NewGuid();
            var body = $$"""
                {"ventas":[
                 {"id":"{{mala}}","sesion_caja_id":"{{sesion}}","created_at":{{f["created_at"]}},
                  "items":[{"barcode":"{{codigo}}","cantidad":{{f["cantidad"]}},"precio_unitario":{{f["precio_unitario"]}}}],
                  "descuento_total":{{f["descuento_total"]}},"pagos":[{"metodo":"efectivo","monto":{{f["monto"]}}}]},
                 {"id":"{{buena}}","sesion_caja_id":"{{sesion}}","created_at":{{Fecha(DateTimeOffset.UtcNow)}},
                  "items":[{"barcode":"{{codigo}}","cantidad":1,"precio_unitario":100}],"pagos":[{"metodo":"efectivo","monto":100}]}]}
                """;

            var r = await cajero.Client.PostAsync("/v1/ventas/sync-batch", Http.Json(body));

            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{r.StatusCode} for {body}: {await r.Content.ReadAsStringAsync()}");
            var resultados = (await r.JsonAsync()).GetProperty("resultados").EnumerateArray().ToArray();
            Assert.Equal(2, resultados.Length);
            Assert.Equal((buena, "procesada"), (resultados[1].Id(), resultados[1].Str("estado")));
            var estado = resultados[0].Str("estado");
            Assert.Contains(estado, new[] { "procesada", "rechazada" });
            if (estado == "rechazada")
            {
                rechazadas++;
                Assert.False(string.IsNullOrWhiteSpace(resultados[0].Str("error")));
                Assert.False(await App.WithDbAsync(db => db.Ventas.AnyAsync(v => v.Id == mala)));
            }
        }

        Assert.InRange(rechazadas, 10, 60);
        await SinVentasAMediasAsync(sesion, cajero.PuntoDeVenta);
    }

    [Fact]
    public async Task Amounts_one_cent_beyond_the_columns_are_refused_with_the_limit_in_spanish()
    {
        var (_, codigo) = await App.ProductoAsync(100m, 100);
        var cajero = await fx.CajeroAsync();
        var sesion = (await CajaKit.AbiertaAsync(cajero)).Id();
        var ahora = DateTimeOffset.UtcNow;

        var resultados = await cajero.Client.SyncAsync(
            Venta(Guid.NewGuid(), sesion, ahora, [Item(codigo, 1, 99_999_999_999.99m)], [Pago("efectivo", 99_999_999_999.99m)]),
            Venta(Guid.NewGuid(), sesion, ahora, [Item(codigo, 1, 100m)], [Pago("efectivo", 10_000_000_000m)]),
            Venta(Guid.NewGuid(), sesion, ahora, [Item(codigo, 1, 100m)], [Pago("efectivo", 100m)])).ResultadosAsync();

        Assert.Equal(["rechazada", "rechazada", "procesada"], resultados.Select(r => r.Str("estado")));
        Assert.Contains("El precio supera el máximo admitido ($ 99.999.999,99)", resultados[0].Str("error"));
        Assert.Contains("El pago supera el máximo admitido ($ 9.999.999.999,99)", resultados[1].Str("error"));

        var online = await (await cajero.Client.PostAsync("/v1/ventas", Http.Json($$"""
            {"sesion_caja_id":"{{sesion}}","items":[{"barcode":"{{codigo}}","cantidad":1}],
             "pagos":[{"metodo":"efectivo","monto":10000000000}]}
            """))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("El pago supera el máximo admitido ($ 9.999.999.999,99).", online.GetProperty("errors").GetProperty("pagos[0].monto")[0].GetString());
    }

    /// <summary>
    /// Every stored sale of the session is whole — lines, payments, ledger lines and drawer movements that add up to its
    /// total — and the punto de venta's ticket numbers run 1..n without a hole.
    /// </summary>
    private async Task SinVentasAMediasAsync(Guid sesion, int pdv)
    {
        var ventas = await App.WithDbAsync(db => db.Ventas.AsNoTracking().Where(v => v.SesionCajaId == sesion)
            .Select(v => new
            {
                v.Id, v.NumeroTicket, v.Total,
                Items = v.Items.Count, ItemsSuma = v.Items.Sum(i => i.Subtotal), v.Subtotal, Pagos = v.Pagos.Count,
                Caja = db.MovimientosCaja.Where(m => m.ReferenciaId == v.Id).Sum(m => m.Monto),
                Ledger = db.MovimientosStock.Count(m => m.ReferenciaId == v.Id),
            }).ToListAsync());
        Assert.All(ventas, v =>
        {
            Assert.True(v.Items > 0 && v.Pagos > 0 && v.Ledger > 0, $"sale {v.Id} is partial");
            Assert.Equal(v.Subtotal, v.ItemsSuma);
            Assert.Equal(v.Total, v.Caja);
        });
        Assert.Equal(Enumerable.Range(1, ventas.Count).Select(n => (long)n), ventas.Select(v => v.NumeroTicket).Order());
        var contador = await App.WithDbAsync(db => db.Database
            .SqlQuery<long>($"SELECT COALESCE(max(ultimo_numero), 0) AS \"Value\" FROM contadores_ticket WHERE punto_de_venta = {pdv}").SingleAsync());
        Assert.Equal(ventas.Count, contador);
    }
}
