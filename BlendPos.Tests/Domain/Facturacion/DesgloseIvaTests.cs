using BlendPos.Domain;
using BlendPos.Domain.Facturacion;

namespace BlendPos.Tests.Domain.Facturacion;

public class DesgloseIvaTests
{
    private static readonly decimal[] Alicuotas = [0m, 2.5m, 5m, 10.5m, 21m, 27m];

    [Fact]
    public void A_21_percent_sale_splits_into_base_and_vat_that_add_up_to_the_total()
    {
        var r = DesgloseIva.Calcular(TipoComprobante.FacturaB, [new LineaGravada(1210m, 21m)], 0m);

        Assert.Equal((1000m, 210m, 1210m), (r.Neto, r.Iva, r.Total));
        var a = Assert.Single(r.Alicuotas);
        Assert.Equal(new AlicuotaIva(5, 21m, 1000m, 210m), a);
    }

    [Fact]
    public void Each_rate_gets_its_own_AFIP_id_ordered_by_rate()
    {
        var r = DesgloseIva.Calcular(TipoComprobante.FacturaA,
            [new LineaGravada(100m, 21m), new LineaGravada(50m, 10.5m), new LineaGravada(30m, 0m), new LineaGravada(12.7m, 27m),
             new LineaGravada(10m, 5m), new LineaGravada(10m, 2.5m)], 0m);

        Assert.Equal([3, 9, 8, 4, 5, 6], r.Alicuotas.Select(a => a.IdAfip));
        Assert.Equal(new AlicuotaIva(3, 0m, 30m, 0m), r.Alicuotas[0]);
        Assert.Equal(212.7m, r.Total);
    }

    [Fact]
    public void Lines_of_the_same_rate_are_one_AlicIva()
    {
        var r = DesgloseIva.Calcular(TipoComprobante.FacturaB, [new LineaGravada(100m, 21m), new LineaGravada(0.99m, 21m)], 0m);
        var a = Assert.Single(r.Alicuotas);
        Assert.Equal(100.99m, a.BaseImp + a.Importe);
        Assert.Equal(83.46m, a.BaseImp); // 100.99 / 1.21 = 83.4628…
    }

    [Fact]
    public void A_sale_discount_is_spread_by_gross_and_its_leftover_cent_goes_to_the_largest_rate()
    {
        // 1/3 of the discount each would be 3.333…: rounded 3.33 + 3.33 + 3.33 = 9.99, the cent goes to the largest.
        var r = DesgloseIva.Calcular(TipoComprobante.FacturaB,
            [new LineaGravada(200m, 21m), new LineaGravada(100m, 10.5m), new LineaGravada(100m, 27m)], 30m);

        Assert.Equal(370m, r.Total);
        var porAlicuota = r.Alicuotas.ToDictionary(a => a.Alicuota, a => a.BaseImp + a.Importe);
        Assert.Equal(185m, porAlicuota[21m]);
        Assert.Equal(92.5m, porAlicuota[10.5m]);
        Assert.Equal(92.5m, porAlicuota[27m]);

        var impar = DesgloseIva.Calcular(TipoComprobante.FacturaB,
            [new LineaGravada(100m, 21m), new LineaGravada(100m, 10.5m), new LineaGravada(100m, 27m)], 10m);
        var brutos = impar.Alicuotas.ToDictionary(a => a.Alicuota, a => a.BaseImp + a.Importe);
        Assert.Equal(290m, brutos.Values.Sum());
        Assert.Equal([96.66m, 96.67m, 96.67m], brutos.Values.Order());
    }

    [Fact]
    public void Class_C_has_no_vat_breakdown_and_the_net_is_the_total()
    {
        var r = DesgloseIva.Calcular(TipoComprobante.FacturaC, [new LineaGravada(1210m, 21m), new LineaGravada(100m, 10.5m)], 10m);

        Assert.Equal((1300m, 0m, 1300m), (r.Neto, r.Iva, r.Total));
        Assert.Empty(r.Alicuotas);
        Assert.Empty(DesgloseIva.Calcular(TipoComprobante.NotaCreditoC, [new LineaGravada(5m, 21m)], 0m).Alicuotas);
    }

