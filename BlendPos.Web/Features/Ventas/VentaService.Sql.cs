using BlendPos.Domain;
using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Ventas;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Caja;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace BlendPos.Web.Features.Ventas;

/// <summary>
/// The sale's SQL, sent as Npgsql batches on the transaction's connection: a sale is latency-bound (several terminals
/// on 2 cores), so the statements that do not depend on each other's answers travel together.
/// </summary>
public sealed partial class VentaService
{
    /// <summary>A locked product row: what a sale reads of it.</summary>
    private sealed record ProductoBloqueado(Guid Id, string CodigoBarras, string Nombre, decimal PrecioVenta, decimal AlicuotaIva, bool Activo, int StockActual);

    private sealed record Lectura(bool VentaExiste, SesionDeVenta? Sesion, List<PackLink> Links, List<ProductoBloqueado> Productos);

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

    private async Task<Lectura> LeerYBloquearAsync(Guid ventaId, Guid sesionId, string[] barcodes, Guid[] ids, CancellationToken ct)
    {
        await using var batch = Batch(
            Cmd("SELECT EXISTS (SELECT 1 FROM ventas WHERE id = $1)", ventaId),
            Cmd(CajaService.SesionDeVentaSql, sesionId),
            Cmd(LinksSql, barcodes, ids),
            Cmd(BloquearSql, barcodes, ids));
        await using var r = await batch.ExecuteReaderAsync(ct);

        await r.ReadAsync(ct);
        var existe = r.GetBoolean(0);

        await r.NextResultAsync(ct);
        SesionDeVenta? sesion = null;
        if (await r.ReadAsync(ct))
            sesion = new SesionDeVenta(r.GetGuid(0), r.GetInt32(1), r.GetGuid(2), SnakeCaseEnumConverter<EstadoSesionCaja>.FromText(r.GetString(3)));

        await r.NextResultAsync(ct);
        var links = new List<PackLink>();
        while (await r.ReadAsync(ct)) links.Add(new PackLink(r.GetGuid(0), r.GetGuid(1), r.GetInt32(2), r.GetBoolean(3)));

        await r.NextResultAsync(ct);
        var productos = new List<ProductoBloqueado>();
        while (await r.ReadAsync(ct))
            productos.Add(new ProductoBloqueado(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetDecimal(3), r.GetDecimal(4), r.GetBoolean(5), r.GetInt32(6)));
        return new Lectura(existe, sesion, links, productos);
    }

    /// <summary>
    /// Writes the changed stock rows (one statement) and takes the ticket number, gap-free per punto de venta: the
    /// number is taken inside the sale's transaction, so a refused or rolled-back sale leaves no hole.
    /// </summary>
    private async Task<long> GuardarStockYNumerarAsync(KeyValuePair<Guid, int>[] cambiados, int puntoDeVenta, DateTimeOffset now, CancellationToken ct)
    {
        var numerar = Cmd("""
            INSERT INTO contadores_ticket (punto_de_venta, ultimo_numero) VALUES ($1, 1)
            ON CONFLICT (punto_de_venta) DO UPDATE SET ultimo_numero = contadores_ticket.ultimo_numero + 1
            RETURNING ultimo_numero
            """, puntoDeVenta);
        await using var batch = cambiados.Length == 0 ? Batch(numerar) : Batch(
            Cmd("""
                UPDATE productos AS p SET stock_actual = v.stock, updated_at = $3
                FROM unnest($1::uuid[], $2::integer[]) AS v(id, stock) WHERE p.id = v.id
                """, cambiados.Select(kv => kv.Key).ToArray(), cambiados.Select(kv => kv.Value).ToArray(), now),
            numerar);
        await using var r = await batch.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct); // the UPDATE has no result set: the reader starts on the counter's
        return r.GetInt64(0);
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
        var filas = await db.Database.SqlQuery<HistorialRow>($"""
            SELECT producto_id, precio_venta, vigente_desde FROM precios_historial
            WHERE producto_id = ANY({ids}) AND vigente_desde > {desde} AND vigente_desde <= {vendida}
            UNION ALL
            SELECT * FROM (
                SELECT DISTINCT ON (producto_id) producto_id, precio_venta, vigente_desde FROM precios_historial
                WHERE producto_id = ANY({ids}) AND vigente_desde <= {desde}
                ORDER BY producto_id, vigente_desde DESC) AS al_abrir
            """).ToListAsync(ct);
        var historial = filas.ToLookup(f => f.ProductoId, f => new PrecioVigente(f.VigenteDesde, f.PrecioVenta));
        return lineas.Any(l => !VentaOfflineRules.PrecioConocido(l.Precio, historial[l.Producto.Id].ToList(), vendida, l.Producto.PrecioVenta));
    }

    private sealed record HistorialRow(Guid ProductoId, decimal PrecioVenta, DateTimeOffset VigenteDesde);

    /// <summary>Locks products by id (a void): the same ordered statement as a sale's, without the pack walk.</summary>
    private async Task<Dictionary<Guid, int>> BloquearStockAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var arr = ids.ToArray();
        var rows = await db.Database.SqlQuery<StockRow>(
                $"SELECT id, stock_actual FROM productos WHERE id = ANY({arr}) ORDER BY id FOR UPDATE")
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => r.StockActual);
    }

    private sealed record StockRow(Guid Id, int StockActual);

    private NpgsqlBatch Batch(params NpgsqlBatchCommand[] commands)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        var batch = new NpgsqlBatch(connection, transaction);
        foreach (var c in commands) batch.BatchCommands.Add(c);
        return batch;
    }

    /// <summary>A positional command ($1, $2…); arrays go as PostgreSQL arrays of their element type.</summary>
    private static NpgsqlBatchCommand Cmd(string sql, params object[] values)
    {
        var c = new NpgsqlBatchCommand(sql);
        foreach (var v in values)
        {
            c.Parameters.Add(v switch
            {
                string[] s => new NpgsqlParameter { Value = s, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                Guid[] g => new NpgsqlParameter { Value = g, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                int[] n => new NpgsqlParameter { Value = n, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
                _ => new NpgsqlParameter { Value = v },
            });
        }
        return c;
    }
}
