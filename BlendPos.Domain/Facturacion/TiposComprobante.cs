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

    /// <summary>Class C: issued by a monotributista, without VAT breakdown.</summary>
    public static bool EsClaseC(TipoComprobante t) => t is TipoComprobante.FacturaC or TipoComprobante.NotaCreditoC;

    public static bool EsClaseA(TipoComprobante t) => t is TipoComprobante.FacturaA or TipoComprobante.NotaCreditoA;

    /// <summary>AFIP's CbteTipo: 1/3 A, 6/8 B, 11/13 C (<see cref="TipoComprobanteAfip"/>).</summary>
    public static int CodigoAfip(TipoComprobante t) => t.CbteTipo();
}
