using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Ventas;

namespace BlendPos.Tests.Domain;

public class AvisoDeStockTests
{
    private static readonly Guid Unidad = new("00000000-0000-0000-0000-000000000001");
    private static readonly Guid Display = new("00000000-0000-0000-0000-000000000002");
    private static readonly Guid Caja = new("00000000-0000-0000-0000-000000000003");
    private static readonly Guid Otra = new("00000000-0000-0000-0000-000000000099");

    // caja → 20 displays → 12 units each
    private static readonly PackLink[] Cadena = [new(Caja, Display, 20), new(Display, Unidad, 12)];

    private static Dictionary<Guid, int> Stock(params (Guid Id, int Cantidad)[] items) => items.ToDictionary(i => i.Id, i => i.Cantidad);

    [Fact]
    public void Five_asked_with_three_left_and_no_packs_warns_quedan_3()
    {
        var faltan = AvisoDeStock.Faltantes([(Otra, 5)], [], Stock((Otra, 3)));

        Assert.Equal(new StockDeLinea(3, ConPacks: false), faltan[Otra]);
        Assert.Equal("Stock: quedan 3.", AvisoDeStock.Mensaje(faltan[Otra]));
        Assert.Equal("Stock insuficiente: quedan 3.", AvisoDeStock.Rechazo(faltan[Otra]));
    }

    [Fact]
    public void Nothing_left_says_sin_stock_and_negative_stock_counts_as_none()
    {
        Assert.Equal("Sin stock.", AvisoDeStock.Mensaje(AvisoDeStock.Faltantes([(Otra, 1)], [], Stock((Otra, 0)))[Otra]));
        Assert.Equal(new StockDeLinea(0, false), AvisoDeStock.Faltantes([(Otra, 2)], [], Stock((Otra, -4)))[Otra]);
        Assert.Equal(new StockDeLinea(0, false), AvisoDeStock.Faltantes([(Otra, 1)], [], Stock())[Otra]); // unknown = 0
    }

    [Fact]
    public void A_line_covered_by_own_stock_or_by_automatic_packs_up_the_chain_is_not_short()
    {
        Assert.Empty(AvisoDeStock.Faltantes([(Otra, 3)], [], Stock((Otra, 3))));
        // 2 units + no display + 1 caja: the caja opens into 20 displays, one opens into 12 units.
        Assert.Empty(AvisoDeStock.Faltantes([(Unidad, 14)], Cadena, Stock((Unidad, 2), (Display, 0), (Caja, 1))));
    }

    [Fact]
    public void What_packs_could_give_is_counted_and_said()
    {
        // 3 units + 1 display of 12 = 15 available for 20 asked.
        var faltan = AvisoDeStock.Faltantes([(Unidad, 20)], Cadena, Stock((Unidad, 3), (Display, 1), (Caja, 0)));

        Assert.Equal(new StockDeLinea(15, ConPacks: true), faltan[Unidad]);
        Assert.Equal("Stock: quedan 15, abriendo packs.", AvisoDeStock.Mensaje(faltan[Unidad]));
        Assert.Equal("Stock insuficiente: quedan 15, abriendo packs.", AvisoDeStock.Rechazo(faltan[Unidad])); // after a refused payment
    }

    [Fact]
    public void Only_automatic_openings_count()
    {
        PackLink[] manual = [new(Display, Unidad, 12, DesarmeAuto: false)];

        Assert.Equal(new StockDeLinea(3, false), AvisoDeStock.Faltantes([(Unidad, 5)], manual, Stock((Unidad, 3), (Display, 4)))[Unidad]);
    }

    [Fact]
    public void Two_lines_never_both_count_on_the_same_pack()
    {
        // The cart sells the only display as such, so the units cannot open it: 3 left for them.
        var faltan = AvisoDeStock.Faltantes([(Display, 1), (Unidad, 5)], Cadena, Stock((Unidad, 3), (Display, 1), (Caja, 0)));

        Assert.False(faltan.ContainsKey(Display));
        Assert.Equal(new StockDeLinea(3, false), faltan[Unidad]);
    }

    [Fact]
    public void Possible_shortages_are_the_lines_beyond_their_own_stock()
    {
        var posibles = AvisoDeStock.PosiblesFaltantes([(Unidad, 5), (Otra, 2), (Display, 1)], Stock((Unidad, 3), (Otra, 2), (Display, -1)));

        Assert.Equal([Unidad, Display], posibles);
    }
}
