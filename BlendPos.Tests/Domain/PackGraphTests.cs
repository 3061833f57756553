using BlendPos.Domain.Catalogo;

namespace BlendPos.Tests.Domain;

public class PackGraphTests
{
    private static readonly Guid Caja = new("00000000-0000-0000-0000-00000000000c");
    private static readonly Guid Display = new("00000000-0000-0000-0000-00000000000d");
    private static readonly Guid Unidad = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Pack6 = new("00000000-0000-0000-0000-000000000006");

    private static readonly Dictionary<Guid, string> Nombres = new()
    {
        [Caja] = "Caja", [Display] = "Display", [Unidad] = "Alfajor",
    };

    // caja → display → unidad
    private static readonly PackLink[] Cadena = [new(Caja, Display, 20), new(Display, Unidad, 12)];

    [Fact]
    public void A_product_linked_to_itself_is_a_cycle()
    {
        Assert.True(PackGraph.WouldCreateCycle([], Unidad, Unidad));
        Assert.Equal([Unidad, Unidad], PackGraph.FindCycle([], Unidad, Unidad));
    }

    [Fact]
    public void Reversing_an_existing_link_is_a_two_step_cycle()
    {
        PackLink[] links = [new(Display, Unidad, 12)];

        Assert.True(PackGraph.WouldCreateCycle(links, Unidad, Display));
        Assert.Equal([Unidad, Display, Unidad], PackGraph.FindCycle(links, Unidad, Display));
    }

    [Fact]
    public void Closing_a_chain_of_three_is_a_cycle()
    {
        Assert.True(PackGraph.WouldCreateCycle(Cadena, Unidad, Caja));
        Assert.Equal([Unidad, Caja, Display, Unidad], PackGraph.FindCycle(Cadena, Unidad, Caja));
    }

    [Fact]
    public void Extending_a_chain_downwards_is_not_a_cycle()
    {
        Assert.False(PackGraph.WouldCreateCycle(Cadena, Unidad, Pack6));
        Assert.False(PackGraph.WouldCreateCycle(Cadena, Pack6, Caja));
    }

    [Fact]
    public void Two_parents_of_the_same_child_form_a_diamond_not_a_cycle()
    {
        // caja → display → unidad and caja → pack6 → unidad: the unit is reached twice, never goes back up.
        PackLink[] links = [.. Cadena, new(Caja, Pack6, 2)];

        Assert.False(PackGraph.WouldCreateCycle(links, Pack6, Unidad));
        Assert.Empty(PackGraph.Validate(links, Pack6, Unidad, 6));
    }

    [Fact]
    public void A_cycle_already_in_the_links_does_not_hang_the_search()
    {
        PackLink[] links = [new(Caja, Display, 20), new(Display, Caja, 1)];

        Assert.False(PackGraph.WouldCreateCycle(links, Pack6, Caja));
        Assert.True(PackGraph.WouldCreateCycle(links, Display, Caja));
    }

    [Fact]
    public void A_link_that_is_not_auto_still_counts_for_cycles()
    {
        PackLink[] links = [new(Display, Unidad, 12, DesarmeAuto: false)];

        Assert.True(PackGraph.WouldCreateCycle(links, Unidad, Display));
    }

    [Fact]
    public void Self_link_is_reported_as_its_own_pack_only()
    {
        var errores = PackGraph.Validate(Cadena, Display, Display, 12);

        Assert.Equal(["Un producto no puede ser su propio pack."], errores);
    }

    [Fact]
    public void Cycle_message_names_the_products_along_it()
    {
        var errores = PackGraph.Validate(Cadena, Unidad, Caja, 1, id => Nombres.GetValueOrDefault(id));

        Assert.Equal(["Ese vínculo formaría un ciclo (Alfajor → Caja → Display → Alfajor)."], errores);
    }

    [Fact]
    public void Cycle_message_falls_back_to_ids_without_names()
    {
        PackLink[] links = [new(Display, Unidad, 12)];

        var errores = PackGraph.Validate(links, Unidad, Display, 1);

        Assert.Equal([$"Ese vínculo formaría un ciclo ({Unidad} → {Display} → {Unidad})."], errores);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-12)]
    public void Units_per_pack_must_be_greater_than_zero(int unidades)
    {
        Assert.Equal(["Las unidades por pack deben ser mayores que cero."], PackGraph.Validate(Cadena, Unidad, Pack6, unidades));
    }

    [Fact]
    public void A_pack_of_one_is_allowed_like_the_database()
    {
        Assert.Empty(PackGraph.Validate(Cadena, Pack6, Unidad, 1));
    }

    [Fact]
    public void Every_problem_is_reported()
    {
        var errores = PackGraph.Validate(Cadena, Unidad, Caja, 0, id => Nombres.GetValueOrDefault(id));

        Assert.Equal(2, errores.Count);
        Assert.StartsWith("Ese vínculo formaría un ciclo", errores[0]);
        Assert.Equal("Las unidades por pack deben ser mayores que cero.", errores[1]);
    }

    [Fact]
    public void Link_from_entity_keeps_every_field()
    {
        var entidad = new ProductoHijo { ProductoPadreId = Caja, ProductoHijoId = Display, UnidadesPorPadre = 20, DesarmeAuto = false };

        Assert.Equal(new PackLink(Caja, Display, 20, false), PackLink.From(entidad));
    }
}
