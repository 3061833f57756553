namespace BlendPos.Domain.Facturacion;

/// <summary>One sold line as the invoice sees it: what it charged (VAT included, after its own discount) and its rate in percent.</summary>
public sealed record LineaGravada(decimal Importe, decimal Alicuota);

/// <summary>AFIP's AlicIva: rate id, taxable base and VAT amount, in cents.</summary>
public sealed record AlicuotaIva(int IdAfip, decimal Alicuota, decimal BaseImp, decimal Importe);

/// <summary>The amounts sent to AFIP. ImpTotal = ImpNeto + ImpIVA, exactly the sale's total.</summary>
public sealed record ImportesComprobante(decimal Neto, decimal Iva, decimal Total, IReadOnlyList<AlicuotaIva> Alicuotas);

/// <summary>
/// Splits a sale's total (prices include VAT) into AFIP's net and VAT per rate, so that AFIP's checks hold: per rate
/// <c>Importe ≈ BaseImp × rate</c> within a cent (10051), <c>ΣBaseImp = ImpNeto</c> (10061), <c>ΣImporte = ImpIVA</c>
/// (10023) and <c>ImpTotal = ImpNeto + ImpIVA</c> (10048) is exactly what the customer paid.
/// <para>
/// Per rate the gross is the lines' amounts minus its share of the sale-level discount (proportional to the gross, the
/// cent left over by rounding goes to the largest rate group); then <c>base = round(gross / (1 + r), 2)</c> and
/// <c>iva = gross − base</c>. The base's rounding error e (|e| ≤ 0.005) makes <c>iva − base × r = −e (1 + r)</c>, at
/// most 0.0064 for 27 %: inside AFIP's tolerance, and the gross of each rate is kept to the cent.
/// </para>
/// Class C (a monotributista) has no VAT breakdown: ImpNeto is the total, no Iva element.
/// </summary>
public static class DesgloseIva
{
    /// <summary>AFIP's rate ids: 3 = 0 %, 9 = 2,5 %, 8 = 5 %, 4 = 10,5 %, 5 = 21 %, 6 = 27 %.</summary>
    public static int IdAfip(decimal alicuota) => alicuota switch
    {
        0m => 3,
        2.5m => 9,
        5m => 8,
        10.5m => 4,
        21m => 5,
        27m => 6,
        _ => throw new ArgumentOutOfRangeException(nameof(alicuota), alicuota, "AFIP has no such VAT rate."),
    };

    public static bool AlicuotaValida(decimal alicuota) => alicuota is 0m or 2.5m or 5m or 10.5m or 21m or 27m;

    /// <param name="lineas">Each sold line with its amount after its own discount.</param>
    /// <param name="descuentoTotal">The sale-level discount (≥ 0), spread over the rates.</param>
    /// <exception cref="ArgumentException">The lines minus the discount are not a positive total, or a rate AFIP does not know.</exception>
    public static ImportesComprobante Calcular(TipoComprobante tipo, IReadOnlyList<LineaGravada> lineas, decimal descuentoTotal)
    {
        ArgumentNullException.ThrowIfNull(lineas);
        if (descuentoTotal < 0) throw new ArgumentException("The discount cannot be negative.", nameof(descuentoTotal));
        var bruto = lineas.Sum(l => l.Importe);
        var total = bruto - descuentoTotal;
        if (total <= 0) throw new ArgumentException("An invoice needs a positive total.", nameof(lineas));
        if (TiposComprobante.EsClaseC(tipo)) return new ImportesComprobante(total, 0m, total, []);

        var grupos = lineas.GroupBy(l => l.Alicuota)
            .Select(g => (Alicuota: g.Key, Id: IdAfip(g.Key), Bruto: g.Sum(l => l.Importe)))
            .OrderByDescending(g => g.Bruto).ThenBy(g => g.Alicuota).ToList();

        // The discount per rate, proportional; the cents lost or gained by rounding go to the largest group.
        var descuentos = grupos.Select(g => bruto == 0 ? 0m : Money.Round(descuentoTotal * g.Bruto / bruto)).ToArray();
        descuentos[0] += descuentoTotal - descuentos.Sum();

        var alicuotas = new List<AlicuotaIva>(grupos.Count);
        for (var i = 0; i < grupos.Count; i++)
        {
            var gravado = grupos[i].Bruto - descuentos[i];
            if (gravado == 0) continue; // a rate wholly discounted away carries nothing to declare
            var baseImp = Money.Round(gravado / (1 + grupos[i].Alicuota / 100m));
            alicuotas.Add(new AlicuotaIva(grupos[i].Id, grupos[i].Alicuota, baseImp, gravado - baseImp));
        }
        alicuotas.Sort((a, b) => a.Alicuota.CompareTo(b.Alicuota));
        var neto = alicuotas.Sum(a => a.BaseImp);
        var iva = alicuotas.Sum(a => a.Importe);
        return new ImportesComprobante(neto, iva, neto + iva, alicuotas);
    }
}
