using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Facturacion;
using BlendPos.Domain.Inventario;
using BlendPos.Domain.Usuarios;
using BlendPos.Domain.Ventas;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Caja;
using BlendPos.Web.Features.Catalogo;
using BlendPos.Web.Features.Shared;
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
/// Offline sales replayed by the terminal (<see cref="SincronizarAsync"/>) go through the same transaction with the
/// offline rules: the terminal's prices, stock allowed below zero, a closed session accepted, each flagged.
/// </summary>
public sealed partial class VentaService(
    BlendPosDb db, CajaService caja, CatalogCache cache, TimeProvider clock, BlendPosOptions options,
    AutorizacionSupervisor autorizaciones, Aprobadores aprobadores,
    Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<VentaService> logger)
{
    public async Task<RegistroVenta> RegistrarAsync(VentaRequest r, Actor actor, CancellationToken ct = default)
    {
        var (lineas, pagos) = ValidarForma(r);
        // A supervisor's credentials typed at the till are checked before the transaction (hashing is slow); whether
        // the discount needed them is known only once the catalog prices are read, inside it.
        var conDescuento = (r.DescuentoTotal ?? 0) != 0 || lineas.Any(l => l.Descuento != 0);
        Guid? autorizadoPor = null;
        if (conDescuento && Roles.AtLeast(actor.Rol, Roles.Supervisor)) autorizadoPor = actor.Id;
        else if (conDescuento && r.Autorizacion is not null) autorizadoPor = (await autorizaciones.VerificarAsync(r.Autorizacion)).Actor.Id;
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
            throw new ValidationException("venta", "Un importe o una fecha de la venta excede lo que el sistema admite.");
        }
        if (venta is null)
        {
            // A re-sent id answers the stored sale to its own cashier (or a supervisor) only: to anyone else it does not exist.
            var existente = await GetOrNullAsync(pedido.VentaId, ct);
            if (existente is null || (existente.UsuarioId != actor.Id && !Roles.AtLeast(actor.Rol, Roles.Supervisor)))
                throw new NotFoundException("La venta no existe.");
            var conflictoSesion = pedido.Offline && await db.Ventas.AnyAsync(v => v.Id == pedido.VentaId && v.ConflictoSesion, ct);
            return new Registrada(existente!, Existente: true, conflictoSesion, []);
        }
        // One removal per barcode, sent together: the Redis round trips overlap instead of queueing.
        await Task.WhenAll(venta.Barcodes.Select(b => cache.InvalidateAsync([b])));
        if (pedido.Offline)
            logger.LogInformation("Offline sale {Venta} ticket {Ticket} total {Total} by {User}; conflicts stock {Stock} price {Precio} session {Sesion} date {Fecha}",
                venta.Dto.Id, venta.Dto.NumeroTicket, venta.Dto.Total, actor.Id, venta.Dto.ConflictoStock, venta.Dto.ConflictoPrecio, venta.ConflictoSesion, venta.Dto.ConflictoFecha);
        else
            logger.LogInformation("Sale {Venta} ticket {Ticket} total {Total} by {User}", venta.Dto.Id, venta.Dto.NumeroTicket, venta.Dto.Total, actor.Id);
        return venta;
    }

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
        await GuardarAsync(venta, ledger, cambiados,
            CajaService.IngresosVentaCommand(sesion.Id, p.VentaId, VentaDto.Ticket(sesion.PuntoDeVenta, numero), cobro.IngresosCaja, venta.UsuarioId, now),
            now, ct);

        ComprobanteResumenDto? comprobante = null;
        if (p.Comprobante is { Tipo: { } tipo })
        {
            var c = new Comprobante
            {
                Id = Guid.NewGuid(), Tipo = tipo, PuntoDeVenta = sesion.PuntoDeVenta, ReceptorCuit = SoloDigitos(p.Comprobante.ReceptorCuit),
                ReceptorNombre = p.Comprobante.ReceptorNombre?.Trim(), CondicionIvaReceptor = p.Comprobante.CondicionIvaReceptor?.Trim(),
                MontoTotal = totales.Total, Estado = EstadoComprobante.Pendiente, VentaId = p.VentaId, CreatedAt = now, UpdatedAt = now,
            };
            db.Comprobantes.Add(c);
            await db.SaveChangesAsync(ct);
            comprobante = new ComprobanteResumenDto(c.Id, c.Tipo, c.Estado);
        }

        // The locked rows are exactly the products the sale may have touched: their cached copies go.
        return new Registrada(VentaDto.From(venta, comprobante), Existente: false, conflictoSesion,
            lectura.Productos.Select(x => x.CodigoBarras).ToList());
    }

    /// <summary>One stock change and its ledger line (sale, user and time are added when written).</summary>
    private static void Mover(List<MovimientoStock> ledger, Dictionary<Guid, int> actual, Guid productoId, int cantidad,
        TipoMovimientoStock tipo, string? motivo)
    {
        actual[productoId] = actual[productoId] + cantidad;
        ledger.Add(new MovimientoStock { ProductoId = productoId, Tipo = tipo, Cantidad = cantidad, StockResultante = actual[productoId], Motivo = motivo });
    }

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

    private static string? SoloDigitos(string? texto) =>
        string.IsNullOrWhiteSpace(texto) ? null : new string(texto.Where(char.IsAsciiDigit).ToArray());

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
