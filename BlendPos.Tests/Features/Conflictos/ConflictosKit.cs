using System.Net;
using System.Net.Http.Json;
using BlendPos.Domain.Catalogo;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlendPos.Tests.Features.Conflictos;

/// <summary>
/// Flagged sales for the conflict tests: products and cashiers' sessions through /v1, sales through POST /v1/ventas
/// (VentaService.RegistrarAsync), then the outcome of an offline replay written with SQL (flags, terminal time,
/// offline prices, stock gone negative, a session closed before the sale arrived).
/// </summary>
internal sealed class ConflictosKit(BlendPosApp app)
{
    public const string Clave = "clave-1234";
    private static int _seq;

    public sealed record Cajero(Guid Id, string Usuario, HttpClient Api, Guid Sesion, int Pdv);

    public sealed record Venta(Guid Id, string Ticket);

    public static string Ean13() { var d = $"7793{Interlocked.Increment(ref _seq):D8}"; return d + Gtin.ComputeCheckDigit(d); }

    public async Task<(Guid Id, string Codigo)> ProductoAsync(HttpClient admin, string nombre, decimal precio, int stock)
    {
        var codigo = Ean13();
        var json = await (await admin.PostAsJsonAsync("/v1/productos", new
        {
            codigo_barras = codigo, nombre, categoria = "Almacén", precio_costo = Math.Round(precio * 0.6m, 2), precio_venta = precio,
            stock_actual = stock,
        })).ShouldBeAsync(HttpStatusCode.Created);
        return (json.GetProperty("id").GetGuid(), codigo);
    }

    public async Task<Guid> UsuarioAsync(string usuario, string rol, int pdv = 1) => await app.CreateUserAsync(usuario, rol, Clave, pdv);

    public async Task<Cajero> CajeroAsync(string usuario, int pdv)
    {
        var id = await UsuarioAsync(usuario, "cajero", pdv);
        var api = await app.ClientAsAsync(usuario, Clave);
        var sesion = await (await api.PostAsJsonAsync("/v1/caja/abrir", new { monto_inicial = 1000m })).ShouldBeAsync(HttpStatusCode.Created);
        return new Cajero(id, usuario, api, sesion.GetProperty("id").GetGuid(), pdv);
    }

    public static async Task<Venta> VenderAsync(Cajero c, params (string Codigo, int Cantidad)[] items)
    {
        var json = await (await c.Api.PostAsJsonAsync("/v1/ventas", new
        {
            sesion_caja_id = c.Sesion, items = items.Select(i => new { barcode = i.Codigo, cantidad = i.Cantidad }).ToArray(),
            pagos = new[] { new { metodo = "efectivo", monto = 1_000_000m } },
        })).ShouldBeAsync(HttpStatusCode.Created);
        return new Venta(json.GetProperty("id").GetGuid(), $"{c.Pdv:D4}-{json.GetProperty("numero_ticket").GetInt64():D8}");
    }

    public async Task SqlAsync(FormattableString sql)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BlendPosDb>().Database.ExecuteSqlAsync(sql);
    }

    public async Task<T> DbAsync<T>(Func<BlendPosDb, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BlendPosDb>());
    }

    /// <summary>What sync-batch leaves on a replayed sale: offline, made at the terminal's time, arrived now, flagged.</summary>
    /// <remarks>The session is made to have opened before the sale, as it would have (a sale before its session is a date conflict).</remarks>
    public async Task ReplayedAsync(Guid venta, DateTimeOffset hechaEn, bool stock = false, bool precio = false, bool sesion = false)
    {
        await SqlAsync($"""
            UPDATE ventas SET offline = true, created_at = {hechaEn}, synced_at = now(),
                   conflicto_stock = {stock}, conflicto_precio = {precio}, conflicto_sesion = {sesion}
            WHERE id = {venta}
            """);
        await SqlAsync($"""
            UPDATE sesiones_caja SET opened_at = LEAST(opened_at, {hechaEn.AddHours(-1)})
            WHERE id = (SELECT sesion_caja_id FROM ventas WHERE id = {venta})
            """);
    }

    /// <summary>The terminal charged <paramref name="precio"/> for the product (the server keeps offline prices).</summary>
    public Task PrecioOfflineAsync(Guid venta, Guid producto, decimal precio) => SqlAsync($"""
        UPDATE venta_items SET precio_unitario = {precio}, subtotal = {precio} * cantidad WHERE venta_id = {venta} AND producto_id = {producto}
        """);

    /// <summary>Replaces the product's price history with these rows (the last one is its price now).</summary>
    public async Task HistorialAsync(Guid producto, params (decimal Precio, DateTimeOffset Desde)[] precios)
    {
        await SqlAsync($"DELETE FROM precios_historial WHERE producto_id = {producto}");
        foreach (var (precio, desde) in precios)
            await SqlAsync($"""
                INSERT INTO precios_historial (producto_id, precio_costo, precio_venta, vigente_desde) VALUES ({producto}, 1, {precio}, {desde})
                """);
        await SqlAsync($"UPDATE productos SET precio_venta = {precios[^1].Precio} WHERE id = {producto}");
    }

    /// <summary>
    /// The server's stock could not cover the sale: its ledger line for the product ends at <paramref name="quedo"/>
    /// (below zero), and so does the product's stock. An online sale never writes that line, and the ledger refuses
    /// updates (trigger), so the line is rewritten with triggers off for this one transaction, as the replay would
    /// have written it.
    /// </summary>
    public async Task StockNegativoAsync(Guid venta, Guid producto, int quedo)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlendPosDb>();
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL session_replication_role = replica");
        await db.Database.ExecuteSqlAsync($"""
            UPDATE movimientos_stock SET stock_resultante = {quedo}
            WHERE referencia_id = {venta} AND producto_id = {producto}
            """);
        await db.Database.ExecuteSqlAsync($"UPDATE productos SET stock_actual = {quedo} WHERE id = {producto}");
        await tx.CommitAsync();
    }

    public Task CerrarSesionAsync(Guid sesion, DateTimeOffset cerradaEn) =>
        SqlAsync($"UPDATE sesiones_caja SET estado = 'cerrada', closed_at = {cerradaEn} WHERE id = {sesion}");
}
