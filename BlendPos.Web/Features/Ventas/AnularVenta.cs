using BlendPos.Domain;
using BlendPos.Domain.Facturacion;
using BlendPos.Domain.Inventario;
using BlendPos.Domain.Usuarios;
using BlendPos.Domain.Ventas;
using BlendPos.Web.Data;
using BlendPos.Web.Infrastructure.Errors;
using Npgsql;

namespace BlendPos.Web.Features.Ventas;

/// <summary>
/// A supervisor voids a sale (API.md): inverse cash movements, units back into stock (opened packs stay opened), reason
/// and authorizer recorded, a credit note queued when the sale was invoiced. Refused when already voided, when its
/// session is no longer open (its count is taken), or when the supervisor sold it (four eyes). Written like the sale:
/// one batch of reads and locks, one batch of writes, the commit.
/// </summary>
public sealed partial class VentaService
{
    public async Task<VentaDto> AnularAsync(Guid id, AnularRequest r, Actor supervisor, CancellationToken ct = default)
    {
        if (!supervisor.EsSupervisor) throw new ForbiddenException("Solo un supervisor puede anular una venta.");
        var motivo = r.Motivo?.Trim() ?? "";
        new Validator()
            .When(motivo.Length == 0, "motivo", "Indicá el motivo de la anulación.")
            .When(motivo.Length > 300, "motivo", "El motivo admite hasta 300 caracteres.")
            .ThrowIfAny();

        var (barcodes, notaDeCredito) = await db.InTransactionAsync(() => AnularEnTransaccionAsync(id, motivo, supervisor, ct), ct);
        if (notaDeCredito is { } nc) cola.Encolar(nc);
        await cache.InvalidateAsync(barcodes);
        logger.LogInformation("Sale {Venta} voided by {Supervisor}: {Motivo}", id, supervisor.Id, motivo);
        return await GetOrNullAsync(id, ct) ?? throw new NotFoundException("La venta no existe.");
    }

    private sealed record VentaParaAnular(EstadoVenta Estado, Guid UsuarioId, EstadoSesionCaja SesionEstado);

    private sealed record ItemVendido(Guid ProductoId, int Cantidad);

    private sealed record MovimientoDeVenta(Guid SesionCajaId, MetodoPago Metodo, decimal Monto);

    private sealed record LecturaAnulacion(VentaParaAnular? Venta, Dictionary<Guid, (string Barcode, int Stock)> Productos,
        List<ItemVendido> Items, List<MovimientoDeVenta> Movimientos, Comprobante? Factura);

    // The sale row FOR UPDATE (two voids at once: one waits, then sees it voided), its session FOR SHARE like a sale (a
    // void cannot land in a session being counted), then its products in id order like a sale (no deadlock).
    private const string VentaParaAnularSql = """
        SELECT v.estado, v.usuario_id, (SELECT s.estado FROM sesiones_caja AS s WHERE s.id = v.sesion_caja_id FOR SHARE)
        FROM ventas AS v WHERE v.id = $1 FOR UPDATE OF v
        """;

