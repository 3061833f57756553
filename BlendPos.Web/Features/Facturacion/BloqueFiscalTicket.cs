using BlendPos.Domain;
using BlendPos.Domain.Facturacion;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Facturacion.Documentos;
using BlendPos.Web.Infrastructure.Pdf;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Facturacion;

/// <summary>
/// What the thermal receipt prints about a sale's invoice (AFIP.md "What the printed Factura B/C shows"): once
/// emitted, its name and number, CAE, «Vto. CAE» and the RG 4892 QR (the same payload as the PDF's); while AFIP has
/// not answered, that it is on its way. Null when the sale asked for no invoice: the receipt then says «Comprobante no
/// válido como factura».
/// </summary>
public sealed record BloqueFiscal(string Comprobante, EstadoComprobante Estado, string? Cae, DateOnly? CaeVencimiento, string? QrDataUri)
{
    public bool Emitido => Estado == EstadoComprobante.Emitido && Cae is not null;
}

public sealed class BloqueFiscalTicket(BlendPosDb db, IFacturaDocumentos documentos, FacturaPdf pdf)
{
    /// <summary>The sale's invoice (not its nota de crédito: a voided sale's receipt still shows what was invoiced).</summary>
    public async Task<BloqueFiscal?> ParaVentaAsync(Guid ventaId, CancellationToken ct)
    {
        var facturas = new[] { TipoComprobante.FacturaA, TipoComprobante.FacturaB, TipoComprobante.FacturaC };
        var c = await db.Comprobantes.AsNoTracking()
            .Where(x => x.VentaId == ventaId && facturas.Contains(x.Tipo))
            .OrderByDescending(x => x.CreatedAt)
            .Select(x => new { x.Id, x.Tipo, x.PuntoDeVenta, x.Numero, x.Estado })
            .FirstOrDefaultAsync(ct);
        if (c is null) return null;

        var nombre = c.Tipo.Nombre();
        if (c.Estado != EstadoComprobante.Emitido || c.Numero is not { } numero)
            return new BloqueFiscal(nombre, c.Estado, null, null, null);

        var documento = await documentos.ArmarAsync(c.Id, ct);
        var url = documento is null ? null : pdf.UrlQr(documento);
        var qr = url is null ? null : "data:image/png;base64," + Convert.ToBase64String(FacturaPdf.QrPng(url));
        return new BloqueFiscal($"{nombre} {NumeroComprobante.Formatear(c.PuntoDeVenta, numero)}", c.Estado,
            documento?.Cae, documento?.CaeVencimiento, qr);
    }
}
