using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Facturacion;
using BlendPos.Domain.Inventario;
using BlendPos.Domain.Usuarios;
using BlendPos.Domain.Ventas;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Catalogo;
using BlendPos.Web.Features.Facturacion;
using BlendPos.Web.Features.Facturacion.Configuracion;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BlendPos.Web.Features.Ventas;

/// <summary>
/// registrar_venta (seed 7.1): one transaction that prices from the catalog, opens packs when units run out, writes
/// every stock change to the ledger, one cash movement per payment, the gap-free ticket number and, when asked, the
/// pending invoice. Product rows are locked in one statement ordered by id, so concurrent terminals queue instead of
/// deadlocking and never lose a stock update. Idempotent on the sale id (primary key, not a check-then-insert).
/// Offline sales replayed by the terminal (SincronizarVentas.cs) go through the same transaction with the offline
/// rules: the terminal's prices, stock allowed below zero, a closed session accepted, each flagged.
/// </summary>
public sealed partial class VentaService
{
    public async Task<RegistroVenta> RegistrarAsync(VentaRequest r, Actor actor, CancellationToken ct = default)
    {
        var (lineas, pagos) = ValidarForma(r);
        // A supervisor's credentials typed at the till are checked before the transaction (hashing is slow); whether
        // the discount needed them is known only once the catalog prices are read, inside it.
        var conDescuento = (r.DescuentoTotal ?? 0) != 0 || lineas.Any(l => l.Descuento != 0);
        Guid? autorizadoPor = null;
        if (conDescuento && Roles.AtLeast(actor.Rol, Roles.Supervisor)) autorizadoPor = actor.Id;
        else if (conDescuento && r.Autorizacion is not null) autorizadoPor = (await autorizaciones.VerificarAsync(r.Autorizacion, ct)).Actor.Id;
        var pedido = new Pedido(r.Id ?? Guid.NewGuid(), r.SesionCajaId!.Value, lineas, r.DescuentoTotal ?? 0, pagos, r.Comprobante,
            VendidaOffline: null, autorizadoPor);
        var hecho = await RegistrarPedidoAsync(pedido, actor, ct);
        return new RegistroVenta(hecho.Dto, hecho.Existente);
    }

    /// <summary>One requested line: online it names the product; offline it also carries the price the terminal charged.</summary>
    private sealed record LineaPedida(string? Barcode, Guid? ProductoId, int Cantidad, decimal Descuento, decimal? PrecioOffline = null);

    /// <param name="VendidaOffline">The terminal's time of an offline sale; null online.</param>
    /// <param name="DescuentoAutorizadoPor">The supervisor who authorized a discount (verified), if any.</param>
    private sealed record Pedido(Guid VentaId, Guid SesionCajaId, IReadOnlyList<LineaPedida> Lineas, decimal DescuentoTotal,
        IReadOnlyList<Pago> Pagos, ComprobanteRequest? Comprobante, DateTimeOffset? VendidaOffline, Guid? DescuentoAutorizadoPor = null)
    {
        public bool Offline => VendidaOffline is not null;
    }

    private sealed record Registrada(VentaDto Dto, bool Existente, bool ConflictoSesion, IReadOnlyList<string> Barcodes);

    /// <summary>The offline skew tolerance (API.md: 5 minutes unless configured).</summary>
    private TimeSpan Desfase => TimeSpan.FromMinutes(options.DesfaseOfflineMinutos);

    /// <summary>The transaction, then the cache; a sale already stored under this id is answered as it is.</summary>
    private async Task<Registrada> RegistrarPedidoAsync(Pedido pedido, Actor actor, CancellationToken ct)
    {
        Registrada? venta;
        try
        {
            venta = await db.InTransactionAsync(() => RegistrarEnTransaccionAsync(pedido, actor, ct), ct);
        }
        catch (Exception e) when (MismaVentaALaVez(e))
        {
            venta = null; // the same id arrived twice at once (a retried request, two tabs replaying): the other one won
        }
        catch (Exception e) when (ErrorDeDatos(e))
        {
            // A value the checks let through but a column refused: this sale's data, not the server, is at fault.
            logger.LogWarning(e, "Sale {Venta} refused by the database's data checks", pedido.VentaId);
            throw new ValidationException("venta", MensajeDatosFueraDeRango);
        }
        if (venta is null) return await YaGuardadaAsync(pedido, actor, ct);
        await TrasGuardarAsync(pedido, venta, actor);
        return venta;
    }

