using BlendPos.Domain.Catalogo;

namespace BlendPos.Tests.Domain;

public class PackPlanTests
{
    // Fixed ids: the order between them matters for the tie-break tests (Pack12A < Pack12B).
    private static readonly Guid Unidad = new("00000000-0000-0000-0000-000000000001");
    private static readonly Guid Display = new("00000000-0000-0000-0000-000000000002");
    private static readonly Guid Caja = new("00000000-0000-0000-0000-000000000003");
    private static readonly Guid Pack6 = new("00000000-0000-0000-0000-000000000006");
    private static readonly Guid Pack12A = new("00000000-0000-0000-0000-00000000012a");
    private static readonly Guid Pack12B = new("00000000-0000-0000-0000-00000000012b");
    private static readonly Guid Pack24 = new("00000000-0000-0000-0000-000000000024");
    private static readonly Guid Otra = new("00000000-0000-0000-0000-000000000099");

    // caja → 20 displays → 12 units each
    private static readonly PackLink CajaDisplay = new(Caja, Display, 20);
    private static readonly PackLink DisplayUnidad = new(Display, Unidad, 12);
    private static readonly PackLink[] Cadena = [CajaDisplay, DisplayUnidad];

    private static Dictionary<Guid, int> Stock(params (Guid Id, int Cantidad)[] items) =>
        items.ToDictionary(i => i.Id, i => i.Cantidad);

    /// <summary>
    /// Replays the openings one by one on the snapshot, as the caller will: no step may take a pack that is not there
    /// (a negative starting stock is a debt, not packs), and every opening must match its link.
    /// </summary>
    private static Dictionary<Guid, int> Replay(PackPlan plan, IEnumerable<PackLink> links, Dictionary<Guid, int> stock)
    {
        var s = new Dictionary<Guid, int>(stock);
        foreach (var a in plan.Aperturas)
        {
            var link = Assert.Single(links, l => l.PadreId == a.PadreId && l.HijoId == a.HijoId);
            Assert.True(a.Paquetes > 0);
            Assert.Equal(a.Paquetes * link.UnidadesPorPadre, a.Unidades);
            var disponible = s.GetValueOrDefault(a.PadreId) - Math.Min(0, stock.GetValueOrDefault(a.PadreId));
            Assert.True(disponible >= a.Paquetes, $"opening {a} takes packs that are not there yet");
            s[a.PadreId] = s.GetValueOrDefault(a.PadreId) - a.Paquetes;
            s[a.HijoId] = s.GetValueOrDefault(a.HijoId) + a.Unidades;
        }
        return s;
    }

    [Fact]
    public void Needing_exactly_one_pack_opens_one_pack()
    {
        var stock = Stock((Unidad, 0), (Display, 1));

        var plan = PackPlan.Plan(Unidad, 12, [DisplayUnidad], stock);

        Assert.Equal([new Apertura(Display, Unidad, 1, 12)], plan.Aperturas);
        Assert.Equal(0, plan.Stock[Unidad]);
        Assert.Equal(0, plan.Stock[Display]);
        Assert.Equal(0, plan.Faltante);
        Assert.True(plan.Cubierto);
    }

    [Fact]
    public void Needing_part_of_a_pack_opens_it_and_keeps_the_remainder()
    {
        var plan = PackPlan.Plan(Unidad, 5, [DisplayUnidad], Stock((Unidad, 0), (Display, 1)));

        Assert.Equal([new Apertura(Display, Unidad, 1, 12)], plan.Aperturas);
        Assert.Equal(7, plan.Stock[Unidad]);
        Assert.Equal(0, plan.Stock[Display]);
        Assert.Equal(0, plan.Faltante);
    }

    [Fact]
    public void Own_stock_that_covers_the_need_opens_nothing()
    {
        var plan = PackPlan.Plan(Unidad, 5, [DisplayUnidad], Stock((Unidad, 5), (Display, 3)));

        Assert.Empty(plan.Aperturas);
        Assert.Equal(0, plan.Stock[Unidad]);
        Assert.False(plan.Stock.ContainsKey(Display));
        Assert.Equal(0, plan.Faltante);
    }

