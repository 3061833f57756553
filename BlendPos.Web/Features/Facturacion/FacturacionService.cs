using BlendPos.Domain;
using BlendPos.Domain.Facturacion;
using BlendPos.Domain.Usuarios;
using BlendPos.Domain.Ventas;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Facturacion.Configuracion;
using BlendPos.Web.Features.Facturacion.Emision;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Facturacion;

/// <summary>
/// Invoices after the sale (POST /v1/facturas, «Facturar» on /ventas), reading them (/v1/facturas, /facturacion) and
/// re-queuing a failed one. Issuing itself is <see cref="EmisionJob"/>'s, in the background.
/// </summary>
public sealed class FacturacionService(BlendPosDb db, ColaEmision cola, TimeProvider clock, BlendPosOptions options, ILogger<FacturacionService> logger)
{
    /// <summary>A sale invoiced after the fact: one transaction holding the sale row, so two requests cannot both invoice it.</summary>
    public async Task<ComprobanteDto> SolicitarAsync(FacturaRequest r, Actor actor, CancellationToken ct = default)
    {
        new Validator()
            .When(r.VentaId is null, "venta_id", "Falta la venta.")
            .When(r.Tipo is not (TipoComprobante.FacturaA or TipoComprobante.FacturaB or TipoComprobante.FacturaC), "tipo",
                "El tipo es factura_a, factura_b o factura_c.")
            .ThrowIfAny();
        var comprobante = await db.InTransactionAsync(async () =>
        {
            var venta = await db.Ventas.FromSql($"SELECT * FROM ventas WHERE id = {r.VentaId!.Value} FOR UPDATE")
                .AsNoTracking().FirstOrDefaultAsync(ct) ?? throw new NotFoundException("La venta no existe.");
            if (venta.UsuarioId != actor.Id && !Roles.AtLeast(actor.Rol, Roles.Supervisor))
                throw new NotFoundException("La venta no existe.");
            if (venta.Estado == EstadoVenta.Anulada) throw new ConflictException("La venta está anulada: no se factura.");
            var existente = await db.Comprobantes.AsNoTracking()
                .Where(c => c.VentaId == venta.Id && c.ComprobanteAsociadoId == null).OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
            if (existente is not null)
                throw new ConflictException($"La venta ya tiene una {existente.Tipo.Nombre()} ({Estado(existente.Estado).ToLowerInvariant()}).");
            var items = await db.VentaItems.AsNoTracking().Where(i => i.VentaId == venta.Id).ToListAsync(ct);
            var emisor = ConfiguracionFacturacionService.Emisor(await db.ConfiguracionFacturacion.AsNoTracking().FirstOrDefaultAsync(ct));
            var c = NuevoComprobante.ParaVenta(emisor, new PedidoFactura(r.Tipo, r.ReceptorCuit, r.ReceptorNombre, r.CondicionIvaReceptor, r.ReceptorEmail),
                venta.Id, items.Select(i => new LineaGravada(i.Subtotal, i.AlicuotaIva)).ToList(), venta.DescuentoTotal, venta.Total, clock.GetUtcNow());
            db.Comprobantes.Add(c);
            await db.SaveChangesAsync(ct);
            return c;
        }, ct);
        logger.LogInformation("Invoice {Comprobante} ({Tipo}) requested for sale {Venta} by {User}", comprobante.Id, comprobante.Tipo, comprobante.VentaId, actor.Id);
        cola.Encolar(comprobante.Id);
        return ComprobanteDto.From(comprobante);
    }

    /// <summary>One comprobante; a cashier sees only those of their own sales (others do not exist for them).</summary>
    public async Task<Comprobante> GetAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        var c = await db.Comprobantes.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("El comprobante no existe.");
        if (!Roles.AtLeast(actor.Rol, Roles.Supervisor) && !await db.Ventas.AnyAsync(v => v.Id == c.VentaId && v.UsuarioId == actor.Id, ct))
            throw new NotFoundException("El comprobante no existe.");
        return c;
    }

    public async Task<PageOf<ComprobanteFila>> ListAsync(FacturaFiltro f, int? page, int? size, CancellationToken ct = default)
    {
        var (p, s) = Paging.Normalize(page, size);
        var tz = Formato.Zona(options);
        var q = db.Comprobantes.AsNoTracking();
        if (f.VentaId is { } venta) q = q.Where(c => c.VentaId == venta);
        if (f.Estado is { } estado) q = q.Where(c => c.Estado == estado);
        if (f.Desde is { } desde) { var from = Inicio(desde, tz); q = q.Where(c => c.CreatedAt >= from); }
        if (f.Hasta is { } hasta) { var to = Inicio(hasta.AddDays(1), tz); q = q.Where(c => c.CreatedAt < to); }
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Skip((p - 1) * s).Take(s)
            .Join(db.Ventas, c => c.VentaId, v => v.Id, (c, v) => new { C = c, v.PuntoDeVenta, v.NumeroTicket })
            .ToListAsync(ct);
        var filas = rows.Select(r => new ComprobanteFila(ComprobanteDto.From(r.C), r.C.CreatedAt, $"{r.PuntoDeVenta:D4}-{r.NumeroTicket:D8}",
            r.C.ErrorPermanente, r.C.ProximoIntentoAt, r.C.Intentos, r.C.CorreoEstado?.ToString())).ToList();
        return new PageOf<ComprobanteFila>(filas, total, p, s);
    }

    /// <summary>«Reintentar»: a comprobante in error goes back to pending and onto the queue (only from error: 409 otherwise).</summary>
    public async Task<ComprobanteDto> ReintentarAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        if (!actor.EsSupervisor) throw new ForbiddenException("Solo un supervisor puede reintentar un comprobante.");
        var now = clock.GetUtcNow();
        var filas = await db.Comprobantes.Where(c => c.Id == id && c.Estado == EstadoComprobante.Error)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Estado, EstadoComprobante.Pendiente).SetProperty(c => c.ErrorPermanente, false)
                .SetProperty(c => c.ProximoIntentoAt, (DateTimeOffset?)null).SetProperty(c => c.UpdatedAt, now), ct);
        var c = await db.Comprobantes.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("El comprobante no existe.");
        if (filas == 0) throw new ConflictException($"Solo se reintenta un comprobante con error; este está {Estado(c.Estado).ToLowerInvariant()}.");
        logger.LogInformation("Comprobante {Comprobante} re-queued by {User}", id, actor.Id);
        cola.Encolar(id);
        return ComprobanteDto.From(c);
    }

    /// <summary>The admins' badge: comprobantes in error that no retry will fix by itself.</summary>
    public Task<int> ErroresPermanentesAsync(CancellationToken ct = default) =>
        db.Comprobantes.CountAsync(c => c.Estado == EstadoComprobante.Error, ct);

    public static string Estado(EstadoComprobante e) => e switch
    {
        EstadoComprobante.Emitido => "Emitido",
        EstadoComprobante.Error => "Error",
        _ => "Pendiente",
    };

    private static DateTimeOffset Inicio(DateOnly dia, TimeZoneInfo tz)
    {
        var local = dia.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, tz.GetUtcOffset(local)).ToUniversalTime();
    }
}