    [Fact]
    public void A_rate_wholly_discounted_away_is_left_out()
    {
        var r = DesgloseIva.Calcular(TipoComprobante.FacturaB, [new LineaGravada(1000m, 21m), new LineaGravada(0.01m, 10.5m)], 1m);
        Assert.Equal(1000m - 1m + 0.01m, r.Total);
        Assert.All(r.Alicuotas, a => Assert.True(a.BaseImp + a.Importe > 0));
    }

    [Fact]
    public void A_zero_total_or_an_unknown_rate_is_refused()
    {
        Assert.Throws<ArgumentException>(() => DesgloseIva.Calcular(TipoComprobante.FacturaB, [new LineaGravada(10m, 21m)], 10m));
        Assert.ThrowsAny<ArgumentException>(() => DesgloseIva.Calcular(TipoComprobante.FacturaB, [new LineaGravada(10m, 19m)], 0m));
        Assert.Throws<ArgumentException>(() => DesgloseIva.Calcular(TipoComprobante.FacturaB, [new LineaGravada(10m, 21m)], -1m));
    }

    /// <summary>
    /// Property-style: thousands of random carts (1–12 lines, every rate, prices up to $ 250.000, quantities, line and
    /// sale discounts) — every AFIP amount check (10048, 10023, 10061, 10051) holds and the total is the sale's to the cent.
    /// </summary>
    [Fact]
    public void Random_carts_always_pass_AFIPs_amount_checks()
    {
        var random = new Random(20261208);
        for (var caso = 0; caso < 5000; caso++)
        {
            var lineas = new List<LineaGravada>();
            var n = random.Next(1, 13);
            for (var i = 0; i < n; i++)
            {
                var precio = Math.Round((decimal)(random.NextDouble() * (random.Next(4) == 0 ? 250_000 : 3_000)), 2) + 0.01m;
                var cantidad = random.Next(1, 25);
                var descuentoLinea = random.Next(5) == 0 ? Math.Round(precio * cantidad * (decimal)random.NextDouble() / 3, 2) : 0m;
                lineas.Add(new LineaGravada(precio * cantidad - descuentoLinea, Alicuotas[random.Next(Alicuotas.Length)]));
            }
            var bruto = lineas.Sum(l => l.Importe);
            var descuento = random.Next(3) == 0 ? Math.Round(bruto * (decimal)random.NextDouble() * 0.9m, 2) : 0m;
            var tipo = random.Next(4) == 0 ? TipoComprobante.NotaCreditoB : TipoComprobante.FacturaB;

            var r = DesgloseIva.Calcular(tipo, lineas, descuento);

            var contexto = $"caso {caso}: {string.Join("; ", lineas)} descuento {descuento}";
            Assert.True(r.Total == bruto - descuento, contexto);
            Assert.True(r.Total == r.Neto + r.Iva, contexto);                 // 10048
            Assert.True(r.Alicuotas.Sum(a => a.Importe) == r.Iva, contexto);  // 10023
            Assert.True(r.Alicuotas.Sum(a => a.BaseImp) == r.Neto, contexto); // 10061
            Assert.Equal(r.Alicuotas.Count, r.Alicuotas.Select(a => a.IdAfip).Distinct().Count()); // 10022
            foreach (var a in r.Alicuotas)
            {
                Assert.True(Math.Abs(a.Importe - a.BaseImp * a.Alicuota / 100m) <= 0.01m, $"{contexto}: {a}"); // 10051
                Assert.True(Math.Abs(a.Importe - Money.Round(a.BaseImp * a.Alicuota / 100m)) <= 0.01m, $"{contexto}: {a}");
                Assert.True(a.BaseImp >= 0 && a.Importe >= 0, $"{contexto}: {a}");
                Assert.True(Money.HasAtMostTwoDecimals(a.BaseImp) && Money.HasAtMostTwoDecimals(a.Importe), $"{contexto}: {a}");
            }
            // Each rate's share is its gross minus a proportional part of the discount, off by cents at most.
            foreach (var a in r.Alicuotas)
            {
                var brutoAlicuota = lineas.Where(l => l.Alicuota == a.Alicuota).Sum(l => l.Importe);
                var esperado = brutoAlicuota - descuento * brutoAlicuota / bruto;
                Assert.True(Math.Abs(a.BaseImp + a.Importe - esperado) <= 0.01m * r.Alicuotas.Count, $"{contexto}: {a}");
            }
        }
    }
}
