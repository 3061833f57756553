namespace BlendPos.Domain.Facturacion;

/// <summary>
/// Which letter a sale's invoice gets (AFIP.md "Which letter") and AFIP's CbteTipo codes. A Responsable Inscripto issues
/// A to registered receptors (RI and the monotributo family) and B to everyone else; a monotributista issues C.
/// </summary>
public static class TiposComprobante
{
    public static TipoComprobante Factura(CondicionIvaEmisor emisor, CondicionIvaReceptor receptor) => emisor switch
    {
        CondicionIvaEmisor.Monotributo => TipoComprobante.FacturaC,
        _ => receptor.RecibeFacturaA ? TipoComprobante.FacturaA : TipoComprobante.FacturaB,
    };

    /// <summary>The credit note that cancels an invoice: same letter.</summary>
    public static TipoComprobante NotaDeCredito(TipoComprobante factura) => factura switch
    {
        TipoComprobante.FacturaA => TipoComprobante.NotaCreditoA,
        TipoComprobante.FacturaB => TipoComprobante.NotaCreditoB,
        TipoComprobante.FacturaC => TipoComprobante.NotaCreditoC,
        _ => throw new ArgumentOutOfRangeException(nameof(factura), factura, "Only an invoice has a credit note."),
    };

    public static bool EsFactura(TipoComprobante t) => t is TipoComprobante.FacturaA or TipoComprobante.FacturaB or TipoComprobante.FacturaC;

    public static bool EsNotaDeCredito(TipoComprobante t) =>
        t is TipoComprobante.NotaCreditoA or TipoComprobante.NotaCreditoB or TipoComprobante.NotaCreditoC;

    /// <summary>Class C: issued by a monotributista, without VAT breakdown.</summary>
    public static bool EsClaseC(TipoComprobante t) => t is TipoComprobante.FacturaC or TipoComprobante.NotaCreditoC;

    public static bool EsClaseA(TipoComprobante t) => t is TipoComprobante.FacturaA or TipoComprobante.NotaCreditoA;

    /// <summary>AFIP's CbteTipo: 1/3 A, 6/8 B, 11/13 C.</summary>
    public static int CodigoAfip(TipoComprobante t) => t switch
    {
        TipoComprobante.FacturaA => 1,
        TipoComprobante.NotaCreditoA => 3,
        TipoComprobante.FacturaB => 6,
        TipoComprobante.NotaCreditoB => 8,
        TipoComprobante.FacturaC => 11,
        TipoComprobante.NotaCreditoC => 13,
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "A ticket is not an AFIP document."),
    };

    /// <summary>«Factura B», «Nota de crédito C».</summary>
    public static string Nombre(TipoComprobante t) => t switch
    {
        TipoComprobante.FacturaA => "Factura A",
        TipoComprobante.FacturaB => "Factura B",
        TipoComprobante.FacturaC => "Factura C",
        TipoComprobante.NotaCreditoA => "Nota de crédito A",
        TipoComprobante.NotaCreditoB => "Nota de crédito B",
        TipoComprobante.NotaCreditoC => "Nota de crédito C",
        _ => "Ticket",
    };

    public static string Letra(TipoComprobante t) => EsClaseA(t) ? "A" : EsClaseC(t) ? "C" : "B";
}