    private async Task<(IReadOnlyList<string> Barcodes, Guid? NotaDeCredito)> AnularEnTransaccionAsync(Guid id, string motivo, Actor supervisor, CancellationToken ct)
    {
        var l = await LeerParaAnularAsync(id, ct);
        var venta = l.Venta ?? throw new NotFoundException("La venta no existe.");
        if (venta.Estado == EstadoVenta.Anulada) throw new ConflictException("La venta ya está anulada.");
        // Four eyes: a supervisor does not void their own sale (an admin alone in the shop may).
        await aprobadores.ExigirOtroAsync(supervisor, venta.UsuarioId, "anular tu propia venta", ct);
        if (venta.SesionEstado != EstadoSesionCaja.Abierta) throw new ConflictException("La caja de esa venta ya se cerró: no se puede anular.");

        var now = clock.GetUtcNow();
        var efectos = AnulacionRules.Efectos(l.Items.Select(i => (i.ProductoId, i.Cantidad)),
            l.Movimientos.Select(m => new Pago(m.Metodo, m.Monto)));
        // Units go back to the product sold, each change a ledger line, in id order like the locks.
        var stock = efectos.StockDevuelto.OrderBy(kv => kv.Key)
            .Select(kv => (ProductoId: kv.Key, Cantidad: kv.Value, Resultante: l.Productos[kv.Key].Stock + kv.Value)).ToList();
        var descripcion = $"Anulación: {motivo}";
        if (descripcion.Length > 300) descripcion = descripcion[..300]; // movimientos_caja.descripcion

        var comandos = new List<NpgsqlBatchCommand>
        {
            SqlBatch.Cmd("""
                UPDATE productos AS p SET stock_actual = v.stock, updated_at = $3
                FROM unnest($1::uuid[], $2::integer[]) AS v(id, stock) WHERE p.id = v.id
                """, stock.Select(s => s.ProductoId).ToArray(), stock.Select(s => s.Resultante).ToArray(), now),
            SqlBatch.Cmd("""
                INSERT INTO movimientos_stock (producto_id, tipo, cantidad, stock_resultante, motivo, referencia_id, usuario_id, created_at)
                SELECT u.producto_id, $1, u.cantidad, u.resultante, $2, $3, $4, $5
                FROM unnest($6::uuid[], $7::integer[], $8::integer[]) WITH ORDINALITY AS u(producto_id, cantidad, resultante, orden)
                ORDER BY u.orden
                """, SnakeCaseEnumConverter<TipoMovimientoStock>.ToText(TipoMovimientoStock.Anulacion), motivo, id, supervisor.Id, now,
                stock.Select(s => s.ProductoId).ToArray(), stock.Select(s => s.Cantidad).ToArray(), stock.Select(s => s.Resultante).ToArray()),
            // The inverse of each drawer movement of the sale; the originals are never touched (ADR-004).
            SqlBatch.Cmd("""
                INSERT INTO movimientos_caja (id, sesion_caja_id, tipo, metodo_pago, monto, descripcion, referencia_id, usuario_id, created_at)
                SELECT u.id, u.sesion, $1, u.metodo, u.monto, $2, $3, $4, $5
                FROM unnest($6::uuid[], $7::uuid[], $8::text[], $9::numeric[]) WITH ORDINALITY AS u(id, sesion, metodo, monto, orden)
                ORDER BY u.orden
                """, SnakeCaseEnumConverter<TipoMovimientoCaja>.ToText(TipoMovimientoCaja.Anulacion), descripcion, id, supervisor.Id, now,
                l.Movimientos.Select(_ => Guid.NewGuid()).ToArray(), l.Movimientos.Select(m => m.SesionCajaId).ToArray(),
                efectos.MovimientosInversos.Select(m => (string?)SnakeCaseEnumConverter<MetodoPago>.ToText(m.Metodo)).ToArray(),
                efectos.MovimientosInversos.Select(m => m.Monto).ToArray()),
            SqlBatch.Cmd("""
                UPDATE ventas SET estado = $2, motivo_anulacion = $3, anulada_por_id = $4, anulada_at = $5 WHERE id = $1
                """, id, SnakeCaseEnumConverter<EstadoVenta>.ToText(EstadoVenta.Anulada), motivo, supervisor.Id, now),
        };
        // The sale's invoice: emitted, or sent and maybe authorized (a number in doubt), needs the matching credit note,
        // queued like any invoice (a pending row, same receptor and amounts, the invoice as CbtesAsoc; the job sends it
        // once the invoice is emitted). One that never reached AFIP (no number: pending or rejected) is simply dropped:
        // nothing fiscal exists yet. Its row is locked here, so the job cannot take a number for it meanwhile.
        Guid? notaDeCredito = null;
        if (l.Factura is { } f && (f.Estado == EstadoComprobante.Emitido || f.Numero is not null))
        {
            var nc = Facturacion.NuevoComprobante.NotaDeCredito(f, now);
            comandos.Add(ComprobanteCommand(nc));
            notaDeCredito = nc.Id;
        }
        else if (l.Factura is { } sinNumero)
            comandos.Add(SqlBatch.Cmd("DELETE FROM comprobantes WHERE id = $1 AND numero IS NULL AND estado <> 'emitido'", sinNumero.Id));
        await using var batch = SqlBatch.Create(db, comandos);
        await batch.ExecuteNonQueryAsync(ct);
        return (l.Productos.Values.Select(p => p.Barcode).ToList(), notaDeCredito);
    }

