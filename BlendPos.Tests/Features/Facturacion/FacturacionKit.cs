using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlendPos.Domain;
using BlendPos.Domain.Facturacion;
using BlendPos.Tests.Fakes.Afip;
using BlendPos.Tests.Fakes.Smtp;
using BlendPos.Tests.Features.Caja;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Facturacion.Configuracion;
using BlendPos.Web.Features.Facturacion.Emision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlendPos.Tests.Features.Facturacion;

/// <summary>
/// A fresh database and app per class, talking to an in-process fake AFIP (homologación URLs point at it). The
/// scheduled sweep is off: tests decide when rows are swept (<see cref="FacturacionKit.BarrerAsync"/>); the queue after
/// a sale still runs, so a test waits for the row (<see cref="FacturacionKit.EsperarAsync"/>).
/// </summary>
public sealed class FacturacionFixture : CajaAppFixture, IAsyncLifetime
{
    public const long CuitEmisor = 20123456786;

    public FakeAfip Afip { get; private set; } = null!;
    public FakeSmtp Smtp { get; private set; } = null!;
    private int _pdv;

    public new async Task InitializeAsync()
    {
        Afip = await FakeAfip.StartAsync();
        Smtp = await FakeSmtp.StartAsync();
        await base.InitializeAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Afip.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    protected override BlendPosApp CreateApp(TestDatabase db) => FacturacionKit.NuevaApp(db, Afip, extra: Smtp.Settings);

    /// <summary>A punto de venta AFIP no test of the class used yet: each test's numbering starts at 1.</summary>
    public int NuevoPuntoDeVenta() => Interlocked.Increment(ref _pdv);
}

internal static class FacturacionKit
{
    public static BlendPosApp NuevaApp(TestDatabase db, FakeAfip afip, bool kestrel = false, IDictionary<string, string?>? extra = null) => new(db, kestrel: kestrel,
        settings: new Dictionary<string, string?>(extra ?? new Dictionary<string, string?>())
        {
            ["AFIP_WSAA_URL_HOMO"] = afip.WsaaUrl.ToString(),
            ["AFIP_WSFE_URL_HOMO"] = afip.WsfeUrl.ToString(),
            ["AFIP_TIMEOUT_SECONDS"] = "3",
            ["BLENDPOS_INVOICE_SWEEP"] = "false",
        },
        configure: b =>
        {
            BlendPosApp.QuickPasswordHashing(b);
            BlendPosApp.DistinctClientAddresses(b);
        });

    /// <summary>The issuer in homologación with the fake's credentials for its CUIT (the admin page's two steps).</summary>
    public static async Task ConfigurarAsync(BlendPosApp app, FakeAfip afip, CondicionIvaEmisor condicion, int puntoDeVenta,
        long cuit = FacturacionFixture.CuitEmisor, decimal umbral = 10_000_000m, ModoFacturacion modo = ModoFacturacion.Homologacion)
    {
        var (cert, key) = afip.CrearCredenciales(cuit);
        await using var scope = app.Services.CreateAsyncScope();
        var s = scope.ServiceProvider.GetRequiredService<ConfiguracionFacturacionService>();
        var admin = new Actor(Guid.NewGuid(), "admin");
        await s.GuardarCredencialesAsync(cert, key, admin);
        await s.GuardarDatosAsync(new DatosEmisorInput(modo, cuit.ToString(), "Kiosco Prueba SRL", "Av. Siempreviva 742, CABA", condicion,
            "901-123456-7", new DateOnly(2020, 3, 1), puntoDeVenta, umbral), admin);
    }

    /// <summary>
    /// Invoicing enabled with a self-signed certificate and no AFIP behind it (for tests of the sale's side only: the
    /// job's attempts fail and the rows stay pending).
    /// </summary>
    public static async Task ConfigurarSinAfipAsync(BlendPosApp app, CondicionIvaEmisor condicion = CondicionIvaEmisor.ResponsableInscripto)
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var req = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=prueba, SERIALNUMBER=CUIT 20123456786", rsa,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var cert = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        await using var scope = app.Services.CreateAsyncScope();
        var s = scope.ServiceProvider.GetRequiredService<ConfiguracionFacturacionService>();
        var admin = new Actor(Guid.NewGuid(), "admin");
        await s.GuardarCredencialesAsync(System.Text.Encoding.ASCII.GetBytes(cert.ExportCertificatePem()),
            System.Text.Encoding.ASCII.GetBytes(rsa.ExportPkcs8PrivateKeyPem()), admin);
        await s.GuardarDatosAsync(new DatosEmisorInput(ModoFacturacion.Homologacion, "20123456786", "Kiosco SRL", "Calle 1", condicion,
            null, new DateOnly(2020, 1, 1), 1, 10_000_000m), admin);
    }

