using BlendPos.Domain;
using BlendPos.Domain.Facturacion;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Facturacion.Documentos;
using BlendPos.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Facturacion;

/// <summary>
/// The printable document of a stored comprobante: the issuer (<see cref="IDatosComercio"/>), the receptor, the sale's
/// lines (a sale-level discount as a line of its own, so the lines add up to the total), the VAT split kept with the
/// comprobante, the CAE. A comprobante without number yet prints number 0 and no CAE.
/// </summary>
public sealed class FacturaDocumentos(BlendPosDb db, IDatosComercio comercio) : IFacturaDocumentos
{
    public async Task<FacturaDocumento?> ArmarAsync(Guid comprobanteId, CancellationToken ct)
    {
        var c = await db.Comprobantes.AsNoTracking().FirstOrDefaultAsync(x => x.Id == comprobanteId, ct);
        if (c is null) return null;
        var venta = await db.Ventas.AsNoTracking().Include(v => v.Items).FirstAsync(v => v.Id == c.VentaId, ct);
        var lineas = venta.Items.OrderBy(i => i.Id.ToString(), StringComparer.Ordinal)
            .Select(i => new LineaDocumento(i.Nombre, i.Cantidad, i.PrecioUnitario, i.AlicuotaIva, i.Subtotal)).ToList();
        if (venta.DescuentoTotal > 0) lineas.Add(new LineaDocumento("Descuento", 1, -venta.DescuentoTotal, 0m, -venta.DescuentoTotal));

        var detalle = DetalleComprobante.FromJson(c.Detalle);
        var iva = TiposComprobante.EsClaseC(c.Tipo) || detalle is null
            ? []
            : detalle.Alicuotas.Select(a => new IvaDocumento(a.Alicuota, a.BaseImp, a.Importe)).ToList();
        var condicion = CondicionIvaReceptor.Parse(c.CondicionIvaReceptor) ?? CondicionIvaReceptor.ConsumidorFinal;
        var receptor = new ReceptorDocumento(c.DocTipo ?? DocumentoReceptor.SinIdentificar, c.DocNro ?? 0, c.ReceptorNombre, condicion.Nombre, null);

        string? asociado = null;
        if (c.ComprobanteAsociadoId is { } asociadoId &&
            await db.Comprobantes.AsNoTracking().FirstOrDefaultAsync(x => x.Id == asociadoId, ct) is { } f)
            asociado = $"{f.Tipo.Nombre()} {f.PuntoDeVenta:D5}-{f.Numero ?? 0:D8}";

        return new FacturaDocumento(await comercio.ObtenerAsync(ct), c.Tipo, c.PuntoDeVenta, c.Numero ?? 0,
            c.Fecha ?? DateOnly.FromDateTime(c.CreatedAt.UtcDateTime), receptor, lineas, c.MontoNeto, iva, c.MontoTotal,
            c.Estado == EstadoComprobante.Emitido ? c.Cae : null, c.Estado == EstadoComprobante.Emitido ? c.CaeVencimiento : null, asociado);
    }
}
