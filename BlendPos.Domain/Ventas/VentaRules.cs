namespace BlendPos.Domain.Ventas;

/// <summary>A sale line as priced by the catalog: quantity, unit price and the line's discount.</summary>
public sealed record LineaVenta(int Cantidad, decimal PrecioUnitario, decimal DescuentoItem = 0)
{
    public decimal Bruto => Cantidad * PrecioUnitario;
    public decimal Subtotal => Bruto - DescuentoItem;
}

public sealed record Pago(MetodoPago Metodo, decimal Monto);

/// <summary>Subtotal (after line discounts), the sale-wide discount and the total to pay.</summary>
public sealed record Totales(decimal Subtotal, decimal DescuentoTotal, decimal Total);

/// <summary>What the payments leave: the change, and what each payment puts in the drawer.</summary>
public sealed record Cobro(decimal Pagado, decimal Vuelto, IReadOnlyList<Pago> IngresosCaja);

/// <summary>
/// Pure sale arithmetic (API.md "Sales"): totals with discounts and payment validation with change. Errors come back
/// as Spanish messages keyed by the request field they belong to, so /v1 and the POS show the same words.
/// </summary>
public static class VentaRules
{
    /// <summary>The largest unit price or line discount the database holds (numeric(10,2)).</summary>
    public const decimal MaxPrecio = 99_999_999.99m;

    /// <summary>The largest amount (line subtotal, sale total, payment, change) the database holds (numeric(12,2)).</summary>
    public const decimal MaxImporte = 9_999_999_999.99m;

