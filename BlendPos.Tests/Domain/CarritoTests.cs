using System.Text.RegularExpressions;
using BlendPos.Domain.Ventas;
using BlendPos.Tests.Infrastructure;

namespace BlendPos.Tests.Domain;

/// <summary>The till's cart rules (Domain/Ventas/Carrito): entries, merging, limits and line edits.</summary>
public class CarritoTests
{
    [Theory]
    [InlineData("7790001234567", "7790001234567", 1)]
    [InlineData(" 3*7790001234567 ", "7790001234567", 3)]
    [InlineData("12x7790001234567", "7790001234567", 12)]
    [InlineData("9999 * 1234", "1234", 9999)]
    public void A_code_with_an_optional_quantity_prefix_is_read(string texto, string codigo, int cantidad) =>
        Assert.Equal(new EntradaCarrito(codigo, cantidad, null), Carrito.Interpretar(texto));

    [Theory]
    [InlineData("0*7790001234567", "La cantidad debe ser entre 1 y 9999.")]
    [InlineData("10000*7790001234567", "La cantidad debe ser entre 1 y 9999.")]
    [InlineData("alfajor", "«alfajor» no es un código de barras. Para buscar por nombre usá F2.")]
    [InlineData("", "«» no es un código de barras. Para buscar por nombre usá F2.")]
    public void A_bad_entry_says_why_in_spanish(string texto, string error) =>
        Assert.Equal(error, Carrito.Interpretar(texto).Error);

    [Fact]
    public void Reading_the_page_cart_merges_repeated_codes_and_drops_malformed_pairs()
    {
        var lineas = Carrito.Leer(["7790001234567", "12", "7790001234567", "abc1", "1234", "5555"], ["2", "1", "3", "1", "0", "9999"]);
        Assert.Equal([new LineaCarrito("7790001234567", 5), new LineaCarrito("5555", 9999)], lineas);
        Assert.Equal([new LineaCarrito("1234", 9999)], Carrito.Leer(["1234", "1234"], ["9000", "9000"])); // capped, not overflowed
        Assert.Equal(Carrito.MaxLineas, Carrito.Leer(Enumerable.Range(1000, 300).Select(n => (string?)n.ToString()).ToList(),
            Enumerable.Repeat<string?>("1", 300).ToList()).Count);
    }

    [Fact]
    public void Adding_goes_to_the_product_line_and_respects_both_limits()
    {
        var lineas = new List<LineaCarrito>();
        Assert.Null(Carrito.Agregar(lineas, "1234", 2));
        Assert.Null(Carrito.Agregar(lineas, "5678", 1));
        Assert.Null(Carrito.Agregar(lineas, "1234", 3));
        Assert.Equal([new LineaCarrito("1234", 5), new LineaCarrito("5678", 1)], lineas);
        Assert.Equal(Carrito.MensajeCantidad, Carrito.Agregar(lineas, "1234", 9995));
        Assert.Equal(5, lineas[0].Cantidad);

        var llenas = Enumerable.Range(0, Carrito.MaxLineas).Select(n => new LineaCarrito($"{1000 + n}", 1)).ToList();
        Assert.Equal("Una venta admite hasta 200 líneas.", Carrito.Agregar(llenas, "9999999", 1));
        Assert.Null(Carrito.Agregar(llenas, "1000", 1)); // an existing line still grows
    }

    [Fact]
    public void Line_edits_never_go_below_one_nor_above_the_limit_and_quitar_removes()
    {
        var lineas = new List<LineaCarrito> { new("1234", 1), new("5678", Carrito.MaxCantidad) };
        Assert.True(Carrito.Editar(lineas, "1234", "menos"));
        Assert.True(Carrito.Editar(lineas, "5678", "mas"));
        Assert.Equal([1, Carrito.MaxCantidad], lineas.Select(l => l.Cantidad));
        Assert.True(Carrito.Editar(lineas, "1234", "mas"));
        Assert.Equal(2, lineas[0].Cantidad);
        Assert.False(Carrito.Editar(lineas, "1234", "quitar"));
        Assert.False(Carrito.Editar(lineas, "0000", "mas"));
        Assert.Equal([new LineaCarrito("5678", Carrito.MaxCantidad)], lineas);
    }

    [Fact]
    public void The_browser_preview_uses_the_same_quantity_limit()
    {
        var js = File.ReadAllText(Path.Combine(TestServers.RepoRoot, "wwwroot-src", "src", "lib", "cart.js"));
        var m = Regex.Match(js, @"export const MAX_CANTIDAD = (\d+);");
        Assert.True(m.Success, "cart.js no longer declares MAX_CANTIDAD");
        Assert.Equal(Carrito.MaxCantidad, int.Parse(m.Groups[1].Value));
    }
}
