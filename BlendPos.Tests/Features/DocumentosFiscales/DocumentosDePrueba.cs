using BlendPos.Domain;
using BlendPos.Web.Features.Facturacion.Documentos;
using BlendPos.Web.Features.Shared;

namespace BlendPos.Tests.Features.DocumentosFiscales;

/// <summary>Resolved documents as invoicing would build them; amounts worked out by hand (21 % and 10,5 % VAT).</summary>
public static class DocumentosDePrueba
{
    public static readonly DatosComercio Inscripto = new(
        "Kiosco Don Pepe", "Pepe Distribuciones S.R.L.", "Av. Corrientes 1234, CABA", "20123456786",
        "IVA Responsable Inscripto", "901-123456-7", new DateOnly(2020, 3, 1));

    public static readonly DatosComercio Monotributista = new(
        "Maxikiosco La Esquina", "Gómez María Laura", "San Martín 55, Rosario, Santa Fe", "27234567891",
        "Responsable Monotributo", null, new DateOnly(2018, 9, 15));

    public static readonly ReceptorDocumento ConsumidorFinal = new(99, 0, null, "Consumidor Final", null);

    /// <summary>
    /// Factura B 00001-00000012: 2 × $ 1.210 (21 %) + 1 × $ 552,50 (10,5 %) = $ 2.972,50; VAT contained 420 + 52,50.
    /// </summary>
    public static FacturaDocumento FacturaB(string? cae = "76123456789012") => new(
        Inscripto, TipoComprobante.FacturaB, 1, 12, new DateOnly(2026, 12, 7), ConsumidorFinal,
        [
            new("Alfajor Triple Chocolate con Dulce de Leche Edición Especial de Fin de Año, caja por 12 unidades surtidas", 2, 1210m, 21m, 2420m),
            new("Yerba Mate Suave 500 g", 1, 552.50m, 10.5m, 552.50m),
        ],
        2500m, [new(21m, 2000m, 420m), new(10.5m, 500m, 52.50m)], 2972.50m,
        cae, cae is null ? null : new DateOnly(2026, 12, 17), null);

    /// <summary>Factura C 00003-00000007 from a monotributista to an identified buyer (DNI): $ 1.234,50.</summary>
    public static FacturaDocumento FacturaC() => new(
        Monotributista, TipoComprobante.FacturaC, 3, 7, new DateOnly(2026, 12, 5),
        new ReceptorDocumento(96, 28765432, "Pérez, Juan", "Consumidor Final", null),
        [new("Gaseosa Cola 2,25 L", 3, 250m, 0m, 750m), new("Galletitas de agua", 2, 242.25m, 0m, 484.50m)],
        1234.50m, [], 1234.50m, "71234567890123", new DateOnly(2026, 12, 15), null);

    /// <summary>Factura A 00001-00000094 to a Responsable Inscripto: neto 1.000 + 400, IVA 210 + 42, total 1.652.</summary>
    public static FacturaDocumento FacturaA() => new(
        Inscripto, TipoComprobante.FacturaA, 1, 94, new DateOnly(2026, 12, 7),
        new ReceptorDocumento(80, 30712345671, "Distribuidora del Sur S.A.", "IVA Responsable Inscripto", "Belgrano 800, Avellaneda"),
        [new("Cigarrillos 20 u.", 10, 100m, 21m, 1000m), new("Pan lactal", 4, 100m, 10.5m, 400m)],
        1400m, [new(21m, 1000m, 210m), new(10.5m, 400m, 42m)], 1652m, "70417054367476", new DateOnly(2026, 12, 17), null);

    /// <summary>Nota de Crédito B 00001-00000003 cancelling Factura B 00001-00000012.</summary>
    public static FacturaDocumento NotaCreditoB() => FacturaB() with
    {
        Tipo = TipoComprobante.NotaCreditoB, Numero = 3, Cae = "76999999999999",
        ComprobanteAsociado = "Factura B 00001-00000012",
    };

    /// <summary>A Factura B with <paramref name="lineas"/> lines of $ 121 each (21 %), to fill several pages.</summary>
    public static FacturaDocumento FacturaLarga(int lineas) => FacturaB() with
    {
        Numero = 13,
        Lineas = Enumerable.Range(1, lineas).Select(i => new LineaDocumento($"Artículo de prueba número {i}", 1, 121m, 21m, 121m)).ToList(),
        MontoNeto = 100m * lineas,
        Iva = [new(21m, 100m * lineas, 21m * lineas)],
        MontoTotal = 121m * lineas,
    };
}
