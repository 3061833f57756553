namespace BlendPos.Domain.Caja;

/// <summary>An amount per payment method (expected or declared at a blind count).</summary>
public sealed record MontosPorMetodo(decimal Efectivo, decimal Debito, decimal Credito, decimal Transferencia)
{
    public static MontosPorMetodo Cero { get; } = new(0, 0, 0, 0);

    public decimal Total => Efectivo + Debito + Credito + Transferencia;

    public decimal this[MetodoPago metodo] => metodo switch
    {
        MetodoPago.Efectivo => Efectivo,
        MetodoPago.Debito => Debito,
        MetodoPago.Credito => Credito,
        MetodoPago.Transferencia => Transferencia,
        _ => throw new ArgumentOutOfRangeException(nameof(metodo)),
    };

    public MontosPorMetodo Sumar(MetodoPago metodo, decimal monto) => metodo switch
    {
        MetodoPago.Efectivo => this with { Efectivo = Efectivo + monto },
        MetodoPago.Debito => this with { Debito = Debito + monto },
        MetodoPago.Credito => this with { Credito = Credito + monto },
        MetodoPago.Transferencia => this with { Transferencia = Transferencia + monto },
        _ => throw new ArgumentOutOfRangeException(nameof(metodo)),
    };
}

/// <summary>The outcome of a blind count: what the system expected, what was declared, and how far apart.</summary>
public sealed record ResultadoArqueo(
    MontosPorMetodo Esperado, MontosPorMetodo Declarado, decimal MontoEsperado, decimal MontoDeclarado,
    decimal Desvio, decimal DesvioPct, ClasificacionDesvio Clasificacion, EstadoSesionCaja EstadoResultante);

/// <summary>
/// Blind-count rules (seed 7.2, ADR-003, API.md "Cash sessions"). Pure: the caller loads the movements and stores
/// the result.
/// </summary>
public static class ArqueoRules
{
    /// <summary>|desvío| up to this percent is normal.</summary>
    public const decimal LimiteNormalPct = 1m;
    /// <summary>|desvío| up to this percent is a warning; above it, critical.</summary>
    public const decimal LimiteWarningPct = 5m;

    /// <summary>
    /// Expected per method = the sum of that method's movements (signed: egresos and voids are negative); cash also
    /// includes the opening amount. A movement without a method is cash.
    /// </summary>
    public static MontosPorMetodo Esperado(decimal montoInicial, IEnumerable<(MetodoPago? Metodo, decimal Monto)> movimientos)
    {
        var esperado = MontosPorMetodo.Cero with { Efectivo = montoInicial };
        foreach (var (metodo, monto) in movimientos)
            esperado = esperado.Sumar(metodo ?? MetodoPago.Efectivo, monto);
        return esperado;
    }

    /// <summary>
    /// The largest |desvío %| kept: sesiones_caja.desvio_pct is numeric(7,2). Past it the percent says nothing more
    /// (a count off by a thousandfold is crítico either way), and storing it must not fail the count.
    /// </summary>
    public const decimal DesvioPctMaximo = 99_999.99m;

    /// <summary>
    /// Deviation as a percent of the expected total, 2 decimals (half away from zero), capped at
    /// ±<see cref="DesvioPctMaximo"/>. With nothing expected: 0 when nothing is off either, otherwise ±100.
    /// </summary>
    public static decimal DesvioPct(decimal montoEsperado, decimal desvio)
    {
        if (montoEsperado == 0) return Math.Sign(desvio) * 100m;
        // Over |expected|, so the sign is always the desvío's (surplus +, shortage −), also when egresos beyond the
        // drawer left the expected negative.
        var pct = Math.Round(desvio / Math.Abs(montoEsperado) * 100m, 2, MidpointRounding.AwayFromZero);
        return Math.Clamp(pct, -DesvioPctMaximo, DesvioPctMaximo);
    }

    /// <summary>|pct| ≤ 1 normal, ≤ 5 warning, &gt; 5 critical.</summary>
    public static ClasificacionDesvio Clasificar(decimal desvioPct)
    {
        var abs = Math.Abs(desvioPct);
        return abs <= LimiteNormalPct ? ClasificacionDesvio.Normal
            : abs <= LimiteWarningPct ? ClasificacionDesvio.Warning
            : ClasificacionDesvio.Critico;
    }

    /// <summary>Normal and warning close the session; critical waits for a supervisor's justification.</summary>
    public static EstadoSesionCaja EstadoTrasArqueo(ClasificacionDesvio clasificacion) =>
        clasificacion == ClasificacionDesvio.Critico ? EstadoSesionCaja.PendienteCierre : EstadoSesionCaja.Cerrada;

    public static ResultadoArqueo Calcular(MontosPorMetodo esperado, MontosPorMetodo declarado)
    {
        var montoEsperado = esperado.Total;
        var montoDeclarado = declarado.Total;
        var desvio = montoDeclarado - montoEsperado;
        var pct = DesvioPct(montoEsperado, desvio);
        var clasificacion = Clasificar(pct);
        return new ResultadoArqueo(esperado, declarado, montoEsperado, montoDeclarado, desvio, pct, clasificacion,
            EstadoTrasArqueo(clasificacion));
    }

    /// <summary>Argentine bills and coins for the cash counter, largest first.</summary>
    public static IReadOnlyList<decimal> Denominaciones { get; } =
        [20000m, 10000m, 2000m, 1000m, 500m, 200m, 100m, 50m, 20m, 10m, 5m, 2m, 1m];

    /// <summary>Total of a denomination count (quantity per face value); negative quantities are refused.</summary>
    public static decimal TotalDenominaciones(IReadOnlyDictionary<decimal, int> cantidades)
    {
        decimal total = 0;
        foreach (var (valor, cantidad) in cantidades)
        {
            if (cantidad < 0) throw new ArgumentOutOfRangeException(nameof(cantidades), "Una cantidad no puede ser negativa.");
            total += valor * cantidad;
        }
        return total;
    }
}
