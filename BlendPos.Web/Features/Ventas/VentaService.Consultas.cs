using BlendPos.Domain;
using BlendPos.Domain.Facturacion;
using BlendPos.Domain.Inventario;
using BlendPos.Domain.Usuarios;
using BlendPos.Domain.Ventas;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Caja;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Ventas;

/// <summary>Reading sales and voiding them.</summary>
public sealed partial class VentaService
{
    public async Task<VentaDto> GetAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        var venta = await GetOrNullAsync(id, ct) ?? throw new NotFoundException("La venta no existe.");
        if (venta.UsuarioId != actor.Id && !Roles.AtLeast(actor.Rol, Roles.Supervisor))
            throw new ForbiddenException("Solo podés ver tus propias ventas.");
        return venta;
    }

    public async Task<PageOf<VentaDto>> ListAsync(VentaFiltro f, Actor actor, BlendPosOptions options, int? page, int? size,
        CancellationToken ct = default)
    {
        var (p, s) = Paging.Normalize(page, size);
        var tz = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var query = db.Ventas.AsNoTracking();
        if (!Roles.AtLeast(actor.Rol, Roles.Supervisor)) query = query.Where(v => v.UsuarioId == actor.Id);
        if (f.SesionCajaId is { } sesion) query = query.Where(v => v.SesionCajaId == sesion);
        if (f.Desde is { } desde) { var from = Inicio(desde, tz); query = query.Where(v => v.CreatedAt >= from); }
        if (f.Hasta is { } hasta) { var to = Inicio(hasta.AddDays(1), tz); query = query.Where(v => v.CreatedAt < to); }
        if (f.Conflicto is true) query = query.Where(v => v.ConflictoStock || v.ConflictoPrecio || v.ConflictoSesion || v.ConflictoFecha);
        if (f.Conflicto is false) query = query.Where(v => !v.ConflictoStock && !v.ConflictoPrecio && !v.ConflictoSesion && !v.ConflictoFecha);

        var total = await query.CountAsync(ct);
        var ventas = await query.OrderByDescending(v => v.CreatedAt).Skip((p - 1) * s).Take(s)
            .Include(v => v.Items).Include(v => v.Pagos).AsSplitQuery().ToListAsync(ct);
        var ids = ventas.Select(v => v.Id).ToList();
        var comprobantes = await ComprobantesAsync(ids, ct);
        return new PageOf<VentaDto>(ventas.Select(v => VentaDto.From(v, comprobantes.GetValueOrDefault(v.Id))).ToList(), total, p, s);
    }

    /// <summary>
    /// A supervisor voids a sale: inverse cash movements, units back into stock (opened packs stay opened), reason and
    /// authorizer recorded. Refused when already voided or when its session is no longer open (its count is taken).
    /// </summary>
    public async Task<VentaDto> AnularAsync(Guid id, AnularRequest r, Actor supervisor, CancellationToken ct = default)
    {
        if (!Roles.AtLeast(supervisor.Rol, Roles.Supervisor))
            throw new ForbiddenException("Solo un supervisor puede anular una venta.");
        var motivo = r.Motivo?.Trim() ?? "";
        new Validator()
            .When(motivo.Length == 0, "motivo", "Indicá el motivo de la anulación.")
            .When(motivo.Length > 300, "motivo", "El motivo admite hasta 300 caracteres.")
            .ThrowIfAny();

        var (dto, barcodes) = await db.InTransactionAsync(async () =>
        {
            var venta = await db.Ventas.FromSql($"SELECT * FROM ventas WHERE id = {id} FOR UPDATE")
                            .Include(v => v.Items).Include(v => v.Pagos).FirstOrDefaultAsync(ct)
                        ?? throw new NotFoundException("La venta no existe.");
            if (venta.Estado == EstadoVenta.Anulada) throw new ConflictException("La venta ya está anulada.");
            // Four eyes: a supervisor does not void their own sale (an admin alone in the shop may).
            await aprobadores.ExigirOtroAsync(supervisor, venta.UsuarioId, "anular tu propia venta", ct);
            var sesion = await db.SesionesCaja.AsNoTracking().FirstAsync(s => s.Id == venta.SesionCajaId, ct);
            if (sesion.Estado != EstadoSesionCaja.Abierta)
                throw new ConflictException("La caja de esa venta ya se cerró: no se puede anular.");

            var now = clock.GetUtcNow();
            // Units go back to the product sold; packs opened for the sale stay opened (their units are on the shelf).
            var porProducto = AnulacionRules.Efectos(venta.Items.Select(i => (i.ProductoId, i.Cantidad)), []).StockDevuelto;
            var stock = await BloquearStockAsync(porProducto.Keys.ToList(), ct);
            var actual = new Dictionary<Guid, int>(stock);
            foreach (var (productoId, cantidad) in porProducto.OrderBy(kv => kv.Key.ToString(), StringComparer.Ordinal))
            {
                actual[productoId] += cantidad;
                await db.Database.ExecuteSqlAsync($"UPDATE productos SET stock_actual = {actual[productoId]}, updated_at = {now} WHERE id = {productoId}", ct);
                db.MovimientosStock.Add(new MovimientoStock
                {
                    ProductoId = productoId, Tipo = TipoMovimientoStock.Anulacion, Cantidad = cantidad, StockResultante = actual[productoId],
                    Motivo = motivo, ReferenciaId = venta.Id, UsuarioId = supervisor.Id, CreatedAt = now,
                });
            }
            await caja.RegistrarAnulacionAsync(venta.Id, motivo, supervisor.Id, ct);

            // An invoiced sale needs a credit note; it is queued like any invoice (a pending row).
            var factura = await db.Comprobantes.AsNoTracking()
                .FirstOrDefaultAsync(c => c.VentaId == venta.Id && c.Estado == EstadoComprobante.Emitido &&
                                          (c.Tipo == TipoComprobante.FacturaA || c.Tipo == TipoComprobante.FacturaB || c.Tipo == TipoComprobante.FacturaC), ct);
            if (factura is not null)
                db.Comprobantes.Add(new Comprobante
                {
                    Id = Guid.NewGuid(), Tipo = NotaCreditoDe(factura.Tipo), PuntoDeVenta = factura.PuntoDeVenta,
                    ReceptorCuit = factura.ReceptorCuit, ReceptorNombre = factura.ReceptorNombre, CondicionIvaReceptor = factura.CondicionIvaReceptor,
                    MontoNeto = factura.MontoNeto, MontoIva = factura.MontoIva, MontoTotal = factura.MontoTotal, Estado = EstadoComprobante.Pendiente,
                    VentaId = venta.Id, ComprobanteAsociadoId = factura.Id, CreatedAt = now, UpdatedAt = now,
                });

            venta.Estado = EstadoVenta.Anulada;
            venta.MotivoAnulacion = motivo;
            venta.AnuladaPorId = supervisor.Id;
            venta.AnuladaAt = now;
            await db.SaveChangesAsync(ct);
            return (VentaDto.From(venta, (await ComprobantesAsync([venta.Id], ct)).GetValueOrDefault(venta.Id)),
                venta.Items.Select(i => i.CodigoBarras).ToList());
        }, ct);
        await cache.InvalidateAsync(barcodes);
        logger.LogInformation("Sale {Venta} voided by {Supervisor}: {Motivo}", id, supervisor.Id, motivo);
        return dto;
    }

    private async Task<VentaDto?> GetOrNullAsync(Guid id, CancellationToken ct)
    {
        var venta = await db.Ventas.AsNoTracking().Include(v => v.Items).Include(v => v.Pagos).AsSplitQuery()
            .FirstOrDefaultAsync(v => v.Id == id, ct);
        return venta is null ? null : VentaDto.From(venta, (await ComprobantesAsync([id], ct)).GetValueOrDefault(id));
    }

    /// <summary>The sale's current invoice (the latest non-credit-note), for the Venta's <c>comprobante</c>.</summary>
    private async Task<Dictionary<Guid, ComprobanteResumenDto>> ComprobantesAsync(List<Guid> ventaIds, CancellationToken ct)
    {
        var rows = await db.Comprobantes.AsNoTracking().Where(c => ventaIds.Contains(c.VentaId) && c.ComprobanteAsociadoId == null)
            .OrderBy(c => c.CreatedAt).Select(c => new { c.VentaId, c.Id, c.Tipo, c.Estado }).ToListAsync(ct);
        return rows.GroupBy(r => r.VentaId).ToDictionary(g => g.Key, g => g.Select(r => new ComprobanteResumenDto(r.Id, r.Tipo, r.Estado)).Last());
    }

    private static TipoComprobante NotaCreditoDe(TipoComprobante factura) => factura switch
    {
        TipoComprobante.FacturaA => TipoComprobante.NotaCreditoA,
        TipoComprobante.FacturaB => TipoComprobante.NotaCreditoB,
        _ => TipoComprobante.NotaCreditoC,
    };

    private static DateTimeOffset Inicio(DateOnly dia, TimeZoneInfo tz)
    {
        var local = dia.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, tz.GetUtcOffset(local)).ToUniversalTime();
    }
}