    /// <summary>The first round trip: the sale and its session (locked), its products (locked), lines, drawer movements and invoice.</summary>
    private async Task<LecturaAnulacion> LeerParaAnularAsync(Guid id, CancellationToken ct)
    {
        await using var batch = SqlBatch.Create(db, [
            SqlBatch.Cmd(VentaParaAnularSql, id),
            SqlBatch.Cmd("""
                SELECT p.id, p.codigo_barras, p.stock_actual FROM productos AS p
                WHERE p.id = ANY (ARRAY(SELECT producto_id FROM venta_items WHERE venta_id = $1)) ORDER BY p.id FOR UPDATE
                """, id),
            SqlBatch.Cmd("SELECT producto_id, cantidad FROM venta_items WHERE venta_id = $1", id),
            SqlBatch.Cmd("""
                SELECT sesion_caja_id, metodo_pago, monto FROM movimientos_caja
                WHERE referencia_id = $1 AND tipo = $2 ORDER BY created_at, id
                """, id, SnakeCaseEnumConverter<TipoMovimientoCaja>.ToText(TipoMovimientoCaja.Venta)),
            // The sale's invoice (not a credit note), whatever its state, locked against the invoicing job.
            SqlBatch.Cmd("""
                SELECT id, tipo, punto_de_venta, receptor_cuit, receptor_nombre, condicion_iva_receptor, monto_neto, monto_iva, monto_total,
                    estado, numero, doc_tipo, doc_nro, receptor_email, detalle::text
                FROM comprobantes WHERE venta_id = $1 AND comprobante_asociado_id IS NULL AND tipo = ANY($2)
                ORDER BY created_at DESC LIMIT 1 FOR UPDATE
                """, id, new[] { TipoComprobante.FacturaA, TipoComprobante.FacturaB, TipoComprobante.FacturaC }
                    .Select(t => (string?)SnakeCaseEnumConverter<TipoComprobante>.ToText(t)).ToArray()),
        ]);
        await using var r = await batch.ExecuteReaderAsync(ct);

        VentaParaAnular? venta = null;
        if (await r.ReadAsync(ct))
            venta = new VentaParaAnular(SnakeCaseEnumConverter<EstadoVenta>.FromText(r.GetString(0)), r.GetGuid(1),
                SnakeCaseEnumConverter<EstadoSesionCaja>.FromText(r.GetString(2)));

        await r.NextResultAsync(ct);
        var productos = new Dictionary<Guid, (string, int)>();
        while (await r.ReadAsync(ct)) productos[r.GetGuid(0)] = (r.GetString(1), r.GetInt32(2));

        await r.NextResultAsync(ct);
        var items = new List<ItemVendido>();
        while (await r.ReadAsync(ct)) items.Add(new ItemVendido(r.GetGuid(0), r.GetInt32(1)));

        await r.NextResultAsync(ct);
        var movimientos = new List<MovimientoDeVenta>();
        while (await r.ReadAsync(ct))
            movimientos.Add(new MovimientoDeVenta(r.GetGuid(0),
                r.IsDBNull(1) ? MetodoPago.Efectivo : SnakeCaseEnumConverter<MetodoPago>.FromText(r.GetString(1)), r.GetDecimal(2)));

        await r.NextResultAsync(ct);
        Comprobante? factura = null;
        if (await r.ReadAsync(ct))
            factura = new Comprobante
            {
                Id = r.GetGuid(0), Tipo = SnakeCaseEnumConverter<TipoComprobante>.FromText(r.GetString(1)), PuntoDeVenta = r.GetInt32(2),
                ReceptorCuit = r.IsDBNull(3) ? null : r.GetString(3), ReceptorNombre = r.IsDBNull(4) ? null : r.GetString(4),
                CondicionIvaReceptor = r.IsDBNull(5) ? null : r.GetString(5), MontoNeto = r.GetDecimal(6), MontoIva = r.GetDecimal(7),
                MontoTotal = r.GetDecimal(8), Estado = SnakeCaseEnumConverter<EstadoComprobante>.FromText(r.GetString(9)),
                Numero = r.IsDBNull(10) ? null : r.GetInt64(10), DocTipo = r.IsDBNull(11) ? null : r.GetInt32(11),
                DocNro = r.IsDBNull(12) ? null : r.GetInt64(12), ReceptorEmail = r.IsDBNull(13) ? null : r.GetString(13),
                Detalle = r.IsDBNull(14) ? null : r.GetString(14), VentaId = id,
            };
        return new LecturaAnulacion(venta, productos, items, movimientos, factura);
    }
}
