using BlendPos.Web.Features.Ventas;

namespace BlendPos.Tests.Features.Ventas;

/// <summary>When a scan's answer may be the scanned line alone (Pos.Escaneo.cs) and when the whole cart must come back.</summary>
public sealed class EscaneoTests
{
    private static PosLineaVista Linea(string barcode, bool actual = false, string? error = null, string? aviso = null) =>
        new(barcode, Guid.NewGuid().ToString(), "Producto " + barcode, "1", "100", "$ 100,00", "$ 100,00", actual, error, aviso);

    private static PosCarritoVista Carrito(params PosLineaVista[] lineas) => new(lineas, 100m * lineas.Length, lineas.Length, null);

    [Fact]
    public void A_scan_answers_the_scanned_line_only()
    {
        var cambios = Escaneo.Cambios(Carrito(Linea("1"), Linea("2", actual: true), Linea("3")), 3);
        Assert.NotNull(cambios);
        Assert.Equal(["2"], cambios.Filas.Select(f => f.Barcode));
        Assert.Equal(300m, cambios.Carrito.Total);
    }

    [Fact]
    public void The_scanned_line_may_carry_its_own_warning()
    {
        var cambios = Escaneo.Cambios(Carrito(Linea("1"), Linea("2", actual: true, aviso: "Stock: quedan 3.")), 2);
        Assert.Equal("Stock: quedan 3.", Assert.Single(cambios!.Filas).Aviso);
    }

    [Fact]
    public void An_unknown_code_changes_no_line_and_keeps_the_message()
    {
        var carrito = new PosCarritoVista([Linea("1")], 100m, 1, "No hay un producto con el código 999.");
        var cambios = Escaneo.Cambios(carrito, 1);
        Assert.Empty(cambios!.Filas);
        Assert.Equal("No hay un producto con el código 999.", cambios.Carrito.Mensaje);
    }

    [Fact]
    public void Another_line_marked_by_the_scan_redraws_the_whole_cart()
    {
        Assert.Null(Escaneo.Cambios(Carrito(Linea("1", aviso: "Stock: quedan 2."), Linea("2", actual: true)), 2));
        Assert.Null(Escaneo.Cambios(Carrito(Linea("1", error: "Dado de baja: quitalo de la venta."), Linea("2", actual: true)), 2));
    }

    [Fact]
    public void A_line_gone_from_the_catalog_redraws_the_whole_cart()
    {
        Assert.Null(Escaneo.Cambios(Carrito(Linea("2", actual: true)), 2));
    }
}