    /// <summary>
    /// The discount of a sale as a percentage of what its lines were worth before any discount (line and sale-wide
    /// discounts together), 2 decimals; 0 for an empty sale.
    /// </summary>
    public static decimal PorcentajeDescuento(IReadOnlyList<LineaVenta> lineas, decimal descuentoTotal)
    {
        var bruto = lineas.Sum(l => l.Bruto);
        var descuentos = lineas.Sum(l => l.DescuentoItem) + descuentoTotal;
        if (descuentos <= 0) return 0;
        return bruto <= 0 ? 100m : Math.Round(descuentos * 100 / bruto, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// A cashier may discount alone up to <paramref name="maximoCajeroPct"/> % (configuration, default 0); above it a
    /// supervisor must authorize. Supervisors and admins discount on their own authority.
    /// </summary>
    public static bool DescuentoRequiereAutorizacion(decimal porcentaje, bool vendedorEsSupervisor, decimal maximoCajeroPct) =>
        porcentaje > 0 && !vendedorEsSupervisor && porcentaje > maximoCajeroPct;

    /// <summary>Line and sale discounts: never negative, at most 2 decimals, never more than what they discount.</summary>
    public static (Totales? Totales, IReadOnlyDictionary<string, string> Errores) CalcularTotales(
        IReadOnlyList<LineaVenta> lineas, decimal descuentoTotal)
    {
        var errores = new Dictionary<string, string>();
        if (lineas.Count == 0) errores["items"] = "La venta no tiene productos.";
        for (var i = 0; i < lineas.Count; i++)
        {
            var l = lineas[i];
            if (l.Cantidad <= 0) errores[$"items[{i}].cantidad"] = "La cantidad debe ser mayor que cero.";
            else if (l.DescuentoItem < 0) errores[$"items[{i}].descuento_item"] = "El descuento no puede ser negativo.";
            else if (!Money.HasAtMostTwoDecimals(l.DescuentoItem)) errores[$"items[{i}].descuento_item"] = "El descuento admite hasta 2 decimales.";
            else if (l.DescuentoItem > l.Bruto) errores[$"items[{i}].descuento_item"] = "El descuento no puede superar el importe de la línea.";
            else if (l.PrecioUnitario < 0 || !Money.HasAtMostTwoDecimals(l.PrecioUnitario))
                errores[$"items[{i}].precio_unitario"] = "El precio no puede ser negativo y admite hasta 2 decimales.";
            else if (l.PrecioUnitario > MaxPrecio) errores[$"items[{i}].precio_unitario"] = $"El precio supera el máximo admitido ({Money.Format(MaxPrecio)}).";
            else if (l.DescuentoItem > MaxPrecio) errores[$"items[{i}].descuento_item"] = $"El descuento supera el máximo admitido ({Money.Format(MaxPrecio)}).";
            else if (l.Bruto > MaxImporte) errores[$"items[{i}]"] = $"El importe de la línea supera el máximo admitido ({Money.Format(MaxImporte)}).";
        }
        if (descuentoTotal < 0) errores["descuento_total"] = "El descuento no puede ser negativo.";
        else if (!Money.HasAtMostTwoDecimals(descuentoTotal)) errores["descuento_total"] = "El descuento admite hasta 2 decimales.";
        if (errores.Count > 0) return (null, errores);

        var subtotal = lineas.Sum(l => l.Subtotal);
        if (subtotal > MaxImporte)
            return (null, new Dictionary<string, string> { ["items"] = $"El total de la venta supera el máximo admitido ({Money.Format(MaxImporte)})." });
        if (descuentoTotal > subtotal)
            return (null, new Dictionary<string, string> { ["descuento_total"] = "El descuento no puede superar el subtotal." });
        return (new Totales(subtotal, descuentoTotal, subtotal - descuentoTotal), errores);
    }

    /// <summary>
    /// Payments must cover the total; only cash may exceed it, and the change may not exceed the cash paid (you cannot
    /// give change out of a card). Each payment's contribution to the drawer: cash = paid minus change.
    /// </summary>
    public static (Cobro? Cobro, IReadOnlyDictionary<string, string> Errores) Cobrar(decimal total, IReadOnlyList<Pago> pagos)
    {
        var errores = new Dictionary<string, string>();
        if (pagos.Count == 0) errores["pagos"] = "Indicá cómo se paga.";
        for (var i = 0; i < pagos.Count; i++)
        {
            var p = pagos[i];
            if (p.Monto <= 0) errores[$"pagos[{i}].monto"] = "Cada pago debe ser mayor que cero.";
            else if (!Money.HasAtMostTwoDecimals(p.Monto)) errores[$"pagos[{i}].monto"] = "El pago admite hasta 2 decimales.";
            else if (p.Monto > MaxImporte) errores[$"pagos[{i}].monto"] = $"El pago supera el máximo admitido ({Money.Format(MaxImporte)}).";
        }
        if (errores.Count > 0) return (null, errores);

        var pagado = pagos.Sum(p => p.Monto);
        if (pagado - total > MaxImporte)
            return (null, new Dictionary<string, string> { ["pagos"] = $"El vuelto supera el máximo admitido ({Money.Format(MaxImporte)})." });
        if (pagado < total)
            return (null, new Dictionary<string, string> { ["pagos"] = $"Faltan {Money.Format(total - pagado)} para cubrir el total." });

        var efectivo = pagos.Where(p => p.Metodo == MetodoPago.Efectivo).Sum(p => p.Monto);
        var noEfectivo = pagado - efectivo;
        if (noEfectivo > total)
            return (null, new Dictionary<string, string> { ["pagos"] = "Con tarjeta o transferencia no se puede pagar más que el total." });
        // With cards at most the total, the change (paid − total) is at most the cash paid: it always comes out of cash.
        var vuelto = pagado - total;

        // Change comes out of the largest cash payment first (the big bill the customer handed over), then the next,
        // so every drawer movement stays positive and a payment fully given back leaves no movement.
        var importes = pagos.Select(p => p.Monto).ToArray();
        var restante = vuelto;
        foreach (var i in Enumerable.Range(0, pagos.Count).Where(i => pagos[i].Metodo == MetodoPago.Efectivo)
                     .OrderByDescending(i => pagos[i].Monto).ThenBy(i => i))
        {
            if (restante == 0) break;
            var sale = Math.Min(restante, importes[i]);
            importes[i] -= sale;
            restante -= sale;
        }
        var ingresos = pagos.Select((p, i) => p with { Monto = importes[i] }).Where(p => p.Monto > 0).ToList();
        return (new Cobro(pagado, vuelto, ingresos), errores);
    }

    /// <summary>The change for a cash amount handed over (the POS's big number); never negative.</summary>
    public static decimal Vuelto(decimal total, decimal entregado) => Math.Max(0, entregado - total);
}

/// <summary>What voiding a sale gives back: units per product, and the inverse of each drawer movement.</summary>
public sealed record EfectosAnulacion(IReadOnlyDictionary<Guid, int> StockDevuelto, IReadOnlyList<Pago> MovimientosInversos);

public static class AnulacionRules
{
    /// <summary>
    /// Units go back to the product that was sold (a pack opened for the sale stays opened: its units are on the
    /// shelf now), and every cash movement of the sale is matched by its inverse; the originals are never touched.
    /// </summary>
    public static EfectosAnulacion Efectos(IEnumerable<(Guid ProductoId, int Cantidad)> items, IEnumerable<Pago> movimientosVenta)
    {
        var stock = items.GroupBy(i => i.ProductoId).ToDictionary(g => g.Key, g => g.Sum(i => i.Cantidad));
        var inversos = movimientosVenta.Select(m => m with { Monto = -m.Monto }).ToList();
        return new EfectosAnulacion(stock, inversos);
    }
}
