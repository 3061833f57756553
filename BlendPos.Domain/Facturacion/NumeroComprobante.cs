namespace BlendPos.Domain.Facturacion;

/// <summary>
/// How a fiscal document is numbered and named (AFIP.md): <c>00001-00000012</c> is punto de venta 1, number 12.
/// </summary>
public static class NumeroComprobante
{
    /// <summary>WSFEv1 accepts puntos de venta 1–99998 (error 10004).</summary>
    public const int PuntoDeVentaMaximo = 99_998;

    /// <summary>The number has 8 digits on paper (<c>%08d</c>).</summary>
    public const long NumeroMaximo = 99_999_999;

    /// <summary><c>%05d-%08d</c>: <c>00001-00000012</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1–99998 or 1–99999999: AFIP never authorizes those.</exception>
    public static string Formatear(int puntoDeVenta, long numero)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(puntoDeVenta, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(puntoDeVenta, PuntoDeVentaMaximo);
        ArgumentOutOfRangeException.ThrowIfLessThan(numero, 1L);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(numero, NumeroMaximo);
        return $"{puntoDeVenta:D5}-{numero:D8}";
    }
}

/// <summary>
/// AFIP's identity of each <see cref="TipoComprobante"/>: the CbteTipo code WSFEv1 and the QR use (1/6/11 facturas,
/// 3/8/13 notas de crédito), the letter, the 3-digit code printed under it («COD. 006») and the Spanish name.
/// A <see cref="TipoComprobante.Ticket"/> is an internal receipt, not an AFIP document: it has none of these.
/// </summary>
public static class TipoComprobanteAfip
{
    /// <summary>AFIP's CbteTipo.</summary>
    /// <exception cref="ArgumentOutOfRangeException">For <see cref="TipoComprobante.Ticket"/>.</exception>
    public static int CbteTipo(this TipoComprobante tipo) => tipo switch
    {
        TipoComprobante.FacturaA => 1,
        TipoComprobante.NotaCreditoA => 3,
        TipoComprobante.FacturaB => 6,
        TipoComprobante.NotaCreditoB => 8,
        TipoComprobante.FacturaC => 11,
        TipoComprobante.NotaCreditoC => 13,
        _ => throw NoFiscal(tipo),
    };

    /// <summary>The type of an AFIP CbteTipo, or null for a code BlendPOS does not issue (ND, recibos, FCE…).</summary>
    public static TipoComprobante? DesdeCbteTipo(int cbteTipo) => cbteTipo switch
    {
        1 => TipoComprobante.FacturaA,
        3 => TipoComprobante.NotaCreditoA,
        6 => TipoComprobante.FacturaB,
        8 => TipoComprobante.NotaCreditoB,
        11 => TipoComprobante.FacturaC,
        13 => TipoComprobante.NotaCreditoC,
        _ => null,
    };

    /// <summary>The code printed under the letter: «006», «011».</summary>
    public static string Codigo(this TipoComprobante tipo) => tipo.CbteTipo().ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>«A», «B» or «C».</summary>
    public static char Letra(this TipoComprobante tipo) => tipo switch
    {
        TipoComprobante.FacturaA or TipoComprobante.NotaCreditoA => 'A',
        TipoComprobante.FacturaB or TipoComprobante.NotaCreditoB => 'B',
        TipoComprobante.FacturaC or TipoComprobante.NotaCreditoC => 'C',
        _ => throw NoFiscal(tipo),
    };

    public static bool EsNotaDeCredito(this TipoComprobante tipo) =>
        tipo is TipoComprobante.NotaCreditoA or TipoComprobante.NotaCreditoB or TipoComprobante.NotaCreditoC;

    /// <summary>False only for the internal ticket.</summary>
    public static bool EsFiscal(this TipoComprobante tipo) => tipo != TipoComprobante.Ticket;

    /// <summary>«Factura B», «Nota de Crédito C»; «Ticket» for the internal receipt.</summary>
    public static string Nombre(this TipoComprobante tipo) => tipo switch
    {
        TipoComprobante.Ticket => "Ticket",
        _ when tipo.EsNotaDeCredito() => $"Nota de Crédito {tipo.Letra()}",
        _ => $"Factura {tipo.Letra()}",
    };

    /// <summary>«FACTURA», «NOTA DE CRÉDITO»: the title printed beside the letter box.</summary>
    public static string Titulo(this TipoComprobante tipo) => tipo switch
    {
        TipoComprobante.Ticket => "TICKET",
        _ when tipo.EsNotaDeCredito() => "NOTA DE CRÉDITO",
        _ => "FACTURA",
    };

    private static ArgumentOutOfRangeException NoFiscal(TipoComprobante tipo) =>
        new(nameof(tipo), tipo, "An internal ticket is not an AFIP document: it has no CbteTipo or letter.");
}
