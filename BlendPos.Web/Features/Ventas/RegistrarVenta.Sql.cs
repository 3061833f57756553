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

/// <summary>
/// The sale's SQL, sent as Npgsql batches on the transaction's connection: a sale is latency-bound (several terminals
/// on 2 cores), so the statements that do not depend on each other's answers travel together. Everything the sale
/// writes is here, its drawer movements included (the cash session only reads them).
/// </summary>
public sealed partial class VentaService
{
    /// <summary>A locked product row: what a sale reads of it.</summary>
    private sealed record ProductoBloqueado(Guid Id, string CodigoBarras, string Nombre, decimal PrecioVenta, decimal AlicuotaIva, bool Activo, int StockActual);

    private sealed record Lectura(bool VentaExiste, SesionDeVenta? Sesion, List<PackLink> Links, List<ProductoBloqueado> Productos, long? Numero);

    // The requested products ($1 barcodes, $2 ids) and the pack links above them, transitively (packs of packs);
    // UNION stops at a cycle. Both statements below start from it. "= ANY (ARRAY(subquery))" turns the id sets into
    // index look-ups: with "IN (subquery)" the planner hash-joins and reads all 50,000 products (15 ms a sale).
    private const string ArribaCte = """
        WITH RECURSIVE pedidos AS (
            SELECT id FROM productos WHERE codigo_barras = ANY($1) OR id = ANY($2)
        ), arriba AS (
            SELECT producto_padre_id, producto_hijo_id, unidades_por_padre, desarme_auto
            FROM productos_hijos WHERE producto_hijo_id = ANY (ARRAY(SELECT id FROM pedidos))
            UNION
            SELECT h.producto_padre_id, h.producto_hijo_id, h.unidades_por_padre, h.desarme_auto
            FROM productos_hijos AS h JOIN arriba AS a ON h.producto_hijo_id = a.producto_padre_id
        )
        """;

    private const string LinksSql = ArribaCte + "SELECT producto_padre_id, producto_hijo_id, unidades_por_padre, desarme_auto FROM arriba";

    // One row lock per product, in a single statement ordered by id: every sale takes them in the same order, so
    // terminals queue on a shared product instead of deadlocking. A row updated while we waited is re-read.
    private const string BloquearSql = ArribaCte + """
        SELECT p.id, p.codigo_barras, p.nombre, p.precio_venta, p.alicuota_iva, p.activo, p.stock_actual
        FROM productos AS p
        WHERE p.id = ANY (ARRAY(SELECT id FROM pedidos UNION SELECT producto_padre_id FROM arriba))
        ORDER BY p.id FOR UPDATE OF p
        """;

    // The session row a sale locks: FOR SHARE, so sales of one session run side by side while the blind count (FOR
    // UPDATE) waits for them and no sale lands in a session being counted. SesionDeVentaRules judges the answer.
    private const string SesionSql = "SELECT id, punto_de_venta, usuario_id, estado, opened_at FROM sesiones_caja WHERE id = $1 FOR SHARE";

    // The next ticket number of the session's punto de venta, gap-free: taken inside the sale's transaction, so a
    // refused or rolled-back sale leaves no hole, and only when no sale has this id ($2): a re-sent sale, whoever sends
    // it and with whatever session, takes no number. Only one open session per punto de venta exists (a DB rule), so
    // nobody else waits on this counter row while the sale holds it.
    private const string NumerarSql = """
        INSERT INTO contadores_ticket (punto_de_venta, ultimo_numero)
        SELECT punto_de_venta, 1 FROM sesiones_caja WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM ventas WHERE id = $2)
        ON CONFLICT (punto_de_venta) DO UPDATE SET ultimo_numero = contadores_ticket.ultimo_numero + 1
        RETURNING ultimo_numero
        """;