    [Fact]
    public void Own_stock_is_used_before_opening_for_the_rest()
    {
        var plan = PackPlan.Plan(Unidad, 15, [DisplayUnidad], Stock((Unidad, 4), (Display, 3)));

        // 4 on hand + 11 missing → 1 display, not 2.
        Assert.Equal([new Apertura(Display, Unidad, 1, 12)], plan.Aperturas);
        Assert.Equal(1, plan.Stock[Unidad]);
        Assert.Equal(2, plan.Stock[Display]);
    }

    [Fact]
    public void Several_packs_are_opened_in_one_opening()
    {
        var plan = PackPlan.Plan(Unidad, 30, [DisplayUnidad], Stock((Unidad, 0), (Display, 5)));

        Assert.Equal([new Apertura(Display, Unidad, 3, 36)], plan.Aperturas);
        Assert.Equal(6, plan.Stock[Unidad]);
        Assert.Equal(2, plan.Stock[Display]);
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(0, 12, 1)]
    [InlineData(0, 13, 2)]
    [InlineData(2, 14, 1)]
    [InlineData(2, 15, 2)]
    [InlineData(0, 24, 2)]
    [InlineData(0, 25, 3)]
    public void Opens_the_fewest_packs_that_cover_the_missing_units(int enMano, int cantidad, int paquetes)
    {
        var plan = PackPlan.Plan(Unidad, cantidad, [DisplayUnidad], Stock((Unidad, enMano), (Display, 10)));

        Assert.Equal(paquetes, Assert.Single(plan.Aperturas).Paquetes);
        Assert.Equal(enMano + paquetes * 12 - cantidad, plan.Stock[Unidad]);
    }

    [Fact]
    public void A_chain_of_three_levels_opens_from_the_top_down()
    {
        var stock = Stock((Unidad, 0), (Display, 0), (Caja, 1));

        var plan = PackPlan.Plan(Unidad, 1, Cadena, stock);

        Assert.Equal([new Apertura(Caja, Display, 1, 20), new Apertura(Display, Unidad, 1, 12)], plan.Aperturas);
        Assert.Equal(0, plan.Stock[Caja]);
        Assert.Equal(19, plan.Stock[Display]);
        Assert.Equal(11, plan.Stock[Unidad]);
        Assert.Equal(0, plan.Faltante);
        var replay = Replay(plan, Cadena, stock);
        Assert.Equal(12, replay[Unidad]); // 11 left after selling 1
    }

    [Fact]
    public void A_chain_uses_the_middle_level_stock_before_opening_the_top()
    {
        var stock = Stock((Unidad, 0), (Display, 1), (Caja, 5));

        var plan = PackPlan.Plan(Unidad, 20, Cadena, stock);

        // 20 units = 2 displays; 1 is on the shelf, so 1 caja is opened for the other one, then both displays.
        Assert.Equal([new Apertura(Caja, Display, 1, 20), new Apertura(Display, Unidad, 2, 24)], plan.Aperturas);
        Assert.Equal(4, plan.Stock[Caja]);
        Assert.Equal(19, plan.Stock[Display]);
        Assert.Equal(4, plan.Stock[Unidad]);
        Replay(plan, Cadena, stock);
    }

    [Fact]
    public void A_chain_whose_middle_level_covers_the_need_leaves_the_top_closed()
    {
        var plan = PackPlan.Plan(Unidad, 20, Cadena, Stock((Unidad, 0), (Display, 2), (Caja, 5)));

        Assert.Equal([new Apertura(Display, Unidad, 2, 24)], plan.Aperturas);
        Assert.False(plan.Stock.ContainsKey(Caja));
    }

    [Fact]
    public void Not_enough_stock_reports_what_is_missing_without_overdrawing()
    {
        var stock = Stock((Unidad, 2), (Display, 1), (Caja, 0));

        var plan = PackPlan.Plan(Unidad, 30, Cadena, stock);

        // Everything available is opened: 2 + 12 units for 30.
        Assert.Equal([new Apertura(Display, Unidad, 1, 12)], plan.Aperturas);
        Assert.Equal(16, plan.Faltante);
        Assert.Equal(16, plan.Faltantes[Unidad]);
        Assert.False(plan.Cubierto);
        Assert.All(plan.Stock.Values, v => Assert.True(v >= 0));
        Assert.Equal(0, plan.Stock[Unidad]);
        Assert.Equal(0, plan.Stock[Display]);
        Replay(plan, Cadena, stock);
    }

