using System.Globalization;
using BlendPos.Domain;
using BlendPos.Web.Infrastructure.Errors;

namespace BlendPos.Web.Features.Catalogo;

/// <summary>
/// The product form as typed: money arrives as text so "1234,50", "1.234,50" and "1234.50" all work. Parsing is the
/// only thing done here; every rule is <see cref="ProductoValidation"/>'s, through the service.
/// </summary>
public sealed class ProductoFormInput
{
    public string? CodigoBarras { get; set; }
    public string? Nombre { get; set; }
    public string? Descripcion { get; set; }
    public string? Categoria { get; set; }
    public Guid? ProveedorId { get; set; }
    public string? PrecioCosto { get; set; }
    public string? PrecioVenta { get; set; }
    /// <summary>Invariant text ("10.5") from the select, so the es-AR model binder cannot read it as 105.</summary>
    public string AlicuotaIva { get; set; } = "21";
    public int? StockMinimo { get; set; } = 5;
    public string? UnidadMedida { get; set; } = "unidad";
    /// <summary>Opening stock, on create only.</summary>
    public int? StockActual { get; set; }
    public bool Activo { get; set; } = true;

    public ProductoRequest ToRequest(bool creating)
    {
        var v = new Validator();
        var costo = ParseMoney(PrecioCosto, "precio_costo", v);
        var venta = ParseMoney(PrecioVenta, "precio_venta", v);
        decimal? iva = decimal.TryParse(AlicuotaIva, NumberStyles.Number, CultureInfo.InvariantCulture, out var a) ? a : null;
        v.When(iva is null, "alicuota_iva", "Elegí la alícuota de IVA.");
        v.ThrowIfAny();
        return new ProductoRequest(CodigoBarras?.Trim(), Nombre, Descripcion ?? "", Categoria, costo, venta, StockMinimo,
            UnidadMedida, ProveedorId, Activo, iva, creating ? StockActual ?? 0 : null);
    }

    public static ProductoFormInput From(ProductoDto p) => new()
    {
        CodigoBarras = p.CodigoBarras, Nombre = p.Nombre, Descripcion = p.Descripcion, Categoria = p.Categoria,
        ProveedorId = p.ProveedorId, PrecioCosto = Money.FormatPlain(p.PrecioCosto), PrecioVenta = Money.FormatPlain(p.PrecioVenta),
        AlicuotaIva = Inv(p.AlicuotaIva), StockMinimo = p.StockMinimo, UnidadMedida = p.UnidadMedida, Activo = p.Activo,
    };

    private static decimal? ParseMoney(string? text, string field, Validator v)
    {
        if (string.IsNullOrWhiteSpace(text)) return null; // "required" is the service's rule
        if (Money.TryParse(text, out var value)) return value;
        v.Add(field, "Ingresá un importe válido, por ejemplo 1234,50 (hasta 2 decimales).");
        return null;
    }

    public static string Inv(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Iva(decimal alicuota) => alicuota.ToString("0.##", CultureInfo.GetCultureInfo("es-AR")) + " %";
}