    /// <summary>
    /// The first round trip: the sale id, the session (FOR SHARE), the pack links, the product locks and the ticket
    /// number, in this order (locks are always taken session → products → counter).
    /// </summary>
    private async Task<Lectura> LeerYBloquearAsync(Guid ventaId, Guid sesionId, string[] barcodes, Guid[] ids, CancellationToken ct)
    {
        await using var batch = SqlBatch.Create(db, [
            SqlBatch.Cmd("SELECT EXISTS (SELECT 1 FROM ventas WHERE id = $1)", ventaId),
            SqlBatch.Cmd(SesionSql, sesionId),
            SqlBatch.Cmd(LinksSql, barcodes, ids),
            SqlBatch.Cmd(BloquearSql, barcodes, ids),
            SqlBatch.Cmd(NumerarSql, sesionId, ventaId),
        ]);
        await using var r = await batch.ExecuteReaderAsync(ct);

        await r.ReadAsync(ct);
        var existe = r.GetBoolean(0);

        await r.NextResultAsync(ct);
        SesionDeVenta? sesion = null;
        if (await r.ReadAsync(ct))
            sesion = new SesionDeVenta(r.GetGuid(0), r.GetInt32(1), r.GetGuid(2), SnakeCaseEnumConverter<EstadoSesionCaja>.FromText(r.GetString(3)),
                r.GetFieldValue<DateTimeOffset>(4));

        await r.NextResultAsync(ct);
        var links = new List<PackLink>();
        while (await r.ReadAsync(ct)) links.Add(new PackLink(r.GetGuid(0), r.GetGuid(1), r.GetInt32(2), r.GetBoolean(3)));

        await r.NextResultAsync(ct);
        var productos = new List<ProductoBloqueado>();
        while (await r.ReadAsync(ct))
            productos.Add(new ProductoBloqueado(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetDecimal(3), r.GetDecimal(4), r.GetBoolean(5), r.GetInt32(6)));

        await r.NextResultAsync(ct);
        long? numero = await r.ReadAsync(ct) ? r.GetInt64(0) : null;
        return new Lectura(existe, sesion, links, productos, numero);
    }

