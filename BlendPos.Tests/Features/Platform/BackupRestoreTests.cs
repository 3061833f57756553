using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using BlendPos.Domain.Catalogo;
using BlendPos.Tests.Infrastructure;
using Npgsql;

namespace BlendPos.Tests.Features.Platform;

/// <summary>
/// <c>./blendpos backup</c> and <c>./blendpos restore</c> as an operator runs them (the script itself, pointed at the
/// test cluster with --port): a database with sales, products and a cash session made through the app comes back
/// identical in a fresh database, and a backup whose bytes changed is refused before anything is touched.
/// </summary>
public sealed class BackupRestoreTests(QuickAppFixture fx) : IClassFixture<QuickAppFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("blendpos-backup-").FullName;
    private BlendPosApp App => fx.App;

    [Fact]
    public async Task A_backup_restored_into_a_fresh_database_has_every_row_and_every_peso()
    {
        await SellSomethingAsync();
        var file = Path.Combine(_dir, "tienda.dump");
        var fresh = FreshDatabaseName();
        try
        {
            var backup = await ScriptAsync("backup", file, "--database", App.Database.Name);
            Assert.True(backup.Code == 0, backup.Output);
            Assert.True(File.Exists(file + ".sha256"), backup.Output);

            var restore = await ScriptAsync("restore", file, "--database", fresh);
            Assert.True(restore.Code == 0, restore.Output);
            Assert.Contains("checksum OK", restore.Output);

            var original = await FingerprintAsync(App.Database.Name);
            var restored = await FingerprintAsync(fresh);
            Assert.True(original["ventas"] >= 3 && original["movimientos_caja"] >= 4 && original["productos"] >= 2 && original["sesiones_caja"] >= 1,
                "the source database should hold the sales made above: " + string.Join(", ", original));
            Assert.Equal(original, restored);
        }
        finally
        {
            await DropAsync(fresh);
        }
    }

    [Fact]
    public async Task A_tampered_backup_is_refused_and_nothing_is_restored()
    {
        var file = Path.Combine(_dir, "alterado.dump");
        var backup = await ScriptAsync("backup", file, "--database", App.Database.Name);
        Assert.True(backup.Code == 0, backup.Output);
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[bytes.Length / 2] ^= 0x01; // one bit: still a plausible archive, not the one that was made
        await File.WriteAllBytesAsync(file, bytes);
        var fresh = FreshDatabaseName();
        try
        {
            var restore = await ScriptAsync("restore", file, "--database", fresh, "--yes");

            Assert.NotEqual(0, restore.Code);
            Assert.Contains("does not match its checksum", restore.Output);
            Assert.Contains("Nothing was restored", restore.Output);
            Assert.False(await ExistsAsync(fresh), "the target database must not even be created");
        }
        finally
        {
            await DropAsync(fresh);
        }
    }

    [Fact]
    public async Task Restoring_over_an_existing_database_without_yes_and_without_a_terminal_is_refused()
    {
        var file = Path.Combine(_dir, "encima.dump");
        Assert.Equal(0, (await ScriptAsync("backup", file, "--database", App.Database.Name)).Code);
        var before = await FingerprintAsync(App.Database.Name);

        var restore = await ScriptAsync("restore", file, "--database", App.Database.Name);

        Assert.NotEqual(0, restore.Code);
        Assert.Contains("pass --yes", restore.Output);
        Assert.Equal(before, await FingerprintAsync(App.Database.Name));
    }

    // -----------------------------------------------------------------------------------------------------------------

    private async Task SellSomethingAsync()
    {
        using var admin = await App.AdminAsync();
        var codigos = new List<string>();
        foreach (var (precio, stock) in new[] { (1810.50m, 40), (250m, 100) })
        {
            var digits = "7796" + Random.Shared.Next(10_000_000, 99_999_999);
            var codigo = digits + Gtin.ComputeCheckDigit(digits);
            await (await admin.PostAsJsonAsync("/v1/productos", new
            {
                codigo_barras = codigo, nombre = "Producto " + codigo, categoria = "Golosinas", precio_costo = precio / 2, precio_venta = precio, stock_actual = stock,
            })).ShouldBeAsync(HttpStatusCode.Created);
            codigos.Add(codigo);
        }
        var user = "bk" + Guid.NewGuid().ToString("N")[..10];
        await App.CreateUserAsync(user, "cajero", puntoDeVenta: 7);
        using var cajero = await App.ClientAsAsync(user, "clave-1234");
        var sesion = (await (await cajero.PostAsJsonAsync("/v1/caja/abrir", new { monto_inicial = 5000m })).ShouldBeAsync(HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        for (var i = 1; i <= 3; i++)
            await (await cajero.PostAsJsonAsync("/v1/ventas", new
            {
                sesion_caja_id = sesion,
                items = new object[] { new { barcode = codigos[0], cantidad = i }, new { barcode = codigos[1], cantidad = 2 } },
                pagos = new object[] { new { metodo = "efectivo", monto = 10_000m } },
            })).ShouldBeAsync(HttpStatusCode.Created);
        await (await cajero.PostAsJsonAsync("/v1/caja/movimiento", new
        {
            sesion_caja_id = sesion, tipo = "egreso_manual", monto = 1234.56m, descripcion = "Pago a proveedor",
        })).ShouldBeAsync(HttpStatusCode.Created);
    }

    /// <summary>Row count of every table, the money and stock totals, and where each sequence stands.</summary>
    private static async Task<SortedDictionary<string, decimal>> FingerprintAsync(string database)
    {
        await using var conn = new NpgsqlConnection(await ConnectionStringAsync(database));
        await conn.OpenAsync();
        var tables = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) tables.Add(r.GetString(0));
        Assert.NotEmpty(tables);
        var queries = tables.Select(t => $"SELECT '{t}', count(*)::numeric FROM \"{t}\"").Concat(
        [
            "SELECT 'sum ventas.total', coalesce(sum(total), 0) FROM ventas",
            "SELECT 'sum venta_pagos.monto', coalesce(sum(monto), 0) FROM venta_pagos",
            "SELECT 'sum movimientos_caja.monto', coalesce(sum(monto), 0) FROM movimientos_caja",
            "SELECT 'sum productos.stock_actual', coalesce(sum(stock_actual), 0)::numeric FROM productos",
            "SELECT 'sum productos.precio_venta', coalesce(sum(precio_venta), 0) FROM productos",
            "SELECT 'seq ' || sequencename, coalesce(last_value, 0)::numeric FROM pg_sequences WHERE schemaname = 'public'",
        ]);
        var result = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand(string.Join(" UNION ALL ", queries), conn))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) result[r.GetString(0)] = r.GetDecimal(1);
        return result;
    }

    /// <summary>Runs <c>bash blendpos ARGS --port &lt;test cluster&gt;</c> from the repository root.</summary>
    private static async Task<(int Code, string Output)> ScriptAsync(params string[] args)
    {
        var server = new NpgsqlConnectionStringBuilder(await TestServers.PostgresAsync());
        Assert.True(server.Host is "127.0.0.1" or "localhost",
            $"the backup script talks to 127.0.0.1; the test PostgreSQL is at {server.Host} (run through ./blendpos test)");
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = TestServers.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        start.ArgumentList.Add("blendpos");
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(server.Port.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(start)!;
        process.StandardInput.Close(); // no terminal: a question must be answered by --yes, never hang the test
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FreshDatabaseName() =>
        // The test databases' naming, so a run killed half-way has its leftovers dropped by the next one.
        $"blendpos_e_{DateTime.UtcNow:yyMMddHHmm}r{Guid.NewGuid():N}"[..48];

    private static async Task<string> ConnectionStringAsync(string database) =>
        new NpgsqlConnectionStringBuilder(await TestServers.PostgresAsync()) { Database = database, Pooling = false }.ConnectionString;

    private static async Task<bool> ExistsAsync(string database)
    {
        await using var conn = new NpgsqlConnection(await ConnectionStringAsync("postgres"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @n", conn);
        cmd.Parameters.AddWithValue("n", database);
        return (long)(await cmd.ExecuteScalarAsync())! > 0;
    }

    private static async Task DropAsync(string database)
    {
        await using var conn = new NpgsqlConnection(await ConnectionStringAsync("postgres"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
