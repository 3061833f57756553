using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BlendPos.Tests.Features.Platform;

/// <summary>An empty database (not the template copy) migrated by the app's own migrations, once for the class.</summary>
public sealed class MigratedEmptyDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateEmptyAsync();
        await using var db = Context();
        await db.Database.MigrateAsync();
    }

    public BlendPosDb Context() => new(new DbContextOptionsBuilder<BlendPosDb>()
        .UseNpgsql(Database.ConnectionString).UseSnakeCaseNamingConvention().Options);

    public async Task DisposeAsync()
    {
        if (Database is not null) await Database.DisposeAsync();
    }
}

public sealed class DatabaseSchemaTests(MigratedEmptyDatabase fx) : IClassFixture<MigratedEmptyDatabase>
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_leave_nothing_pending()
    {
        await using var db = fx.Context();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Every_table_of_the_seed_and_the_design_exists()
    {
        var tables = await ListAsync("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
        string[] expected =
        [
            "usuarios", "productos", "productos_hijos", "ventas", "venta_items", "venta_pagos", "sesiones_caja",
            "movimientos_caja", "comprobantes", "proveedores", "movimientos_stock", "precios_historial",
            "contadores_ticket", "refresh_tokens", "arqueos",
        ];
        Assert.All(expected, t => Assert.Contains(t, tables));
    }

    [Fact]
    public async Task Productos_nombre_has_a_trigram_gin_index()
    {
        Assert.Contains("pg_trgm", await ListAsync("SELECT extname FROM pg_extension"));
        Assert.Contains(await IndexDefsAsync("productos"), d => d.Contains("USING gin (nombre gin_trgm_ops)"));
    }

    [Fact]
    public async Task Productos_codigo_barras_is_unique()
    {
        Assert.Contains(await IndexDefsAsync("productos"),
            d => d.StartsWith("CREATE UNIQUE INDEX") && d.EndsWith("USING btree (codigo_barras)"));

        await using var conn = fx.Database.Open();
        await InsertProductoAsync(conn, Guid.NewGuid(), "7790000000017");
        var e = await Assert.ThrowsAsync<PostgresException>(() => InsertProductoAsync(conn, Guid.NewGuid(), "7790000000017"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, e.SqlState);
    }

    [Theory]
    [InlineData("productos", "proveedor_id")]
    [InlineData("ventas", "sesion_caja_id")]
    [InlineData("ventas", "created_at")]
    [InlineData("movimientos_caja", "sesion_caja_id")]
    [InlineData("comprobantes", "venta_id")]
    public async Task Seed_9_2_index_exists(string table, string column)
    {
        Assert.Contains(await IndexDefsAsync(table), d => d.EndsWith($"USING btree ({column})"));
    }

    [Fact]
    public async Task Movimientos_caja_accepts_insert_but_refuses_update_delete_and_truncate()
    {
        await using var conn = fx.Database.Open();
        var (usuario, sesion) = await InsertCajeroAndSesionAsync(conn);
        var movimiento = Guid.NewGuid();
        await ExecAsync(conn, """
            INSERT INTO movimientos_caja (id, sesion_caja_id, tipo, metodo_pago, monto, descripcion, usuario_id, created_at)
            VALUES ($1, $2, 'ingreso_manual', 'efectivo', 150.50, 'Cambio para la caja', $3, now())
            """, movimiento, sesion, usuario);

        await AssertAppendOnlyAsync(() => ExecAsync(conn, "UPDATE movimientos_caja SET monto = 1 WHERE id = $1", movimiento));
        await AssertAppendOnlyAsync(() => ExecAsync(conn, "DELETE FROM movimientos_caja WHERE id = $1", movimiento));
        await AssertAppendOnlyAsync(() => ExecAsync(conn, "TRUNCATE movimientos_caja"));

        Assert.Equal(150.50m, await ScalarAsync<decimal>(conn, "SELECT monto FROM movimientos_caja WHERE id = $1", movimiento));
    }

    [Fact]
    public async Task Movimientos_stock_accepts_insert_but_refuses_update_and_delete()
    {
        await using var conn = fx.Database.Open();
        var (usuario, _) = await InsertCajeroAndSesionAsync(conn);
        var producto = Guid.NewGuid();
        await InsertProductoAsync(conn, producto, "7790000000024");
        var id = await ScalarAsync<long>(conn, """
            INSERT INTO movimientos_stock (producto_id, tipo, cantidad, stock_resultante, motivo, usuario_id, created_at)
            VALUES ($1, 'ajuste', 12, 12, 'Conteo inicial', $2, now()) RETURNING id
            """, producto, usuario);

        await AssertAppendOnlyAsync(() => ExecAsync(conn, "UPDATE movimientos_stock SET cantidad = 99 WHERE id = $1", id));
        await AssertAppendOnlyAsync(() => ExecAsync(conn, "DELETE FROM movimientos_stock WHERE id = $1", id));

        Assert.Equal(12, await ScalarAsync<int>(conn, "SELECT cantidad FROM movimientos_stock WHERE id = $1", id));
    }

    private static async Task AssertAppendOnlyAsync(Func<Task> statement)
    {
        var e = await Assert.ThrowsAsync<PostgresException>(statement);
        Assert.Equal(PostgresErrorCodes.RestrictViolation, e.SqlState);
        Assert.Contains("append-only", e.MessageText);
    }

    private static async Task<(Guid Usuario, Guid Sesion)> InsertCajeroAndSesionAsync(NpgsqlConnection conn)
    {
        var usuario = Guid.NewGuid();
        var username = "cajero." + usuario.ToString("N")[..8];
        await ExecAsync(conn, """
            INSERT INTO usuarios (id, nombre_completo, punto_de_venta, activo, created_at, username, normalized_user_name,
                                  email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
            VALUES ($1, 'Cajero de prueba', 1, true, now(), $2, upper($2), false, false, false, true, 0)
            """, usuario, username);
        var sesion = Guid.NewGuid();
        await ExecAsync(conn, """
            INSERT INTO sesiones_caja (id, punto_de_venta, usuario_id, monto_inicial, estado, opened_at)
            VALUES ($1, $2, $3, 5000, 'abierta', now())
            """, sesion, Random.Shared.Next(1, 99999), usuario);
        return (usuario, sesion);
    }

    private static Task InsertProductoAsync(NpgsqlConnection conn, Guid id, string codigo) => ExecAsync(conn, """
        INSERT INTO productos (id, codigo_barras, nombre, categoria, precio_costo, precio_venta, stock_actual, es_padre,
                               created_at, updated_at)
        VALUES ($1, $2, 'Alfajor de prueba', 'golosinas', 500, 800, 0, false, now(), now())
        """, id, codigo);

    private async Task<List<string>> IndexDefsAsync(string table)
    {
        await using var conn = fx.Database.Open();
        await using var cmd = new NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1", conn);
        cmd.Parameters.AddWithValue(table);
        return await ReadAllAsync(cmd);
    }

    private async Task<List<string>> ListAsync(string sql)
    {
        await using var conn = fx.Database.Open();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await ReadAllAsync(cmd);
    }

    private static async Task<List<string>> ReadAllAsync(NpgsqlCommand cmd)
    {
        var rows = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var a in args) cmd.Parameters.AddWithValue(a);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection conn, string sql, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var a in args) cmd.Parameters.AddWithValue(a);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