    [Fact]
    public void Not_enough_stock_down_a_chain_opens_no_more_than_exists()
    {
        var stock = Stock((Unidad, 0), (Display, 0), (Caja, 1));

        var plan = PackPlan.Plan(Unidad, 1000, Cadena, stock);

        Assert.Equal([new Apertura(Caja, Display, 1, 20), new Apertura(Display, Unidad, 20, 240)], plan.Aperturas);
        Assert.Equal(760, plan.Faltante);
        Assert.All(plan.Stock.Values, v => Assert.Equal(0, v));
        Replay(plan, Cadena, stock);
    }

    [Fact]
    public void A_parent_without_desarme_auto_is_not_opened_by_a_sale()
    {
        PackLink[] links = [DisplayUnidad with { DesarmeAuto = false }];
        var stock = Stock((Unidad, 0), (Display, 1));

        var venta = PackPlan.Plan(Unidad, 5, links, stock, soloAutomatico: true);
        var manual = PackPlan.Plan(Unidad, 5, links, stock, soloAutomatico: false);

        Assert.Empty(venta.Aperturas);
        Assert.Equal(5, venta.Faltante);
        Assert.Equal([new Apertura(Display, Unidad, 1, 12)], manual.Aperturas);
        Assert.Equal(0, manual.Faltante);
    }

    [Fact]
    public void A_manual_link_higher_up_the_chain_also_stops_a_sale()
    {
        PackLink[] links = [CajaDisplay with { DesarmeAuto = false }, DisplayUnidad];
        var stock = Stock((Unidad, 0), (Display, 0), (Caja, 1));

        Assert.Equal(1, PackPlan.Plan(Unidad, 1, links, stock).Faltante);
        Assert.Equal(2, PackPlan.Plan(Unidad, 1, links, stock, soloAutomatico: false).Aperturas.Count);
    }

    [Fact]
    public void A_cycle_in_the_links_terminates_and_is_not_opened()
    {
        // caja → display → unidad → caja (bad data): nothing has stock, so every level would ask the next forever.
        PackLink[] links = [.. Cadena, new(Unidad, Caja, 2)];

        var plan = PackPlan.Plan(Unidad, 1, links, Stock());

        Assert.Empty(plan.Aperturas);
        Assert.Equal(1, plan.Faltante);
    }

    [Fact]
    public void A_cycle_in_the_links_does_not_stop_the_openable_part()
    {
        PackLink[] links = [.. Cadena, new(Unidad, Caja, 2), new(Display, Display, 1)];
        var stock = Stock((Caja, 1));

        var plan = PackPlan.Plan(Unidad, 1, links, stock);

        Assert.Equal([new Apertura(Caja, Display, 1, 20), new Apertura(Display, Unidad, 1, 12)], plan.Aperturas);
        Assert.Equal(0, plan.Faltante);
    }

    [Fact]
    public void Lines_sharing_a_parent_do_not_count_on_the_same_pack()
    {
        // One "surtido" pack opens into either flavour; only one is on the shelf.
        PackLink[] links = [new(Pack12A, Unidad, 10), new(Pack12A, Otra, 10)];

        var plan = PackPlan.PlanMany([(Unidad, 5), (Otra, 5)], links, Stock((Pack12A, 1)));

        Assert.Equal([new Apertura(Pack12A, Unidad, 1, 10)], plan.Aperturas);
        Assert.Equal(new Dictionary<Guid, int> { [Otra] = 5 }, plan.Faltantes);
        Assert.Equal(0, plan.Stock[Pack12A]);
    }

    [Fact]
    public void Lines_sharing_a_chain_open_the_top_pack_once()
    {
        var stock = Stock((Unidad, 0), (Display, 0), (Caja, 1));

        var plan = PackPlan.PlanMany([(Unidad, 5), (Display, 1)], Cadena, stock);

        Assert.Equal([new Apertura(Caja, Display, 1, 20), new Apertura(Display, Unidad, 1, 12)], plan.Aperturas);
        Assert.Equal(0, plan.Stock[Caja]);
        Assert.Equal(18, plan.Stock[Display]);
        Assert.Equal(7, plan.Stock[Unidad]);
        Assert.Equal(0, plan.Faltante);
    }

