using BlendPos.Domain;
using BlendPos.Domain.Proveedores;
using BlendPos.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace BlendPos.Web.Features.Proveedores;

public sealed partial class ProveedorService
{
    /// <summary>
    /// The writes of an import, set-based so 50,000 rows take seconds, not minutes of per-entity EF work: the planned
    /// rows go by binary COPY into a temporary table, then one statement upserts them and writes their price history
    /// and ledger lines, and one more upserts the pack links and marks their packs. The <c>productos_version</c>
    /// trigger stamps every written row with this transaction's id, so the offline catalog's delta
    /// (<c>GET /v1/productos/sync?cursor=</c>) sends them; the packs are written too so terminals learn their links.
    /// </summary>
    private async Task EscribirAsync(PlanDeImportacion plan, Guid proveedorId, Guid usuarioId, DateTimeOffset now, CancellationToken ct)
    {
        if (plan.Productos.Count == 0 && plan.Vinculos.Count == 0) return;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();

        await db.Database.ExecuteSqlRawAsync(CrearTablaTemporal, ct);
        await using (var copy = await connection.BeginBinaryImportAsync(CopiarLista, ct))
        {
            foreach (var p in plan.Productos)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(p.CodigoBarras, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.Nombre, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.Categoria, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.PrecioCosto, NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(p.PrecioVenta, NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(p.StockMinimo, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(p.UnidadMedida, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.CambiaPrecio, NpgsqlDbType.Boolean, ct);
            }
            await copy.CompleteAsync(ct);
        }

        var batch = SqlBatch.Create(db,
        [
            SqlBatch.Cmd(Upsert, proveedorId, now, usuarioId, MotivoAlta),
            SqlBatch.Cmd(Vincular,
                plan.Vinculos.Select(v => v.PadreCodigoBarras).ToArray<string?>(),
                plan.Vinculos.Select(v => v.HijoCodigoBarras).ToArray<string?>(),
                plan.Vinculos.Select(v => v.UnidadesPorPadre).ToArray(),
                now),
        ]);
        await using (batch)
        {
            batch.Timeout = 120;
            await batch.ExecuteNonQueryAsync(ct);
        }
    }

    private const string MotivoAlta = "Alta por importación de lista de precios";

    private const string CrearTablaTemporal = """
        CREATE TEMP TABLE lista_importada (
            id uuid NOT NULL, codigo_barras varchar(14) NOT NULL, nombre varchar(200) NOT NULL, categoria varchar(80) NOT NULL,
            precio_costo numeric(10,2) NOT NULL, precio_venta numeric(10,2) NOT NULL, stock_minimo integer NOT NULL,
            unidad_medida varchar(20) NOT NULL, cambia_precio boolean NOT NULL
        ) ON COMMIT DROP
        """;

    private const string CopiarLista =
        "COPY lista_importada (id, codigo_barras, nombre, categoria, precio_costo, precio_venta, stock_minimo, unidad_medida, " +
        "cambia_precio) FROM STDIN (FORMAT BINARY)";

    // New rows start with stock 0 (their ledger line says so); existing rows keep stock, activo, IVA and description.
    // Rows are taken in id order (an existing product's planned id is its own), the order in which a sale locks its
    // products, so a sale and an import touching the same products wait for each other instead of deadlocking.
    // xmax = 0 tells an inserted row from an updated one, so a product created meanwhile by someone else (the plan saw it
    // as new) is updated in place and gets no second "alta" line. Rows whose prices did not change get no history.
    private const string Upsert = """
        WITH escritos AS (
            INSERT INTO productos AS p (id, codigo_barras, nombre, categoria, precio_costo, precio_venta, stock_actual,
                stock_minimo, unidad_medida, proveedor_id, activo, es_padre, alicuota_iva, created_at, updated_at)
            SELECT id, codigo_barras, nombre, categoria, precio_costo, precio_venta, 0, stock_minimo, unidad_medida, $1,
                true, false, 21, $2, $2
            FROM lista_importada ORDER BY id
            ON CONFLICT (codigo_barras) DO UPDATE SET
                nombre = EXCLUDED.nombre, categoria = EXCLUDED.categoria, precio_costo = EXCLUDED.precio_costo,
                precio_venta = EXCLUDED.precio_venta, stock_minimo = EXCLUDED.stock_minimo,
                unidad_medida = EXCLUDED.unidad_medida, proveedor_id = EXCLUDED.proveedor_id, updated_at = EXCLUDED.updated_at
            RETURNING p.id, p.codigo_barras, p.precio_costo, p.precio_venta, (p.xmax = 0) AS insertado
        ), historial AS (
            INSERT INTO precios_historial (producto_id, precio_costo, precio_venta, usuario_id, vigente_desde)
            SELECT e.id, e.precio_costo, e.precio_venta, $3, $2
            FROM escritos e JOIN lista_importada l ON l.codigo_barras = e.codigo_barras
            WHERE e.insertado OR l.cambia_precio
        )
        INSERT INTO movimientos_stock (producto_id, tipo, cantidad, stock_resultante, motivo, usuario_id, created_at)
        SELECT id, 'importacion', 0, 0, $4, $3, $2 FROM escritos WHERE insertado
        """;

    // After the upsert (its own statement, so it sees the new rows): the link of each child to its pack, new or with
    // other units (desarme_auto of an existing link is kept), and the packs marked es_padre and re-stamped.
    private const string Vincular = """
        WITH v AS (
            SELECT padre.id AS padre_id, hijo.id AS hijo_id, x.unidades
            FROM unnest($1::text[], $2::text[], $3::int[]) AS x(padre, hijo, unidades)
            JOIN productos padre ON padre.codigo_barras = x.padre
            JOIN productos hijo ON hijo.codigo_barras = x.hijo
        ), escritos AS (
            INSERT INTO productos_hijos (id, producto_padre_id, producto_hijo_id, unidades_por_padre, desarme_auto)
            SELECT gen_random_uuid(), padre_id, hijo_id, unidades, true FROM v
            ON CONFLICT (producto_padre_id, producto_hijo_id) DO UPDATE SET unidades_por_padre = EXCLUDED.unidades_por_padre
            RETURNING producto_padre_id
        )
        UPDATE productos SET es_padre = true, updated_at = $4 WHERE id IN (SELECT producto_padre_id FROM escritos)
        """;
}