    /// <summary>A re-sent id answers the stored sale to its own cashier (or a supervisor) only: to anyone else it does not exist.</summary>
    private async Task<Registrada> YaGuardadaAsync(Pedido pedido, Actor actor, CancellationToken ct)
    {
        var existente = await GetOrNullAsync(pedido.VentaId, ct);
        if (existente is null || (existente.UsuarioId != actor.Id && !Roles.AtLeast(actor.Rol, Roles.Supervisor)))
            throw new NotFoundException("La venta no existe.");
        var conflictoSesion = pedido.Offline && await db.Ventas.AnyAsync(v => v.Id == pedido.VentaId && v.ConflictoSesion, ct);
        return new Registrada(existente!, Existente: true, conflictoSesion, []);
    }

    /// <summary>Once committed: the invoice job, the cache of the products it touched, the log line.</summary>
    private async Task TrasGuardarAsync(Pedido pedido, Registrada venta, Actor actor)
    {
        // Committed: the invoice is issued in the background (the sweep finds it too if this process stops now).
        if (venta.Dto.Comprobante is { } factura) cola.Encolar(factura.Id);
        // One removal per barcode, sent together: the Redis round trips overlap instead of queueing.
        await Task.WhenAll(venta.Barcodes.Select(b => cache.InvalidateAsync([b])));
        if (pedido.Offline)
            logger.LogInformation("Offline sale {Venta} ticket {Ticket} total {Total} by {User}; conflicts stock {Stock} price {Precio} session {Sesion} date {Fecha}",
                venta.Dto.Id, venta.Dto.NumeroTicket, venta.Dto.Total, actor.Id, venta.Dto.ConflictoStock, venta.Dto.ConflictoPrecio, venta.ConflictoSesion, venta.Dto.ConflictoFecha);
        else
            logger.LogInformation("Sale {Venta} ticket {Ticket} total {Total} by {User}", venta.Dto.Id, venta.Dto.NumeroTicket, venta.Dto.Total, actor.Id);
    }

    private const string MensajeDatosFueraDeRango = "Un importe o una fecha de la venta excede lo que el sistema admite.";

