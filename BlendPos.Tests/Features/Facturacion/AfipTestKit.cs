using BlendPos.Tests.Fakes.Afip;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Infrastructure.Afip;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BlendPos.Tests.Features.Facturacion;

/// <summary>One app per class (its own database, a short AFIP timeout); each test starts its own fake AFIP and CUIT.</summary>
public sealed class AfipAppFixture : AppFixture
{
    public const int TimeoutSegundos = 2;

    protected override BlendPosApp CreateApp(TestDatabase db) => new(db, useRedis: false, settings: new Dictionary<string, string?>
    {
        ["AFIP_TIMEOUT_SECONDS"] = TimeoutSegundos.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public IWsfeClient Wsfe => App.Services.GetRequiredService<IWsfeClient>();
}

public static class AfipTestKit
{
    private static long _cuit = 20_300_000_000 + Random.Shared.Next(1_000_000) * 100L;

    /// <summary>A CUIT no other test uses (the ticket store is keyed by it).</summary>
    public static long NuevoCuit() => Interlocked.Increment(ref _cuit);

    public static AfipConexion Conexion(FakeAfip afip, long cuit)
    {
        var (cert, key) = afip.CrearCredenciales(cuit);
        return new AfipConexion(cuit, afip.WsaaUrl, afip.WsfeUrl, cert, key);
    }

    /// <summary>Today in Argentina (UTC−03:00), the CbteFch a kiosk sends.</summary>
    public static DateOnly Hoy => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-3));

    /// <summary>Factura B (6) to an unidentified consumidor final: $ 1.210 at 21 % and $ 552,50 at 10,5 %.</summary>
    public static AfipSolicitudCae FacturaB(long numero, int puntoDeVenta = 1) => new(
        puntoDeVenta, 6, 1, 99, 0, numero, Hoy,
        ImpTotal: 1762.50m, ImpTotConc: 0, ImpNeto: 1500m, ImpOpEx: 0, ImpTrib: 0, ImpIva: 262.50m,
        CondicionIvaReceptorId: 5,
        Iva: [new AfipAlicuota(5, 1000m, 210m), new AfipAlicuota(4, 500m, 52.50m)],
        Asociados: []);

    /// <summary>Factura C (11) from a monotributista: no VAT at all.</summary>
    public static AfipSolicitudCae FacturaC(long numero, int puntoDeVenta = 1) => new(
        puntoDeVenta, 11, 1, 99, 0, numero, Hoy, 850m, 0, 850m, 0, 0, 0, 5, [], []);

    /// <summary>Factura A (1) to a Responsable Inscripto.</summary>
    public static AfipSolicitudCae FacturaA(long numero, int puntoDeVenta = 1) => new(
        puntoDeVenta, 1, 1, 80, 30712345671, numero, Hoy, 12100m, 0, 10000m, 0, 0, 2100m, 1,
        [new AfipAlicuota(5, 10000m, 2100m)], []);

    public static async Task EjecutarAsync(TestDatabase db, string sql, params (string, object)[] parametros)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (nombre, valor) in parametros) cmd.Parameters.AddWithValue(nombre, valor);
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<T?> EscalarAsync<T>(TestDatabase db, string sql, params (string, object)[] parametros)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (nombre, valor) in parametros) cmd.Parameters.AddWithValue(nombre, valor);
        var r = await cmd.ExecuteScalarAsync();
        return r is null or DBNull ? default : (T)r;
    }
}
