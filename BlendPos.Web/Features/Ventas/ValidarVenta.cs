using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Facturacion;
using BlendPos.Domain.Inventario;
using BlendPos.Domain.Usuarios;
using BlendPos.Domain.Ventas;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Catalogo;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BlendPos.Web.Features.Ventas;

/// <summary>The shape of a sale request (online and offline), checked before any database work; Spanish messages per field.</summary>
public sealed partial class VentaService
{
    private static (IReadOnlyList<LineaPedida>, IReadOnlyList<Pago>) ValidarForma(VentaRequest r)
    {
        var v = new Validator();
        ValidarComprobante(v, r.Comprobante);
        ValidarCabecera(v, r.SesionCajaId, r.Items?.Count);
        var lineas = new List<LineaPedida>();
        for (var i = 0; i < (r.Items?.Count ?? 0); i++)
        {
            var it = r.Items![i];
            if (it is null) { v.Add($"items[{i}]", "Falta la línea."); continue; }
            lineas.Add(ValidarLinea(v, i, it.Barcode, it.ProductoId, it.Cantidad, it.DescuentoItem ?? 0, precioOffline: null));
        }
        return (lineas, ValidarPagos(v, r.Pagos));
    }

    /// <summary>What an online and an offline sale both need: a session and between 1 and <see cref="Carrito.MaxLineas"/> lines.</summary>
    private static void ValidarCabecera(Validator v, Guid? sesionCajaId, int? lineas)
    {
        v.When(sesionCajaId is null, "sesion_caja_id", "Falta la sesión de caja.");
        v.When(lineas is null or 0, "items", "La venta no tiene productos.");
        v.When(lineas > Carrito.MaxLineas, "items", Carrito.MensajeLineas);
    }

    private static LineaPedida ValidarLinea(Validator v, int i, string? barcodeCrudo, Guid? productoId, int? cantidad, decimal descuento, decimal? precioOffline)
    {
        var barcode = barcodeCrudo?.Trim();
        if (string.IsNullOrEmpty(barcode) && productoId is null) v.Add($"items[{i}]", "Indicá el código de barras o el producto.");
        else if (!string.IsNullOrEmpty(barcode) && !Carrito.PareceCodigo(barcode)) v.Add($"items[{i}].barcode", "El código de barras debe tener entre 4 y 14 dígitos.");
        if (cantidad is null or < 1 or > Carrito.MaxCantidad) v.Add($"items[{i}].cantidad", Carrito.MensajeCantidad);
        return new LineaPedida(string.IsNullOrEmpty(barcode) ? null : barcode, string.IsNullOrEmpty(barcode) ? productoId : null,
            cantidad ?? 0, descuento, precioOffline);
    }

    /// <summary>
    /// The invoice a sale asks for: a factura (A, B or C); the receptor's id is a CUIT with its check digit (11 digits)
    /// or a DNI (7 or 8 digits); a factura A needs the CUIT; names and conditions fit their columns.
    /// </summary>
    private static void ValidarComprobante(Validator v, ComprobanteRequest? c)
    {
        if (c is null) return;
        v.When(c.Tipo is not (TipoComprobante.FacturaA or TipoComprobante.FacturaB or TipoComprobante.FacturaC),
            "comprobante.tipo", "El comprobante de una venta es factura_a, factura_b o factura_c.");
        var doc = c.ReceptorCuit?.Trim();
        if (!string.IsNullOrEmpty(doc))
        {
            var digitos = new string(doc.Where(char.IsAsciiDigit).ToArray());
            var esDni = digitos.Length is 7 or 8 && digitos.Length == doc.Count(ch => ch != '.');
            if (!esDni && Cuit.Validate(doc) is { } error) v.Add("comprobante.receptor_cuit", error + " (o un DNI de 7 u 8 dígitos)");
        }
        else v.When(c.Tipo == TipoComprobante.FacturaA, "comprobante.receptor_cuit", "La factura A necesita el CUIT del receptor.");
        v.When(c.ReceptorNombre?.Trim().Length > 200, "comprobante.receptor_nombre", "El nombre del receptor admite hasta 200 caracteres.");
        v.When(c.CondicionIvaReceptor?.Trim().Length > 40, "comprobante.condicion_iva_receptor", "La condición frente al IVA admite hasta 40 caracteres.");
    }

    /// <summary>At most this many payments per sale (a split across methods needs a handful).</summary>
    public const int MaxPagos = 20;

    private static List<Pago> ValidarPagos(Validator v, IReadOnlyList<PagoRequest>? pedidos)
    {
        v.When(pedidos is not { Count: > 0 }, "pagos", "Indicá cómo se paga.");
        v.When(pedidos?.Count > MaxPagos, "pagos", $"Una venta admite hasta {MaxPagos} pagos.");
        var pagos = new List<Pago>();
        for (var i = 0; i < Math.Min(pedidos?.Count ?? 0, MaxPagos); i++)
        {
            var p = pedidos![i];
            if (p is null) { v.Add($"pagos[{i}]", "Falta el pago."); continue; }
            if (p.Metodo is null) v.Add($"pagos[{i}].metodo", "El medio de pago debe ser efectivo, debito, credito o transferencia.");
            if (p.Monto is null) v.Add($"pagos[{i}].monto", "Ingresá el importe del pago.");
            if (p.Metodo is { } m && p.Monto is { } monto) pagos.Add(new Pago(m, monto));
        }
        v.ThrowIfAny();
        return pagos;
    }

    private static ValidationException Validation(IReadOnlyDictionary<string, string> errores) =>
        new(errores.ToDictionary(kv => kv.Key, kv => new[] { kv.Value }), errores.Count == 1 ? errores.First().Value : null);
}