    /// <summary>The sale's primary key refused a second insert: from the write batch directly, or through EF.</summary>
    private static bool MismaVentaALaVez(Exception e) =>
        (e as PostgresException ?? e.InnerException as PostgresException) is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "pk_ventas" };

    /// <summary>
    /// A data error of this sale alone (class 22: overflow, out of range; a check constraint) or arithmetic that
    /// overflowed on extreme input: never a 500, never a stuck outbox.
    /// </summary>
    private static bool ErrorDeDatos(Exception e) =>
        e is OverflowException or ArgumentOutOfRangeException ||
        (e as PostgresException ?? e.InnerException as PostgresException) is { } pg &&
        (pg.SqlState.StartsWith("22", StringComparison.Ordinal) || pg.SqlState == PostgresErrorCodes.CheckViolation);

    /// <summary>
    /// Three round trips: the reads, locks and ticket number (one batch), every write (one batch), the commit; a pending
    /// invoice adds one. Returns null when a sale with this id is already stored.
    /// </summary>
    private async Task<Registrada?> RegistrarEnTransaccionAsync(Pedido p, Actor actor, CancellationToken ct)
    {
        // 1. Read and lock: the sale id, the session (FOR SHARE), the pack links above the requested products, every
        // product the sale may touch (its units and all packs above them) locked in id order, and the ticket number.
        var barcodes = p.Lineas.Where(l => l.Barcode is not null).Select(l => l.Barcode!).Distinct().ToArray();
        var ids = p.Lineas.Where(l => l.ProductoId is not null).Select(l => l.ProductoId!.Value).Distinct().ToArray();
        var lectura = await LeerYBloquearAsync(p.VentaId, p.SesionCajaId, barcodes, ids, ct);
        if (lectura.VentaExiste) return null;
        var sesion = lectura.Sesion;
        var conflictoSesion = SesionDeVentaRules.Evaluar(sesion, actor.Id, Roles.AtLeast(actor.Rol, Roles.Supervisor), p.Offline) switch
        {
            SesionParaVenta.Abierta => false,
            SesionParaVenta.CerradaAceptadaOffline => true,
            SesionParaVenta.NoExiste => throw new NotFoundException("La sesión de caja no existe."),
            SesionParaVenta.Ajena => throw new ForbiddenException("Esa caja es de otro cajero."),
            _ => throw new ConflictException("La caja no está abierta: no se registran ventas ni movimientos."),
        };
        // No number: the same id was committed by another request while this one waited for the product locks (the
        // counter statement looks for the id again, after them). Nothing was written; the stored sale answers.
        if (lectura.Numero is not { } numero) return null;
        var now = clock.GetUtcNow();

        // 2. Resolve the lines. Online, prices come from the catalog, never from the client; offline, the terminal's.
        var porBarcode = lectura.Productos.ToDictionary(x => x.CodigoBarras);
        var porId = lectura.Productos.ToDictionary(x => x.Id);
        var errores = new Validator();
        var lineas = new List<(ProductoBloqueado Producto, int Cantidad, decimal Precio, decimal Descuento)>();
        for (var i = 0; i < p.Lineas.Count; i++)
        {
            var l = p.Lineas[i];
            var producto = l.Barcode is not null ? porBarcode.GetValueOrDefault(l.Barcode) : porId.GetValueOrDefault(l.ProductoId!.Value);
            if (producto is null) errores.Add($"items[{i}]", $"No hay un producto con el código {l.Barcode ?? l.ProductoId.ToString()}.");
            // Offline, the terminal sold what its catalog had: a product deactivated since is still a sale made.
            else if (!producto.Activo && !p.Offline) errores.Add($"items[{i}]", $"«{producto.Nombre}» está dado de baja y no se puede vender.");
            else lineas.Add((producto, l.Cantidad, l.PrecioOffline ?? producto.PrecioVenta, l.Descuento));
        }
        errores.ThrowIfAny();

        // 3. Plan pack openings against the locked stock. Online, a sale that still lacks stock is refused whole;
        // offline it was already made: the stock goes below zero and the sale is flagged (seed 2.4).
        var stock = lectura.Productos.ToDictionary(x => x.Id, x => x.StockActual);
        var plan = PackPlan.PlanMany(lineas.Select(l => (l.Producto.Id, l.Cantidad)).ToList(), lectura.Links, stock, soloAutomatico: true);
        if (plan.Faltante > 0 && !p.Offline)
        {
            var faltan = plan.Faltantes.Select(f => $"«{porId[f.Key].Nombre}» (faltan {f.Value})");
            throw new ConflictException("Stock insuficiente: " + string.Join(", ", faltan) + ". No se registró la venta.");
        }

        // 4. Money: totals, payments and change.
        var lineasVenta = lineas.Select(l => new LineaVenta(l.Cantidad, l.Precio, l.Descuento)).ToList();
        var (totales, erroresTotales) = VentaRules.CalcularTotales(lineasVenta, p.DescuentoTotal);
        if (totales is null) throw Validation(erroresTotales);
        var (cobro, erroresCobro) = VentaRules.Cobrar(totales.Total, p.Pagos);
        if (cobro is null) throw Validation(erroresCobro);

        // 5. Who may discount: a cashier above the configured percentage needs a supervisor. Online that is a 403;
        // offline the sale was already made, so an unauthorized discount is a price conflict for a supervisor.
        var vendedorEsSupervisor = sesion!.UsuarioId == actor.Id && Roles.AtLeast(actor.Rol, Roles.Supervisor);
        var descuentoSinAutorizar = p.DescuentoAutorizadoPor is null && VentaRules.DescuentoRequiereAutorizacion(
            VentaRules.PorcentajeDescuento(lineasVenta, p.DescuentoTotal), vendedorEsSupervisor, options.DescuentoMaximoCajeroPct);
        if (descuentoSinAutorizar && !p.Offline)
            throw new ForbiddenException("El descuento necesita la autorización de un supervisor (usuario y contraseña).");

        // 6. Offline checks against the server's clock: the terminal's time must fall inside its session (with some
        // skew), and the price window never starts before the session nor ends after the server received the sale.
        var conflictoFecha = p.Offline && !VentaOfflineRules.FechaCreible(p.VendidaOffline!.Value, sesion.OpenedAt, now, Desfase);
        var conflictoPrecio = p.Offline && (descuentoSinAutorizar || await PrecioEnConflictoAsync(lineas.Select(l => (l.Producto, l.Precio)).ToList(),
            VentaOfflineRules.MomentoDelPrecio(p.VendidaOffline!.Value, sesion.OpenedAt, now, Desfase), ct));

        // 7. Stock: the plan's openings and the sold units, each change a ledger line.
        var actual = new Dictionary<Guid, int>(stock);
        var ledger = new List<MovimientoStock>();
        foreach (var apertura in plan.Aperturas)
        {
            Mover(ledger, actual, apertura.PadreId, -apertura.Paquetes, TipoMovimientoStock.DesarmeSalida, "Desarme automático por venta");
            Mover(ledger, actual, apertura.HijoId, apertura.Unidades, TipoMovimientoStock.DesarmeEntrada, "Desarme automático por venta");
        }
        foreach (var l in lineas)
            Mover(ledger, actual, l.Producto.Id, -l.Cantidad, TipoMovimientoStock.Venta, p.Offline ? "Venta sin conexión" : null);
        var cambiados = actual.Where(kv => kv.Value != stock[kv.Key]).ToArray();

        var venta = new Venta
        {
            Id = p.VentaId, NumeroTicket = numero, PuntoDeVenta = sesion.PuntoDeVenta, SesionCajaId = sesion.Id,
            // An offline sale is the session cashier's, whoever delivers it; who delivered it is kept when it differs.
            UsuarioId = p.Offline ? sesion.UsuarioId : actor.Id,
            SincronizadaPorId = p.Offline && actor.Id != sesion.UsuarioId ? actor.Id : null,
            DescuentoAutorizadoPorId = totales.DescuentoTotal > 0 || lineasVenta.Any(l => l.DescuentoItem > 0) ? p.DescuentoAutorizadoPor : null,
            ConflictoFecha = conflictoFecha,
            Subtotal = totales.Subtotal, DescuentoTotal = totales.DescuentoTotal, Total = totales.Total, Vuelto = cobro.Vuelto,
            Estado = EstadoVenta.Completada, CreatedAt = p.VendidaOffline ?? now,
            Offline = p.Offline, SyncedAt = p.Offline ? now : null,
            ConflictoStock = plan.Faltante > 0, ConflictoPrecio = conflictoPrecio, ConflictoSesion = conflictoSesion,
            Items = lineas.Select((l, orden) => new VentaItem
            {
                // Version-7 ids sort by their timestamp (one millisecond apart here): the receipt lists the lines in
                // the order they were scanned.
                Id = Guid.CreateVersion7(now.AddMilliseconds(orden)), VentaId = p.VentaId, ProductoId = l.Producto.Id, CodigoBarras = l.Producto.CodigoBarras,
                Nombre = l.Producto.Nombre, Cantidad = l.Cantidad, PrecioUnitario = l.Precio, DescuentoItem = l.Descuento,
                Subtotal = l.Cantidad * l.Precio - l.Descuento, AlicuotaIva = l.Producto.AlicuotaIva,
            }).ToList(),
            Pagos = p.Pagos.Select(x => new VentaPago { Id = Guid.NewGuid(), VentaId = p.VentaId, Metodo = x.Metodo, Monto = x.Monto }).ToList(),
        };
        // The invoice asked for at checkout: letter, receptor rules and VAT split by invoicing's rules, in this transaction.
        Comprobante? comprobante = null;
        if (p.Comprobante is { } pedido)
        {
            var emisor = ConfiguracionFacturacionService.Emisor(await db.ConfiguracionFacturacion.AsNoTracking().FirstOrDefaultAsync(ct));
            comprobante = NuevoComprobante.ParaVenta(emisor,
                new PedidoFactura(pedido.Tipo, pedido.ReceptorCuit, pedido.ReceptorNombre, pedido.CondicionIvaReceptor, pedido.ReceptorEmail),
                p.VentaId, venta.Items.Select(i => new LineaGravada(i.Subtotal, i.AlicuotaIva)).ToList(), totales.DescuentoTotal, totales.Total,
                now, "comprobante.");
        }
        await GuardarAsync(venta, ledger, cambiados,
            IngresosCajaCommand(sesion.Id, p.VentaId, VentaDto.Ticket(sesion.PuntoDeVenta, numero), cobro.IngresosCaja, venta.UsuarioId, now),
            comprobante, now, ct);

        // The locked rows are exactly the products the sale may have touched: their cached copies go.
        return new Registrada(VentaDto.From(venta, comprobante is null ? null : new ComprobanteResumenDto(comprobante.Id, comprobante.Tipo, comprobante.Estado)),
            Existente: false, conflictoSesion,
            lectura.Productos.Select(x => x.CodigoBarras).ToList());
    }

    /// <summary>One stock change and its ledger line (sale, user and time are added when written).</summary>
    private static void Mover(List<MovimientoStock> ledger, Dictionary<Guid, int> actual, Guid productoId, int cantidad,
        TipoMovimientoStock tipo, string? motivo)
    {
        actual[productoId] = actual[productoId] + cantidad;
        ledger.Add(new MovimientoStock { ProductoId = productoId, Tipo = tipo, Cantidad = cantidad, StockResultante = actual[productoId], Motivo = motivo });
    }
}