    /// <summary>A user of that role logged in, on its own punto de venta (for classes without a CajaAppFixture).</summary>
    public static async Task<Persona> PersonaAsync(BlendPosApp app, string rol, int puntoDeVenta)
    {
        var name = $"{rol[..3]}{Guid.NewGuid():N}"[..14];
        var id = await app.CreateUserAsync(name, rol, CajaKit.Password, puntoDeVenta);
        return new Persona(id, puntoDeVenta, await app.ClientAsAsync(name, CajaKit.Password), name);
    }

    public static async Task<string> ProductoAsync(BlendPosApp app, decimal precio, decimal alicuota = 21m, int stock = 100)
    {
        using var admin = await app.AdminAsync();
        var codigo = Ean13();
        await (await admin.PostAsJsonAsync("/v1/productos", new
        {
            codigo_barras = codigo, nombre = $"Producto {alicuota} % {codigo[^4..]}", categoria = "Almacén",
            precio_costo = Math.Round(precio * 0.6m, 2), precio_venta = precio, stock_actual = stock, alicuota_iva = alicuota,
        })).ShouldBeAsync(HttpStatusCode.Created);
        return codigo;
    }

    /// <summary>A sale paid in cash; <paramref name="comprobante"/> as the API takes it.</summary>
    public static async Task<JsonElement> VenderAsync(Persona vendedor, Guid sesion, (string Codigo, int Cantidad)[] items, object? comprobante,
        decimal descuento = 0m)
    {
        var r = await vendedor.Client.PostAsJsonAsync("/v1/ventas", new
        {
            sesion_caja_id = sesion, items = items.Select(i => new { barcode = i.Codigo, cantidad = i.Cantidad }).ToArray(),
            descuento_total = descuento, pagos = new[] { new { metodo = "efectivo", monto = 10_000_000m } }, comprobante,
        });
        return await r.ShouldBeAsync(HttpStatusCode.Created);
    }

    public static Guid ComprobanteId(this JsonElement venta) => venta.GetProperty("comprobante").GetProperty("id").GetGuid();

    public static Task<Comprobante> FilaAsync(this BlendPosApp app, Guid id) =>
        app.WithDbAsync(db => db.Comprobantes.AsNoTracking().SingleAsync(c => c.Id == id));

    /// <summary>Polls the row until <paramref name="listo"/> holds (the queue works in the background), or fails after the timeout.</summary>
    public static async Task<Comprobante> EsperarAsync(this BlendPosApp app, Guid id, Func<Comprobante, bool> listo, int segundos = 20)
    {
        var hasta = DateTime.UtcNow.AddSeconds(segundos);
        Comprobante c;
        while (!listo(c = await app.FilaAsync(id)))
        {
            if (DateTime.UtcNow > hasta) Assert.Fail($"Comprobante {id} still {c.Estado} (error: {c.Error}) after {segundos} s. Log:\n" +
                string.Join("\n", app.Logs.Lines.Where(l => l.Contains("omprobante") || l.Contains("AFIP") || l.Contains("Afip") || l.Contains("rror")).TakeLast(30)));
            await Task.Delay(50);
        }
        return c;
    }

    public static Task<Comprobante> EmitidoAsync(this BlendPosApp app, Guid id) => app.EsperarAsync(id, c => c.Estado == EstadoComprobante.Emitido);

    /// <summary>Makes every pending row due now and runs one sweep of this app.</summary>
    public static async Task<int> BarrerAsync(this BlendPosApp app, bool vencerEsperas = true)
    {
        if (vencerEsperas)
            await app.WithDbAsync(db => db.Comprobantes.Where(c => c.Estado == EstadoComprobante.Pendiente)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ProximoIntentoAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EmisionJob>().BarrerAsync();
    }

    public static async Task ProcesarAsync(this BlendPosApp app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EmisionJob>().ProcesarAsync(id);
    }

    /// <summary>What the fake authorized with this row's number.</summary>
    public static IReadOnlyList<FakeComprobanteAutorizado> En(this FakeAfip afip, Comprobante c) =>
        afip.Autorizados.Where(a => a.PuntoDeVenta == c.PuntoDeVenta && a.CbteTipo == TipoComprobanteAfip.CbteTipo(c.Tipo) && a.Numero == c.Numero).ToList();

    public static string Ean13()
    {
        var d = "779" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString();
        var sum = d.Select((ch, i) => (ch - '0') * (i % 2 == 0 ? 1 : 3)).Sum();
        return d + (10 - sum % 10) % 10;
    }
}
