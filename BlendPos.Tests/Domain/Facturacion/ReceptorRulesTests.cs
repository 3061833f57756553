using BlendPos.Domain;
using BlendPos.Domain.Facturacion;

namespace BlendPos.Tests.Domain.Facturacion;

public class ReceptorRulesTests
{
    private const decimal Umbral = 10_000_000m;

    [Theory]
    [InlineData(CondicionIvaEmisor.ResponsableInscripto, "responsable_inscripto", TipoComprobante.FacturaA)]
    [InlineData(CondicionIvaEmisor.ResponsableInscripto, "monotributo", TipoComprobante.FacturaA)]
    [InlineData(CondicionIvaEmisor.ResponsableInscripto, "13", TipoComprobante.FacturaA)]
    [InlineData(CondicionIvaEmisor.ResponsableInscripto, "16", TipoComprobante.FacturaA)]
    [InlineData(CondicionIvaEmisor.ResponsableInscripto, "consumidor_final", TipoComprobante.FacturaB)]
    [InlineData(CondicionIvaEmisor.ResponsableInscripto, "exento", TipoComprobante.FacturaB)]
    [InlineData(CondicionIvaEmisor.ResponsableInscripto, "no_categorizado", TipoComprobante.FacturaB)]
    [InlineData(CondicionIvaEmisor.ResponsableInscripto, "15", TipoComprobante.FacturaB)]
    [InlineData(CondicionIvaEmisor.Monotributo, "responsable_inscripto", TipoComprobante.FacturaC)]
    [InlineData(CondicionIvaEmisor.Monotributo, "consumidor_final", TipoComprobante.FacturaC)]
    [InlineData(CondicionIvaEmisor.Monotributo, "monotributo", TipoComprobante.FacturaC)]
    public void The_letter_follows_issuer_and_receptor(CondicionIvaEmisor emisor, string condicion, TipoComprobante esperado)
    {
        Assert.Equal(esperado, TiposComprobante.Factura(emisor, CondicionIvaReceptor.Parse(condicion)!));
        var (r, errores) = ReceptorRules.Resolver(emisor, "20-12345678-6", condicion, null, 100m, Umbral);
        Assert.Empty(errores);
        Assert.Equal(esperado, r!.Tipo);
    }

    [Fact]
    public void Each_invoice_has_its_credit_note_and_AFIP_code()
    {
        Assert.Equal(TipoComprobante.NotaCreditoA, TiposComprobante.NotaDeCredito(TipoComprobante.FacturaA));
        Assert.Equal(TipoComprobante.NotaCreditoB, TiposComprobante.NotaDeCredito(TipoComprobante.FacturaB));
        Assert.Equal(TipoComprobante.NotaCreditoC, TiposComprobante.NotaDeCredito(TipoComprobante.FacturaC));
        Assert.Equal([1, 3, 6, 8, 11, 13], new[] { TipoComprobante.FacturaA, TipoComprobante.NotaCreditoA, TipoComprobante.FacturaB,
            TipoComprobante.NotaCreditoB, TipoComprobante.FacturaC, TipoComprobante.NotaCreditoC }.Select(TiposComprobante.CodigoAfip));
    }

    [Theory]
    [InlineData("20-12345678-6", 80, 20123456786L)]
    [InlineData("20123456786", 80, 20123456786L)]
    [InlineData("30.123.456", 96, 30123456L)]
    [InlineData("1234567", 96, 1234567L)]
    [InlineData("", 99, 0L)]
    [InlineData(null, 99, 0L)]
    public void The_document_is_a_CUIT_a_DNI_or_none(string? texto, int docTipo, long docNro)
    {
        Assert.Equal(new DocumentoReceptor(docTipo, docNro), ReceptorRules.Documento(texto, out _));
    }

    [Theory]
    [InlineData("20-12345678-0")] // bad check digit
    [InlineData("123456")]
    [InlineData("123456789")]
    [InlineData("DNI 123")]
    public void Anything_else_is_no_document(string texto)
    {
        Assert.Null(ReceptorRules.Documento(texto, out _));
        var (r, errores) = ReceptorRules.Resolver(CondicionIvaEmisor.ResponsableInscripto, texto, null, null, 100m, Umbral);
        Assert.Null(r);
        Assert.Contains("DNI de 7 u 8 dígitos", errores["receptor_cuit"]);
    }

    [Fact]
    public void A_factura_A_needs_a_CUIT()
    {
        var (_, errores) = ReceptorRules.Resolver(CondicionIvaEmisor.ResponsableInscripto, "30123456", "responsable_inscripto", null, 100m, Umbral, "comprobante.");
        Assert.Equal("La factura A necesita el CUIT del receptor.", errores["comprobante.receptor_cuit"]);
        var (_, sinDoc) = ReceptorRules.Resolver(CondicionIvaEmisor.ResponsableInscripto, null, null, TipoComprobante.FacturaA, 100m, Umbral);
        Assert.Equal("La factura A necesita el CUIT del receptor.", sinDoc["receptor_cuit"]);
    }

    [Fact]
    public void At_the_threshold_an_unidentified_consumidor_final_is_refused_and_a_DNI_is_enough()
    {
        var (debajo, e1) = ReceptorRules.Resolver(CondicionIvaEmisor.Monotributo, null, null, null, 99_999.99m, 100_000m);
        Assert.Empty(e1);
        Assert.Equal(DocumentoReceptor.ConsumidorFinal, debajo!.Documento);

        var (_, e2) = ReceptorRules.Resolver(CondicionIvaEmisor.Monotributo, null, null, null, 100_000m, 100_000m);
        Assert.Equal("Desde $ 100.000,00 la factura necesita el CUIT o DNI del receptor (no se emite a un consumidor final sin identificar).",
            e2["receptor_cuit"]);

        var (conDni, e3) = ReceptorRules.Resolver(CondicionIvaEmisor.ResponsableInscripto, "30.123.456", null, TipoComprobante.FacturaB, 100_000m, 100_000m);
        Assert.Empty(e3);
        Assert.Equal(new DocumentoReceptor(96, 30123456), conDni!.Documento);
    }

    [Fact]
    public void Asking_for_another_letter_than_the_rules_give_is_refused_in_Spanish()
    {
        var (_, errores) = ReceptorRules.Resolver(CondicionIvaEmisor.Monotributo, null, null, TipoComprobante.FacturaB, 100m, Umbral);
        Assert.Equal("A un receptor «Consumidor Final» un monotributista le emite Factura C, no Factura B.", errores["tipo"]);
    }

    [Fact]
    public void An_unknown_condition_is_refused()
    {
        var (_, errores) = ReceptorRules.Resolver(CondicionIvaEmisor.ResponsableInscripto, null, "cliente vip", null, 100m, Umbral);
        Assert.Equal(CondicionIvaReceptor.MensajeDesconocida, errores["condicion_iva_receptor"]);
        Assert.Equal(CondicionIvaReceptor.ConsumidorFinal, CondicionIvaReceptor.Parse("Consumidor Final"));
        Assert.Equal(CondicionIvaReceptor.Monotributo, CondicionIvaReceptor.Parse("6"));
    }
}
