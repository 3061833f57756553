using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlendPos.Domain.Catalogo;
using BlendPos.Tests.Features.Caja;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlendPos.Tests.Features.Ventas;

/// <summary>Products, sessions and offline sales for the sync-batch tests.</summary>
internal static class SyncBatchKit
{
    private static int _seq;

    public static string Ean13()
    {
        var d = $"7796{Interlocked.Increment(ref _seq):D8}";
        return d + Gtin.ComputeCheckDigit(d);
    }

    public static async Task<(Guid Id, string Codigo)> ProductoAsync(this BlendPosApp app, decimal precio, int stock)
    {
        using var admin = await app.AdminAsync();
        var codigo = Ean13();
        var json = await (await admin.PostAsJsonAsync("/v1/productos", new
        {
            codigo_barras = codigo, nombre = "Offline " + codigo, categoria = "Golosinas",
            precio_costo = Math.Round(precio * 0.6m, 2), precio_venta = precio, stock_actual = stock,
        })).ShouldBeAsync(HttpStatusCode.Created);
        return (json.GetProperty("id").GetGuid(), codigo);
    }

    /// <summary>One offline sale as the terminal sends it.</summary>
    public static object Venta(Guid id, Guid sesion, DateTimeOffset createdAt, object[] items, object[] pagos, decimal? descuentoTotal = null) =>
        new { id, sesion_caja_id = sesion, created_at = createdAt, items, pagos, descuento_total = descuentoTotal };

    public static object Item(string barcode, int cantidad, decimal precio) => new { barcode, cantidad, precio_unitario = precio };

    public static object Pago(string metodo, decimal monto) => new { metodo, monto };

    public static Task<HttpResponseMessage> SyncAsync(this HttpClient client, params object[] ventas) =>
        client.PostAsJsonAsync("/v1/ventas/sync-batch", new { ventas });

    /// <summary>The resultados of a 200 answer.</summary>
    public static async Task<JsonElement[]> ResultadosAsync(this Task<HttpResponseMessage> call) =>
        (await (await call).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("resultados").EnumerateArray().ToArray();

    public static Task<int> StockAsync(this BlendPosApp app, Guid productoId) =>
        app.WithDbAsync(db => db.Productos.AsNoTracking().Where(p => p.Id == productoId).Select(p => p.StockActual).SingleAsync());

    /// <summary>Sets a product's price history to exactly these entries (the rule reads it; the catalog price is untouched).</summary>
    public static async Task HistorialAsync(this BlendPosApp app, Guid productoId, params (DateTimeOffset Desde, decimal Precio)[] entradas)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlendPosDb>();
        await db.Database.ExecuteSqlAsync($"DELETE FROM precios_historial WHERE producto_id = {productoId}");
        foreach (var (desde, precio) in entradas)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO precios_historial (producto_id, precio_costo, precio_venta, vigente_desde)
                VALUES ({productoId}, {precio / 2}, {precio}, {desde})
                """);
        }
    }
}
