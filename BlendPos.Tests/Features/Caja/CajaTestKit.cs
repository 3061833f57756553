using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlendPos.Domain.Caja;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlendPos.Tests.Features.Caja;

/// <summary>A fresh database per cash test class, quick password hashing, one client address per request.</summary>
public class CajaAppFixture : QuickAppFixture
{
    private int _puntoDeVenta = 100;

    /// <summary>A new user of that role, logged in with a bearer token, on a punto de venta no other user of the class has.</summary>
    public async Task<Persona> PersonaAsync(string rol = "cajero", int? puntoDeVenta = null)
    {
        var pdv = puntoDeVenta ?? Interlocked.Increment(ref _puntoDeVenta);
        var name = $"{rol[..3]}{Guid.NewGuid():N}"[..14];
        var id = await App.CreateUserAsync(name, rol, CajaKit.Password, pdv);
        return new Persona(id, pdv, await App.ClientAsAsync(name, CajaKit.Password), name);
    }

    public Task<Persona> CajeroAsync(int? puntoDeVenta = null) => PersonaAsync("cajero", puntoDeVenta);
    public Task<Persona> SupervisorAsync() => PersonaAsync("supervisor");

    /// <summary>A punto de venta no user of the class has yet.</summary>
    public int FreePuntoDeVenta() => Interlocked.Increment(ref _puntoDeVenta);
}

public sealed record Persona(Guid Id, int PuntoDeVenta, HttpClient Client, string Usuario);

internal static class CajaKit
{
    public const string Password = "clave-1234";

    /// <summary>Every field of SesionCaja (API.md).</summary>
    public static readonly string[] SesionFields =
    [
        "clasificacion", "closed_at", "desvio", "desvio_pct", "estado", "id", "monto_declarado", "monto_esperado", "monto_inicial",
        "observaciones", "opened_at", "punto_de_venta", "usuario_id",
    ];

    /// <summary>Every field of Arqueo (API.md).</summary>
    public static readonly string[] ArqueoFields =
    [
        "clasificacion", "declarado", "desvio", "desvio_pct", "esperado", "estado", "monto_declarado", "monto_esperado", "sesion_caja_id",
    ];

    public static readonly string[] MetodoFields = ["credito", "debito", "efectivo", "transferencia"];

    public static Task<HttpResponseMessage> AbrirAsync(HttpClient client, decimal? montoInicial, int? puntoDeVenta = null) =>
        client.PostAsJsonAsync("/v1/caja/abrir", new { punto_de_venta = puntoDeVenta, monto_inicial = montoInicial });

    /// <summary>Opens a session on the user's own punto de venta and returns it.</summary>
    public static async Task<JsonElement> AbiertaAsync(Persona p, decimal montoInicial = 1000m) =>
        await (await AbrirAsync(p.Client, montoInicial)).ShouldBeAsync(HttpStatusCode.Created);

    public static Task<HttpResponseMessage> MovimientoAsync(HttpClient client, Guid sesionId, string tipo, decimal? monto,
        string? metodo = null, string? descripcion = "Movimiento de prueba") =>
        client.PostAsJsonAsync("/v1/caja/movimiento", new { sesion_caja_id = sesionId, tipo, metodo_pago = metodo, monto, descripcion });

    public static async Task<JsonElement> IngresoAsync(HttpClient client, Guid sesionId, decimal monto, string? metodo = null) =>
        await (await MovimientoAsync(client, sesionId, "ingreso_manual", monto, metodo)).ShouldBeAsync(HttpStatusCode.Created);

    public static async Task<JsonElement> EgresoAsync(HttpClient client, Guid sesionId, decimal monto, string? metodo = null) =>
        await (await MovimientoAsync(client, sesionId, "egreso_manual", monto, metodo)).ShouldBeAsync(HttpStatusCode.Created);

    public static Task<HttpResponseMessage> ArqueoAsync(HttpClient client, Guid sesionId, decimal efectivo, decimal debito = 0,
        decimal credito = 0, decimal transferencia = 0, string? observaciones = null) =>
        client.PostAsJsonAsync("/v1/caja/arqueo", new
        {
            sesion_caja_id = sesionId, declaracion = new { efectivo, debito, credito, transferencia }, observaciones,
        });

    public static Task<HttpResponseMessage> CerrarAsync(HttpClient client, Guid sesionId, string? observaciones, object? declaracion = null) =>
        client.PostAsJsonAsync("/v1/caja/cerrar", new { sesion_caja_id = sesionId, declaracion, observaciones });

    private static int _producto;

    /// <summary>A product (admin API) with plenty of stock; returns its barcode.</summary>
    public static async Task<string> ProductoAsync(BlendPosApp app, decimal precio)
    {
        var d = $"7796{Interlocked.Increment(ref _producto):D8}";
        var codigo = d + BlendPos.Domain.Catalogo.Gtin.ComputeCheckDigit(d);
        using var admin = await app.AdminAsync();
        await (await admin.PostAsJsonAsync("/v1/productos", new
        {
            codigo_barras = codigo, nombre = "Producto " + codigo, categoria = "Golosinas",
            precio_costo = Math.Round(precio * 0.7m, 2), precio_venta = precio, stock_actual = 1000,
        })).ShouldBeAsync(HttpStatusCode.Created);
        return codigo;
    }

    /// <summary>One sale of one unit of <paramref name="codigo"/> in the session, paid as given; returns the Venta.</summary>
    public static async Task<JsonElement> VentaAsync(HttpClient client, Guid sesionId, string codigo, params (string Metodo, decimal Monto)[] pagos) =>
        await (await client.PostAsJsonAsync("/v1/ventas", new
        {
            sesion_caja_id = sesionId, items = new[] { new { barcode = codigo, cantidad = 1 } },
            pagos = pagos.Select(p => new { metodo = p.Metodo, monto = p.Monto }).ToArray(),
        })).ShouldBeAsync(HttpStatusCode.Created);

    public static Guid Id(this JsonElement json) => json.GetProperty("id").GetGuid();

    public static decimal Dec(this JsonElement json, string property) => json.GetProperty(property).GetDecimal();

    public static string? Str(this JsonElement json, string property) => json.GetProperty(property).GetString();

    public static string[] PropertyNames(this JsonElement json) => json.EnumerateObject().Select(p => p.Name).Order().ToArray();

    public static async Task<T> WithDbAsync<T>(this BlendPosApp app, Func<BlendPosDb, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BlendPosDb>());
    }

    public static Task<SesionCaja> SesionRowAsync(this BlendPosApp app, Guid id) =>
        app.WithDbAsync(db => db.SesionesCaja.AsNoTracking().SingleAsync(s => s.Id == id));

    public static Task<List<MovimientoCaja>> MovimientoRowsAsync(this BlendPosApp app, Guid sesionId) =>
        app.WithDbAsync(db => db.MovimientosCaja.AsNoTracking().Where(m => m.SesionCajaId == sesionId).OrderBy(m => m.CreatedAt).ToListAsync());

    public static Task<List<Arqueo>> ArqueoRowsAsync(this BlendPosApp app, Guid sesionId) =>
        app.WithDbAsync(db => db.Arqueos.AsNoTracking().Where(a => a.SesionCajaId == sesionId).ToListAsync());
}