    [Fact]
    public void Every_line_takes_its_own_stock_before_any_pack_is_opened()
    {
        // The display on the shelf is sold whole; the unit comes from the caja, not from that display.
        var stock = Stock((Unidad, 0), (Display, 1), (Caja, 1));

        var plan = PackPlan.PlanMany([(Unidad, 1), (Display, 1)], Cadena, stock);

        Assert.Equal([new Apertura(Caja, Display, 1, 20), new Apertura(Display, Unidad, 1, 12)], plan.Aperturas);
        Assert.Equal(19, plan.Stock[Display]);
        Assert.Equal(11, plan.Stock[Unidad]);
        Replay(plan, Cadena, stock);
    }

    [Fact]
    public void A_product_on_several_lines_adds_up()
    {
        var plan = PackPlan.PlanMany([(Unidad, 8), (Unidad, 8)], [DisplayUnidad], Stock((Display, 1)));

        Assert.Equal([new Apertura(Display, Unidad, 1, 12)], plan.Aperturas);
        Assert.Equal(4, plan.Faltantes[Unidad]);
        Assert.Equal(0, plan.Stock[Unidad]);
    }

    [Fact]
    public void With_several_parents_the_smallest_pack_is_opened_first()
    {
        PackLink[] links = [new(Pack24, Unidad, 24), new(Pack6, Unidad, 6), new(Pack12A, Unidad, 12)];

        var plan = PackPlan.Plan(Unidad, 5, links, Stock((Pack24, 1), (Pack6, 1), (Pack12A, 1)));

        Assert.Equal([new Apertura(Pack6, Unidad, 1, 6)], plan.Aperturas);
    }

    [Fact]
    public void With_several_parents_of_the_same_size_the_lower_id_wins_whatever_the_input_order()
    {
        PackLink a = new(Pack12A, Unidad, 12), b = new(Pack12B, Unidad, 12);
        var stock = Stock((Pack12A, 1), (Pack12B, 1));

        Assert.Equal(Pack12A, Assert.Single(PackPlan.Plan(Unidad, 5, [a, b], stock).Aperturas).PadreId);
        Assert.Equal(Pack12A, Assert.Single(PackPlan.Plan(Unidad, 5, [b, a], stock).Aperturas).PadreId);
    }

