namespace BlendPos.Domain.Facturacion;

/// <summary>How an AFIP answer is judged (AFIP.md): retry later, reconcile, or give up and tell the admins.</summary>
public enum ClaseDeRechazo
{
    /// <summary>AFIP or the network failed: same request later, back-off.</summary>
    Transitorio,
    /// <summary>10016: the number or date is not the next one — reconcile as after a timeout.</summary>
    Reconciliar,
    /// <summary>A business rule refused it: retrying the same request cannot help.</summary>
    Permanente,
}

/// <summary>What the persisted request and AFIP's stored comprobante have to share for its CAE to be ours.</summary>
public sealed record DatosEmitidos(int DocTipo, long DocNro, DateOnly Fecha, decimal ImpTotal);

public static class EmisionRules
{
    public const int NumeroNoCorresponde = 10016;

    /// <summary>Auth trouble (600 token, 601 CUIT not in ticket, 602 none) and AFIP's own failures are transient.</summary>
    public static ClaseDeRechazo Clasificar(IReadOnlyList<int> errores, IReadOnlyList<int> observaciones)
    {
        if (errores.Contains(NumeroNoCorresponde)) return ClaseDeRechazo.Reconciliar;
        // WSFEv1 validation codes are 10000–10999 (errors or, on a rejected detail, observations).
        if (errores.Concat(observaciones).Any(c => c is >= 10000 and < 11000)) return ClaseDeRechazo.Permanente;
        // A rejection that only carries observations is a rule of the detail as well.
        if (errores.Count == 0 && observaciones.Count > 0) return ClaseDeRechazo.Permanente;
        return ClaseDeRechazo.Transitorio;
    }

    private static readonly TimeSpan[] Esperas =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60),
    ];

    /// <summary>The wait after the n-th failed attempt (1-based): 1, 2, 5, 10, 30 min, then every hour — never given up.</summary>
    public static TimeSpan Espera(int intentos) => Esperas[Math.Clamp(intentos, 1, Esperas.Length) - 1];

    /// <summary>After a timeout, AFIP's comprobante with our number is ours when the receptor, date and total are the same.</summary>
    public static bool EsElMismo(DatosEmitidos enviado, DatosEmitidos enAfip) =>
        enviado.DocTipo == enAfip.DocTipo && enviado.DocNro == enAfip.DocNro && enviado.Fecha == enAfip.Fecha &&
        Math.Abs(enviado.ImpTotal - enAfip.ImpTotal) < 0.01m;

    /// <summary>
    /// The key of PostgreSQL's advisory lock for one numbering series (environment, CUIT, punto de venta, CbteTipo):
    /// ((cuit × 100000 + ptoVta) × 100 + cbteTipo) × 2 + environment fits a bigint (CUIT &lt; 10¹¹).
    /// </summary>
    public static long ClaveSerie(bool produccion, long cuit, int puntoDeVenta, int cbteTipo) =>
        ((cuit * 100_000L + puntoDeVenta) * 100L + cbteTipo) * 2L + (produccion ? 1 : 0);
}
