using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlendPos.Tests.Features.Caja;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Features.Reportes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlendPos.Tests.Features.Reportes;

/// <summary>
/// The reports' app: its clock starts at 23:50 of 14/10/2026 in Argentina (02:50 UTC of the 15th), so the tests sell on
/// both sides of an Argentine midnight that is not a UTC one.
/// </summary>
public sealed class ReportesAppFixture : CajaAppFixture
{
    public static readonly TimeZoneInfo Ar = TimeZoneInfo.FindSystemTimeZoneById("America/Argentina/Buenos_Aires");
    public static readonly DateOnly Dia14 = new(2026, 10, 14);
    public static readonly DateOnly Dia15 = new(2026, 10, 15);

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 10, 14, 23, 50, 0, TimeSpan.FromHours(-3)).ToUniversalTime());

    private Task<Escenario>? _escenario;

    /// <summary>The shared sales, made by the first test that asks (the clock only moves forward).</summary>
    public Task<Escenario> EscenarioAsync() => _escenario ??= Escenario.CrearAsync(this);

    // The summary job is not scheduled: the tests summarize days themselves (ResumenService), when they choose.
    protected override BlendPosApp CreateApp(TestDatabase db) => new(db, clock: Clock, settings: new Dictionary<string, string?>
    {
        ["BLENDPOS_SUMMARY_JOB"] = "false",
    }, configure: b =>
    {
        BlendPosApp.QuickPasswordHashing(b);
        BlendPosApp.DistinctClientAddresses(b);
    });
}

internal static class ReportesKit
{
    public static async Task<T> ReportesAsync<T>(this BlendPosApp app, Func<ReportesService, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ReportesService>());
    }

    /// <summary>The daily summary job's service (what the scheduled job calls).</summary>
    public static async Task<T> ResumenAsync<T>(this BlendPosApp app, Func<ResumenService, Task<T>> run)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<ResumenService>());
    }

    /// <summary>A sale through POST /v1/ventas; returns its id.</summary>
    public static async Task<Guid> VenderAsync(Persona p, Guid sesion, (string Codigo, int Cantidad)[] items, params (string Metodo, decimal Monto)[] pagos)
    {
        var venta = await (await p.Client.PostAsJsonAsync("/v1/ventas", new
        {
            sesion_caja_id = sesion, items = items.Select(i => new { barcode = i.Codigo, cantidad = i.Cantidad }).ToArray(),
            pagos = pagos.Select(x => new { metodo = x.Metodo, monto = x.Monto }).ToArray(),
        })).ShouldBeAsync(HttpStatusCode.Created);
        return venta.GetProperty("id").GetGuid();
    }

    public static async Task AnularAsync(Persona supervisor, Guid venta, string motivo) =>
        await (await supervisor.Client.PostAsJsonAsync($"/v1/ventas/{venta}/anular", new { motivo })).ShouldBeAsync(HttpStatusCode.OK);

    /// <summary>A product created through the admin API with this cost and price; returns id and barcode.</summary>
    public static async Task<(Guid Id, string Codigo)> ProductoAsync(BlendPosApp app, string nombre, decimal costo, decimal precio)
    {
        var codigo = Ventas.SyncBatchKit.Ean13();
        using var admin = await app.AdminAsync();
        var json = await (await admin.PostAsJsonAsync("/v1/productos", new
        {
            codigo_barras = codigo, nombre, categoria = "Golosinas", precio_costo = costo, precio_venta = precio, stock_actual = 1000,
        })).ShouldBeAsync(HttpStatusCode.Created);
        return (json.GetProperty("id").GetGuid(), codigo);
    }

    public static async Task CambiarCostoAsync(BlendPosApp app, Guid producto, string nombre, string codigo, decimal costo, decimal precio)
    {
        using var admin = await app.AdminAsync();
        await (await admin.PutAsJsonAsync($"/v1/productos/{producto}", new
        {
            codigo_barras = codigo, nombre, categoria = "Golosinas", precio_costo = costo, precio_venta = precio,
        })).ShouldBeAsync(HttpStatusCode.OK);
    }

    public static JsonElement Json(string raw) => JsonDocument.Parse(raw).RootElement.Clone();
}
