using BlendPos.Domain;
using BlendPos.Domain.Catalogo;
using BlendPos.Web.Infrastructure.Errors;

namespace BlendPos.Web.Features.Catalogo;

/// <summary>Input rules for a product, shared by /v1 and the pages through <see cref="CatalogoService"/>.</summary>
public static class ProductoValidation
{
    /// <summary>AFIP's VAT rates.</summary>
    public static readonly decimal[] AlicuotasIva = [0m, 2.5m, 5m, 10.5m, 21m, 27m];

    public const decimal MaxPrecio = 99_999_999.99m; // numeric(10,2)

    public static void Validate(ProductoRequest r, bool creating)
    {
        var v = new Validator();
        if (creating || r.CodigoBarras is not null)
        {
            var error = Gtin.Validate(r.CodigoBarras?.Trim());
            if (error is not null) v.Add("codigo_barras", error);
        }
        if (creating || r.Nombre is not null)
        {
            var nombre = r.Nombre?.Trim() ?? "";
            v.When(nombre.Length == 0, "nombre", "Ingresá el nombre del producto.");
            v.When(nombre.Length > 200, "nombre", "El nombre admite hasta 200 caracteres.");
        }
        if (creating || r.Categoria is not null)
        {
            var categoria = r.Categoria?.Trim() ?? "";
            v.When(categoria.Length == 0, "categoria", "Ingresá la categoría.");
            v.When(categoria.Length > 80, "categoria", "La categoría admite hasta 80 caracteres.");
        }
        Money(v, "precio_costo", r.PrecioCosto, creating, "el costo");
        Money(v, "precio_venta", r.PrecioVenta, creating, "el precio de venta");
        v.When(r.StockMinimo is < 0, "stock_minimo", "El stock mínimo no puede ser negativo.");
        v.When(r.StockActual is < 0, "stock_actual", "El stock inicial no puede ser negativo.");
        v.When(r.AlicuotaIva is { } iva && !AlicuotasIva.Contains(iva), "alicuota_iva",
            "La alícuota de IVA debe ser 0, 2,5, 5, 10,5, 21 o 27 %.");
        v.When((r.UnidadMedida?.Trim().Length ?? 0) > 20, "unidad_medida", "La unidad de medida admite hasta 20 caracteres.");
        v.When((r.Descripcion?.Length ?? 0) > 1000, "descripcion", "La descripción admite hasta 1000 caracteres.");
        v.ThrowIfAny();
    }

    private static void Money(Validator v, string field, decimal? value, bool required, string what)
    {
        if (value is null)
        {
            v.When(required, field, $"Ingresá {what}.");
            return;
        }
        v.When(value < 0, field, $"{Cap(what)} no puede ser negativo.");
        v.When(!BlendPos.Domain.Money.HasAtMostTwoDecimals(value.Value), field, $"{Cap(what)} admite hasta 2 decimales.");
        v.When(value > MaxPrecio, field, $"{Cap(what)} es demasiado alto.");
    }

    private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