    /// <summary>
    /// The second round trip: every write of the sale in one batch — the changed stock rows, the sale, its items and
    /// payments, the stock ledger, the drawer movements and a pending invoice. EF is not used here:
    /// its per-entity work was about half of a sale's time on the 2-core benchmark.
    /// </summary>
    private async Task GuardarAsync(Venta v, IReadOnlyList<MovimientoStock> ledger, KeyValuePair<Guid, int>[] cambiados,
        NpgsqlBatchCommand movimientosCaja, Comprobante? comprobante, DateTimeOffset now, CancellationToken ct)
    {
        var comandos = new List<NpgsqlBatchCommand>();
        if (cambiados.Length > 0)
        {
            comandos.Add(SqlBatch.Cmd("""
                UPDATE productos AS p SET stock_actual = v.stock, updated_at = $3
                FROM unnest($1::uuid[], $2::integer[]) AS v(id, stock) WHERE p.id = v.id
                """, cambiados.Select(kv => kv.Key).ToArray(), cambiados.Select(kv => kv.Value).ToArray(), now));
        }
        comandos.Add(SqlBatch.Cmd("""
            INSERT INTO ventas (id, numero_ticket, punto_de_venta, sesion_caja_id, usuario_id, subtotal, descuento_total, total,
                vuelto, estado, conflicto_stock, conflicto_precio, conflicto_sesion, offline, created_at, synced_at,
                conflicto_fecha, sincronizada_por_id, descuento_autorizado_por_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
            """, v.Id, v.NumeroTicket, v.PuntoDeVenta, v.SesionCajaId, v.UsuarioId, v.Subtotal, v.DescuentoTotal, v.Total, v.Vuelto,
            SnakeCaseEnumConverter<EstadoVenta>.ToText(v.Estado), v.ConflictoStock, v.ConflictoPrecio, v.ConflictoSesion, v.Offline,
            v.CreatedAt, SqlBatch.Momento(v.SyncedAt), v.ConflictoFecha, SqlBatch.Id(v.SincronizadaPorId), SqlBatch.Id(v.DescuentoAutorizadoPorId)));
        comandos.Add(SqlBatch.Cmd("""
            INSERT INTO venta_items (id, venta_id, producto_id, codigo_barras, nombre, cantidad, precio_unitario, descuento_item, subtotal, alicuota_iva)
            SELECT u.id, $1, u.producto_id, u.codigo_barras, u.nombre, u.cantidad, u.precio, u.descuento, u.subtotal, u.iva
            FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::integer[], $7::numeric[], $8::numeric[], $9::numeric[], $10::numeric[])
                AS u(id, producto_id, codigo_barras, nombre, cantidad, precio, descuento, subtotal, iva)
            """, v.Id, v.Items.Select(i => i.Id).ToArray(), v.Items.Select(i => i.ProductoId).ToArray(),
            v.Items.Select(i => (string?)i.CodigoBarras).ToArray(), v.Items.Select(i => (string?)i.Nombre).ToArray(),
            v.Items.Select(i => i.Cantidad).ToArray(), v.Items.Select(i => i.PrecioUnitario).ToArray(),
            v.Items.Select(i => i.DescuentoItem).ToArray(), v.Items.Select(i => i.Subtotal).ToArray(), v.Items.Select(i => i.AlicuotaIva).ToArray()));
        comandos.Add(SqlBatch.Cmd("""
            INSERT INTO venta_pagos (id, venta_id, metodo, monto)
            SELECT u.id, $1, u.metodo, u.monto FROM unnest($2::uuid[], $3::text[], $4::numeric[]) AS u(id, metodo, monto)
            """, v.Id, v.Pagos.Select(x => x.Id).ToArray(), v.Pagos.Select(x => (string?)SnakeCaseEnumConverter<MetodoPago>.ToText(x.Metodo)).ToArray(),
            v.Pagos.Select(x => x.Monto).ToArray()));
        comandos.Add(SqlBatch.Cmd("""
            INSERT INTO movimientos_stock (producto_id, tipo, cantidad, stock_resultante, motivo, referencia_id, usuario_id, created_at)
            SELECT u.producto_id, u.tipo, u.cantidad, u.resultante, u.motivo, $1, $2, $3
            FROM unnest($4::uuid[], $5::text[], $6::integer[], $7::integer[], $8::text[]) WITH ORDINALITY
                AS u(producto_id, tipo, cantidad, resultante, motivo, orden)
            ORDER BY u.orden
            """, v.Id, v.UsuarioId, now, ledger.Select(m => m.ProductoId).ToArray(),
            ledger.Select(m => (string?)SnakeCaseEnumConverter<TipoMovimientoStock>.ToText(m.Tipo)).ToArray(),
            ledger.Select(m => m.Cantidad).ToArray(), ledger.Select(m => m.StockResultante).ToArray(), ledger.Select(m => m.Motivo).ToArray()));
        comandos.Add(movimientosCaja);
        if (comprobante is not null) comandos.Add(ComprobanteCommand(comprobante));
        await using var batch = SqlBatch.Create(db, comandos);
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Offline: true when some line's price was never the product's price in the 7 days before the sale
    /// (<see cref="VentaOfflineRules.PrecioConocido"/>). Reads only the history entries that can matter: those inside
    /// the window and the last one before it, per product.
    /// </summary>
    private async Task<bool> PrecioEnConflictoAsync(IReadOnlyList<(ProductoBloqueado Producto, decimal Precio)> lineas, DateTimeOffset vendida, CancellationToken ct)
    {
        var ids = lineas.Select(l => l.Producto.Id).Distinct().ToArray();
        var desde = vendida - VentaOfflineRules.VentanaPrecio;
        // On the connection directly: a replay of 500 offline sales runs this 500 times inside their transactions.
        var filas = await SqlBatch.ListAsync(db, r => new HistorialRow(r.GetGuid(0), r.GetDecimal(1), r.GetFieldValue<DateTimeOffset>(2)), """
            SELECT producto_id, precio_venta, vigente_desde FROM precios_historial
            WHERE producto_id = ANY($1) AND vigente_desde > $2 AND vigente_desde <= $3
            UNION ALL
            SELECT * FROM (
                SELECT DISTINCT ON (producto_id) producto_id, precio_venta, vigente_desde FROM precios_historial
                WHERE producto_id = ANY($1) AND vigente_desde <= $2
                ORDER BY producto_id, vigente_desde DESC) AS al_abrir
            """, ct, ids, SqlBatch.Momento(desde.ToUniversalTime()), SqlBatch.Momento(vendida.ToUniversalTime()));
        var historial = filas.ToLookup(f => f.ProductoId, f => new PrecioVigente(f.VigenteDesde, f.PrecioVenta));
        return lineas.Any(l => !VentaOfflineRules.PrecioConocido(l.Precio, historial[l.Producto.Id].ToList(), vendida, l.Producto.PrecioVenta));
    }

    private sealed record HistorialRow(Guid ProductoId, decimal PrecioVenta, DateTimeOffset VigenteDesde);

    /// <summary>
    /// One drawer movement per payment of the sale, with what each leaves in the drawer (VentaRules.Cobrar: cash is paid
    /// minus change). The cash session reads these rows for its count; the sale is the only writer of tipo venta.
    /// </summary>
    private static NpgsqlBatchCommand IngresosCajaCommand(Guid sesionId, Guid ventaId, string ticket, IReadOnlyList<Pago> ingresos,
        Guid usuarioId, DateTimeOffset now) =>
        SqlBatch.Cmd("""
            INSERT INTO movimientos_caja (id, sesion_caja_id, tipo, metodo_pago, monto, descripcion, referencia_id, usuario_id, created_at)
            SELECT u.id, $1, $2, u.metodo, u.monto, $3, $4, $5, $6
            FROM unnest($7::uuid[], $8::text[], $9::numeric[]) WITH ORDINALITY AS u(id, metodo, monto, orden) ORDER BY u.orden
            """,
            sesionId, SnakeCaseEnumConverter<TipoMovimientoCaja>.ToText(TipoMovimientoCaja.Venta), $"Venta {ticket}", ventaId, usuarioId, now,
            ingresos.Select(_ => Guid.NewGuid()).ToArray(), ingresos.Select(p => (string?)SnakeCaseEnumConverter<MetodoPago>.ToText(p.Metodo)).ToArray(),
            ingresos.Select(p => p.Monto).ToArray());

    /// <summary>A pending invoice (or credit note) row, as invoicing's rules made it; the invoicing job takes it from there.</summary>
    private static NpgsqlBatchCommand ComprobanteCommand(Comprobante c) =>
        SqlBatch.Cmd("""
            INSERT INTO comprobantes (id, tipo, punto_de_venta, receptor_cuit, receptor_nombre, condicion_iva_receptor, monto_neto, monto_iva,
                monto_total, estado, intentos, venta_id, comprobante_asociado_id, created_at, updated_at, doc_tipo, doc_nro, receptor_email, detalle)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $12, $13, $13, $14, $15, $16, $17::jsonb)
            """, c.Id, SnakeCaseEnumConverter<TipoComprobante>.ToText(c.Tipo), c.PuntoDeVenta, SqlBatch.Texto(c.ReceptorCuit),
            SqlBatch.Texto(c.ReceptorNombre), SqlBatch.Texto(c.CondicionIvaReceptor), c.MontoNeto, c.MontoIva, c.MontoTotal,
            SnakeCaseEnumConverter<EstadoComprobante>.ToText(c.Estado), c.VentaId, SqlBatch.Id(c.ComprobanteAsociadoId), c.CreatedAt,
            new NpgsqlParameter { Value = (object?)c.DocTipo ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer },
            new NpgsqlParameter { Value = (object?)c.DocNro ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint },
            SqlBatch.Texto(c.ReceptorEmail), SqlBatch.Texto(c.Detalle));
}