    [Fact]
    public void With_several_parents_the_next_one_covers_what_the_first_cannot()
    {
        PackLink[] links = [new(Pack6, Unidad, 6), new(Pack12A, Unidad, 12)];

        var plan = PackPlan.Plan(Unidad, 30, links, Stock((Pack6, 2), (Pack12A, 5)));

        // 2 packs of 6 = 12, then ceil(18 / 12) = 2 packs of 12.
        Assert.Equal([new Apertura(Pack6, Unidad, 2, 12), new Apertura(Pack12A, Unidad, 2, 24)], plan.Aperturas);
        Assert.Equal(6, plan.Stock[Unidad]);
        Assert.Equal(0, plan.Faltante);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Needing_nothing_is_an_empty_plan(int cantidad)
    {
        var plan = PackPlan.Plan(Unidad, cantidad, Cadena, Stock((Unidad, 0), (Display, 1)));

        Assert.Empty(plan.Aperturas);
        Assert.Empty(plan.Stock);
        Assert.Equal(0, plan.Faltante);
        Assert.True(plan.Cubierto);
    }

    [Fact]
    public void Negative_own_stock_counts_as_none_and_is_not_made_up()
    {
        var plan = PackPlan.Plan(Unidad, 5, [new(Pack6, Unidad, 6)], Stock((Unidad, -3), (Pack6, 2)));

        // 5 missing (not 8): one pack; the earlier debt of 3 stays on the books.
        Assert.Equal([new Apertura(Pack6, Unidad, 1, 6)], plan.Aperturas);
        Assert.Equal(-2, plan.Stock[Unidad]);
        Assert.Equal(0, plan.Faltante);
    }

    [Fact]
    public void Negative_stock_never_gains_units()
    {
        var plan = PackPlan.Plan(Unidad, 5, [DisplayUnidad], Stock((Unidad, -3), (Display, -1)));

        Assert.Empty(plan.Aperturas);
        Assert.Equal(-3, plan.Stock[Unidad]);
        Assert.False(plan.Stock.ContainsKey(Display));
        Assert.Equal(5, plan.Faltante);
    }

    [Fact]
    public void A_negative_parent_can_still_pass_on_packs_opened_above_it()
    {
        var stock = Stock((Unidad, 0), (Display, -1), (Caja, 1));

        var plan = PackPlan.Plan(Unidad, 1, Cadena, stock);

        // The display's debt of 1 is neither a source nor paid off by the caja: 1 caja, 1 display.
        Assert.Equal([new Apertura(Caja, Display, 1, 20), new Apertura(Display, Unidad, 1, 12)], plan.Aperturas);
        Assert.Equal(18, plan.Stock[Display]);
        Assert.Equal(11, plan.Stock[Unidad]);
        Replay(plan, Cadena, stock);
    }

    [Fact]
    public void A_negative_parent_can_pass_on_every_pack_opened_above_it()
    {
        var stock = Stock((Unidad, 0), (Display, -1), (Caja, 1));

        var plan = PackPlan.Plan(Unidad, 240, Cadena, stock);

        Assert.Equal([new Apertura(Caja, Display, 1, 20), new Apertura(Display, Unidad, 20, 240)], plan.Aperturas);
        Assert.Equal(-1, plan.Stock[Display]);
        Assert.Equal(0, plan.Faltante);
        Replay(plan, Cadena, stock);
    }

    [Fact]
    public void Links_with_no_units_are_ignored()
    {
        var plan = PackPlan.Plan(Unidad, 5, [new(Display, Unidad, 0)], Stock((Display, 1)));

        Assert.Empty(plan.Aperturas);
        Assert.Equal(5, plan.Faltante);
    }

    // Manual breaking (POST /v1/inventario/desarme)

    [Fact]
    public void Manual_opening_opens_exactly_the_packs_asked_for()
    {
        var plan = PackPlan.Abrir(Display, 2, Cadena, Stock((Display, 3), (Unidad, 1)));

        Assert.True(plan.Ok);
        Assert.Equal([new Apertura(Display, Unidad, 2, 24)], plan.Aperturas);
        Assert.Equal(1, plan.Stock[Display]);
        Assert.Equal(25, plan.Stock[Unidad]);
    }

    [Fact]
    public void Manual_opening_ignores_desarme_auto()
    {
        var plan = PackPlan.Abrir(Display, 1, [DisplayUnidad with { DesarmeAuto = false }], Stock((Display, 1)));

        Assert.Equal([new Apertura(Display, Unidad, 1, 12)], plan.Aperturas);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Manual_opening_of_no_packs_is_refused(int paquetes)
    {
        var plan = PackPlan.Abrir(Display, paquetes, Cadena, Stock((Display, 3)));

        Assert.Equal("La cantidad de paquetes a abrir debe ser mayor que cero.", plan.Error);
        Assert.Empty(plan.Aperturas);
        Assert.False(plan.Cubierto);
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(-1, 1)]
    public void Manual_opening_of_more_packs_than_in_stock_is_refused(int enStock, int paquetes)
    {
        var plan = PackPlan.Abrir(Display, paquetes, Cadena, Stock((Display, enStock), (Caja, 5)));

        Assert.Equal($"No alcanza el stock del pack: hay {Math.Max(0, enStock)} y se pidió abrir {paquetes}.", plan.Error);
        Assert.Empty(plan.Aperturas);
        Assert.Empty(plan.Stock);
    }

    [Fact]
    public void Manual_opening_of_a_product_that_is_not_a_pack_is_refused()
    {
        var plan = PackPlan.Abrir(Unidad, 1, Cadena, Stock((Unidad, 10)));

        Assert.Equal("Ese producto no es un pack: no tiene productos hijos.", plan.Error);
    }

    [Fact]
    public void Manual_opening_of_a_pack_with_several_children_needs_the_child()
    {
        PackLink[] links = [new(Pack12A, Unidad, 10), new(Pack12A, Otra, 12)];
        var stock = Stock((Pack12A, 2));

        var sinElegir = PackPlan.Abrir(Pack12A, 1, links, stock);
        var elegido = PackPlan.Abrir(Pack12A, 1, links, stock, hijoId: Otra);
        var ajeno = PackPlan.Abrir(Pack12A, 1, links, stock, hijoId: Display);

        Assert.Equal("Ese pack se abre en varios productos: elegí en cuál.", sinElegir.Error);
        Assert.Equal([new Apertura(Pack12A, Otra, 1, 12)], elegido.Aperturas);
        Assert.Equal("El producto elegido no es hijo de ese pack.", ajeno.Error);
    }
}
