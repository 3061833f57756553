using BlendPos.Domain;
using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Facturacion;
using BlendPos.Domain.Inventario;
using BlendPos.Domain.Ventas;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Caja;
using BlendPos.Web.Features.Catalogo;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BlendPos.Web.Features.Ventas;

/// <summary>
/// registrar_venta (seed 7.1): one transaction that prices from the catalog, opens packs when units run out, writes
/// every stock change to the ledger, one cash movement per payment, the gap-free ticket number and, when asked, the
/// pending invoice. Product rows are locked in one statement ordered by id, so concurrent terminals queue instead of
/// deadlocking and never lose a stock update. Idempotent on the sale id (primary key, not a check-then-insert).
/// </summary>
public sealed partial class VentaService(
    BlendPosDb db, CajaService caja, CatalogCache cache, TimeProvider clock, ILogger<VentaService> logger)
{
    public const int MaxLineas = 200;

    public async Task<RegistroVenta> RegistrarAsync(VentaRequest r, Actor actor, CancellationToken ct = default)
    {
        var (lineasPedidas, pagos) = ValidarForma(r);
        var ventaId = r.Id ?? Guid.NewGuid();
        if (r.Id is not null && await GetOrNullAsync(ventaId, ct) is { } existente)
            return new RegistroVenta(existente, Existente: true);

        try
        {
            var venta = await db.InTransactionAsync(
                () => RegistrarEnTransaccionAsync(ventaId, r, lineasPedidas, pagos, actor, ct), ct);
            // One removal per barcode, sent together: the Redis round trips overlap instead of queueing.
            await Task.WhenAll(venta.Barcodes.Select(b => cache.InvalidateAsync([b])));
            logger.LogInformation("Sale {Venta} ticket {Ticket} total {Total} by {User}", venta.Dto.Id, venta.Dto.NumeroTicket,
                venta.Dto.Total, actor.Id);
            return new RegistroVenta(venta.Dto, Existente: false);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "pk_ventas" })
        {
            // The same id arrived twice at once (a retried request): the other one won; answer with it.
            return new RegistroVenta(await GetOrNullAsync(ventaId, ct) ?? throw new ConflictException("La venta ya existe."), Existente: true);
        }
    }

    private sealed record Registrada(VentaDto Dto, IReadOnlyList<string> Barcodes);

    private async Task<Registrada> RegistrarEnTransaccionAsync(Guid ventaId, VentaRequest r,
        IReadOnlyList<(string? Barcode, Guid? ProductoId, int Cantidad, decimal Descuento)> pedidas,
        IReadOnlyList<Pago> pagos, Actor actor, CancellationToken ct)
    {
        var sesion = await caja.SesionParaVentaAsync(r.SesionCajaId!.Value, actor.Id, ct);

        // 1. Resolve the lines to catalog products (prices come from the catalog, never from the client).
        var barcodes = pedidas.Where(l => l.Barcode is not null).Select(l => l.Barcode!).Distinct().ToList();
        var ids = pedidas.Where(l => l.ProductoId is not null).Select(l => l.ProductoId!.Value).Distinct().ToList();
        var productos = await db.Productos.AsNoTracking()
            .Where(p => barcodes.Contains(p.CodigoBarras) || ids.Contains(p.Id)).ToListAsync(ct);
        var porBarcode = productos.ToDictionary(p => p.CodigoBarras);
        var porId = productos.ToDictionary(p => p.Id);

        var errores = new Validator();
        var lineas = new List<(Producto Producto, int Cantidad, decimal Descuento)>();
        for (var i = 0; i < pedidas.Count; i++)
        {
            var l = pedidas[i];
            var producto = l.Barcode is not null ? porBarcode.GetValueOrDefault(l.Barcode) : porId.GetValueOrDefault(l.ProductoId!.Value);
            if (producto is null) errores.Add($"items[{i}]", $"No hay un producto con el código {l.Barcode ?? l.ProductoId.ToString()}.");
            else if (!producto.Activo) errores.Add($"items[{i}]", $"«{producto.Nombre}» está dado de baja y no se puede vender.");
            else lineas.Add((producto, l.Cantidad, l.Descuento));
        }
        errores.ThrowIfAny();

        // 2. Lock every product the sale may touch (its units and all packs above them) in id order. Only the links
        // above the sold products are read (the planner and Ancestros only ever walk from a unit up to its packs).
        var links = await LinksHaciaArribaAsync(lineas.Select(l => l.Producto.Id).Distinct().ToArray(), ct);
        var tocables = Ancestros(lineas.Select(l => l.Producto.Id), links);
        var (stock, barcodesTocables) = await BloquearStockConBarcodesAsync(tocables, ct);

        // 3. Plan pack openings against the locked stock; online, a sale that still lacks stock is refused whole.
        var necesidades = lineas.Select(l => (l.Producto.Id, l.Cantidad)).ToList();
        var plan = PackPlan.PlanMany(necesidades, links, stock, soloAutomatico: true);
        if (plan.Faltante > 0)
        {
            var faltan = plan.Faltantes.Select(f => $"«{porId.GetValueOrDefault(f.Key)?.Nombre ?? lineas.First(l => l.Producto.Id == f.Key).Producto.Nombre}» (faltan {f.Value})");
            throw new ConflictException("Stock insuficiente: " + string.Join(", ", faltan) + ". No se registró la venta.");
        }

        // 4. Money: totals from catalog prices, payments and change.
        var (totales, erroresTotales) = VentaRules.CalcularTotales(
            lineas.Select(l => new LineaVenta(l.Cantidad, l.Producto.PrecioVenta, l.Descuento)).ToList(), r.DescuentoTotal ?? 0);
        if (totales is null) throw Validation(erroresTotales);
        var (cobro, erroresCobro) = VentaRules.Cobrar(totales.Total, pagos);
        if (cobro is null) throw Validation(erroresCobro);

        // 5. Stock: apply the plan's openings and the sold units, each change a ledger line.
        var now = clock.GetUtcNow();
        var actual = new Dictionary<Guid, int>(stock);
        foreach (var apertura in plan.Aperturas)
        {
            Mover(actual, apertura.PadreId, -apertura.Paquetes, TipoMovimientoStock.DesarmeSalida, "Desarme automático por venta", ventaId, actor.Id, now);
            Mover(actual, apertura.HijoId, apertura.Unidades, TipoMovimientoStock.DesarmeEntrada, "Desarme automático por venta", ventaId, actor.Id, now);
        }
        foreach (var l in lineas)
            Mover(actual, l.Producto.Id, -l.Cantidad, TipoMovimientoStock.Venta, null, ventaId, actor.Id, now);
        // Every changed row in one statement (one round trip, not one per product).
        var cambiados = actual.Where(kv => kv.Value != stock[kv.Key]).ToArray();
        if (cambiados.Length > 0)
        {
            var cambiadosIds = cambiados.Select(kv => kv.Key).ToArray();
            var cambiadosStock = cambiados.Select(kv => kv.Value).ToArray();
            await db.Database.ExecuteSqlAsync($"""
                UPDATE productos AS p SET stock_actual = v.stock, updated_at = {now}
                FROM unnest({cambiadosIds}::uuid[], {cambiadosStock}::integer[]) AS v(id, stock) WHERE p.id = v.id
                """, ct);
        }

        // 6. The ticket number last: the counter row of this punto de venta is held only until commit.
        var numero = await SiguienteTicketAsync(sesion.PuntoDeVenta, ct);

        var venta = new Venta
        {
            Id = ventaId, NumeroTicket = numero, PuntoDeVenta = sesion.PuntoDeVenta, SesionCajaId = sesion.Id, UsuarioId = actor.Id,
            Subtotal = totales.Subtotal, DescuentoTotal = totales.DescuentoTotal, Total = totales.Total, Vuelto = cobro.Vuelto,
            Estado = EstadoVenta.Completada, CreatedAt = now,
            Items = lineas.Select((l, orden) => new VentaItem
            {
                // Version-7 ids sort by their timestamp (one millisecond apart here): the receipt lists the lines in
                // the order they were scanned.
                Id = Guid.CreateVersion7(now.AddMilliseconds(orden)), VentaId = ventaId, ProductoId = l.Producto.Id, CodigoBarras = l.Producto.CodigoBarras,
                Nombre = l.Producto.Nombre, Cantidad = l.Cantidad, PrecioUnitario = l.Producto.PrecioVenta, DescuentoItem = l.Descuento,
                Subtotal = l.Cantidad * l.Producto.PrecioVenta - l.Descuento, AlicuotaIva = l.Producto.AlicuotaIva,
            }).ToList(),
            Pagos = pagos.Select(p => new VentaPago { Id = Guid.NewGuid(), VentaId = ventaId, Metodo = p.Metodo, Monto = p.Monto }).ToList(),
        };
        db.Ventas.Add(venta);
        caja.RegistrarIngresosVenta(sesion, ventaId, VentaDto.Ticket(sesion.PuntoDeVenta, numero), cobro.IngresosCaja, actor.Id);

        ComprobanteResumenDto? comprobante = null;
        if (r.Comprobante is { Tipo: { } tipo })
        {
            var c = new Comprobante
            {
                Id = Guid.NewGuid(), Tipo = tipo, PuntoDeVenta = sesion.PuntoDeVenta, ReceptorCuit = r.Comprobante.ReceptorCuit,
                ReceptorNombre = r.Comprobante.ReceptorNombre, CondicionIvaReceptor = r.Comprobante.CondicionIvaReceptor,
                MontoTotal = totales.Total, Estado = EstadoComprobante.Pendiente, VentaId = ventaId, CreatedAt = now, UpdatedAt = now,
            };
            db.Comprobantes.Add(c);
            comprobante = new ComprobanteResumenDto(c.Id, c.Tipo, c.Estado);
        }

        await db.SaveChangesAsync(ct);
        // The locked rows are exactly the touched products: their barcodes came with the lock.
        var touched = productos.Select(p => p.CodigoBarras).Concat(barcodesTocables).Distinct().ToList();
        return new Registrada(VentaDto.From(venta, comprobante), touched);
    }

    /// <summary>One row lock per product, in a single ordered statement: every sale takes them in the same order.</summary>
    private async Task<Dictionary<Guid, int>> BloquearStockAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        (await BloquearStockConBarcodesAsync(ids, ct)).Stock;

    /// <summary><see cref="BloquearStockAsync"/>, also answering the locked products' barcodes (for the cache).</summary>
    private async Task<(Dictionary<Guid, int> Stock, List<string> Barcodes)> BloquearStockConBarcodesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var arr = ids.ToArray();
        var rows = await db.Database.SqlQuery<StockRow>(
                $"SELECT id, stock_actual, codigo_barras FROM productos WHERE id = ANY({arr}) ORDER BY id FOR UPDATE")
            .ToListAsync(ct);
        return (rows.ToDictionary(r => r.Id, r => r.StockActual), rows.Select(r => r.CodigoBarras).ToList());
    }

    private sealed record StockRow(Guid Id, int StockActual, string CodigoBarras);

    /// <summary>The pack links above these products, transitively (packs of packs); UNION stops at a cycle.</summary>
    private async Task<List<PackLink>> LinksHaciaArribaAsync(Guid[] productos, CancellationToken ct) =>
        (await db.Database.SqlQuery<LinkRow>($"""
            WITH RECURSIVE arriba AS (
                SELECT producto_padre_id, producto_hijo_id, unidades_por_padre, desarme_auto
                FROM productos_hijos WHERE producto_hijo_id = ANY({productos})
                UNION
                SELECT h.producto_padre_id, h.producto_hijo_id, h.unidades_por_padre, h.desarme_auto
                FROM productos_hijos AS h JOIN arriba AS a ON h.producto_hijo_id = a.producto_padre_id
            )
            SELECT producto_padre_id, producto_hijo_id, unidades_por_padre, desarme_auto FROM arriba
            """).ToListAsync(ct))
        .Select(l => new PackLink(l.ProductoPadreId, l.ProductoHijoId, l.UnidadesPorPadre, l.DesarmeAuto)).ToList();

    private sealed record LinkRow(Guid ProductoPadreId, Guid ProductoHijoId, int UnidadesPorPadre, bool DesarmeAuto);

    private void Mover(Dictionary<Guid, int> actual, Guid productoId, int cantidad, TipoMovimientoStock tipo, string? motivo,
        Guid ventaId, Guid usuarioId, DateTimeOffset now)
    {
        actual[productoId] = actual[productoId] + cantidad;
        db.MovimientosStock.Add(new MovimientoStock
        {
            ProductoId = productoId, Tipo = tipo, Cantidad = cantidad, StockResultante = actual[productoId], Motivo = motivo,
            ReferenciaId = ventaId, UsuarioId = usuarioId, CreatedAt = now,
        });
    }

    /// <summary>Gap-free per punto de venta: the number is taken inside the sale's transaction.</summary>
    private async Task<long> SiguienteTicketAsync(int puntoDeVenta, CancellationToken ct) =>
        (await db.Database.SqlQuery<long>($"""
            INSERT INTO contadores_ticket (punto_de_venta, ultimo_numero) VALUES ({puntoDeVenta}, 1)
            ON CONFLICT (punto_de_venta) DO UPDATE SET ultimo_numero = contadores_ticket.ultimo_numero + 1
            RETURNING ultimo_numero AS "Value"
            """).ToListAsync(ct)).Single(); // not composable (INSERT … RETURNING): no LIMIT may be added

    /// <summary>The products a sale of these units may touch: the units and every pack above them.</summary>
    private static HashSet<Guid> Ancestros(IEnumerable<Guid> productos, IReadOnlyList<PackLink> links)
    {
        var set = new HashSet<Guid>();
        var stack = new Stack<Guid>(productos);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (!set.Add(id)) continue;
            foreach (var l in links.Where(l => l.HijoId == id)) stack.Push(l.PadreId);
        }
        return set;
    }

    private static (IReadOnlyList<(string? Barcode, Guid? ProductoId, int Cantidad, decimal Descuento)>, IReadOnlyList<Pago>) ValidarForma(VentaRequest r)
    {
        var v = new Validator();
        v.When(r.SesionCajaId is null, "sesion_caja_id", "Falta la sesión de caja.");
        v.When(r.Items is not { Count: > 0 }, "items", "La venta no tiene productos.");
        v.When(r.Items is { Count: > MaxLineas }, "items", $"Una venta admite hasta {MaxLineas} líneas.");
        v.When(r.Pagos is not { Count: > 0 }, "pagos", "Indicá cómo se paga.");
        var lineas = new List<(string?, Guid?, int, decimal)>();
        for (var i = 0; i < (r.Items?.Count ?? 0); i++)
        {
            var it = r.Items![i];
            var barcode = it.Barcode?.Trim();
            if (string.IsNullOrEmpty(barcode) && it.ProductoId is null) v.Add($"items[{i}]", "Indicá el código de barras o el producto.");
            else if (barcode is not null && !ProductoSearch.LooksLikeBarcode(barcode)) v.Add($"items[{i}].barcode", "El código de barras debe tener entre 4 y 14 dígitos.");
            if (it.Cantidad is null or <= 0) v.Add($"items[{i}].cantidad", "La cantidad debe ser un entero mayor que cero.");
            else if (it.Cantidad > 100_000) v.Add($"items[{i}].cantidad", "La cantidad es demasiado grande.");
            lineas.Add((string.IsNullOrEmpty(barcode) ? null : barcode, string.IsNullOrEmpty(barcode) ? it.ProductoId : null, it.Cantidad ?? 0, it.DescuentoItem ?? 0));
        }
        var pagos = new List<Pago>();
        for (var i = 0; i < (r.Pagos?.Count ?? 0); i++)
        {
            var p = r.Pagos![i];
            if (p.Metodo is null) v.Add($"pagos[{i}].metodo", "El medio de pago debe ser efectivo, debito, credito o transferencia.");
            if (p.Monto is null) v.Add($"pagos[{i}].monto", "Ingresá el importe del pago.");
            if (p.Metodo is { } m && p.Monto is { } monto) pagos.Add(new Pago(m, monto));
        }
        v.ThrowIfAny();
        return (lineas, pagos);
    }

    private static ValidationException Validation(IReadOnlyDictionary<string, string> errores) =>
        new(errores.ToDictionary(kv => kv.Key, kv => new[] { kv.Value }), errores.Count == 1 ? errores.First().Value : null);
}
