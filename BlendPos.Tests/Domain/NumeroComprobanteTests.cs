using BlendPos.Domain;
using BlendPos.Domain.Facturacion;

namespace BlendPos.Tests.Domain;

public class NumeroComprobanteTests
{
    [Theory]
    [InlineData(1, 1L, "00001-00000001")]
    [InlineData(1, 12L, "00001-00000012")]
    [InlineData(12, 345678L, "00012-00345678")]
    [InlineData(99998, 99999999L, "99998-99999999")]
    public void Number_is_five_then_eight_digits(int puntoDeVenta, long numero, string expected) =>
        Assert.Equal(expected, NumeroComprobante.Formatear(puntoDeVenta, numero));

    [Theory]
    [InlineData(0, 1L)]
    [InlineData(99999, 1L)]
    [InlineData(1, 0L)]
    [InlineData(1, 100000000L)]
    public void Numbers_afip_never_authorizes_are_refused(int puntoDeVenta, long numero) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NumeroComprobante.Formatear(puntoDeVenta, numero));

    [Theory]
    [InlineData(TipoComprobante.FacturaA, 1, "001", 'A', "Factura A", false)]
    [InlineData(TipoComprobante.FacturaB, 6, "006", 'B', "Factura B", false)]
    [InlineData(TipoComprobante.FacturaC, 11, "011", 'C', "Factura C", false)]
    [InlineData(TipoComprobante.NotaCreditoA, 3, "003", 'A', "Nota de Crédito A", true)]
    [InlineData(TipoComprobante.NotaCreditoB, 8, "008", 'B', "Nota de Crédito B", true)]
    [InlineData(TipoComprobante.NotaCreditoC, 13, "013", 'C', "Nota de Crédito C", true)]
    public void Each_type_has_afip_code_letter_and_name(TipoComprobante tipo, int cbteTipo, string codigo, char letra, string nombre, bool nota)
    {
        Assert.Equal(cbteTipo, tipo.CbteTipo());
        Assert.Equal(codigo, tipo.Codigo());
        Assert.Equal(letra, tipo.Letra());
        Assert.Equal(nombre, tipo.Nombre());
        Assert.Equal(nota, tipo.EsNotaDeCredito());
        Assert.True(tipo.EsFiscal());
        Assert.Equal(tipo, TipoComprobanteAfip.DesdeCbteTipo(cbteTipo));
        Assert.Equal(nota ? "NOTA DE CRÉDITO" : "FACTURA", tipo.Titulo());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)] // nota de débito A: BlendPOS does not issue it
    [InlineData(7)]
    [InlineData(201)] // FCE
    public void Codes_blendpos_does_not_issue_map_to_no_type(int cbteTipo) =>
        Assert.Null(TipoComprobanteAfip.DesdeCbteTipo(cbteTipo));

    [Fact]
    public void The_internal_ticket_is_not_an_afip_document()
    {
        Assert.False(TipoComprobante.Ticket.EsFiscal());
        Assert.False(TipoComprobante.Ticket.EsNotaDeCredito());
        Assert.Equal("Ticket", TipoComprobante.Ticket.Nombre());
        Assert.Throws<ArgumentOutOfRangeException>(() => TipoComprobante.Ticket.CbteTipo());
        Assert.Throws<ArgumentOutOfRangeException>(() => TipoComprobante.Ticket.Letra());
        Assert.Throws<ArgumentOutOfRangeException>(() => TipoComprobante.Ticket.Codigo());
    }
}
