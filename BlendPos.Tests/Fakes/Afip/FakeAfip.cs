using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlendPos.Tests.Fakes.Afip;

/// <summary>
/// An in-process AFIP for tests: WSAA (loginCms) and WSFEv1 (FEDummy, FECompUltimoAutorizado, FECAESolicitar,
/// FECompConsultar) on a real Kestrel socket, speaking the SOAP of AFIP.md and enforcing its rules. Thread-safe: two app
/// instances may call it at once. Time comes from the <see cref="TimeProvider"/> given to <see cref="StartAsync"/>
/// (share the app's fake clock when a test moves time).
/// <code>
/// await using var afip = await FakeAfip.StartAsync();
/// var (cert, key) = afip.CrearCredenciales(20111111112);
/// </code>
/// </summary>
public sealed partial class FakeAfip : IAsyncDisposable
{
    public const string RutaWsaa = "/ws/services/LoginCms";
    public const string RutaWsfe = "/wsfev1/service.asmx";

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly FakeAfipCa _ca;

    public TimeProvider Reloj { get; }
    public Uri WsaaUrl { get; private set; } = null!;
    public Uri WsfeUrl { get; private set; } = null!;

    // switches (under _gate)
    private TimeSpan _demora;
    private bool _procesarAunqueSeaLento;
    private int _cortesPendientes;
    private int _erroresPendientes;
    private int _errorStatus;
    private bool _caido;
    private HashSet<int>? _puntosDeVenta;

    /// <summary>A Factura B to an unidentified consumidor final (DocTipo 99) at or above this total is refused (10015).</summary>
    public decimal UmbralConsumidorFinal { get => Leer(() => _umbral); set => Escribir(() => _umbral = value); }
    private decimal _umbral = 10_000_000m;

    /// <summary>WSAA refuses a second login for the same certificate and service inside this window (coe.alreadyAuthenticated).</summary>
    public TimeSpan RetencionLogin { get => Leer(() => _retencion); set => Escribir(() => _retencion = value); }
    private TimeSpan _retencion = TimeSpan.FromMinutes(10);

    /// <summary>When true a missing CondicionIVAReceptorId is rejected (10246); otherwise it is observed (10245). AFIP.md ⚠.</summary>
    public bool CondicionIvaReceptorObligatoria { get => Leer(() => _condicionObligatoria); set => Escribir(() => _condicionObligatoria = value); }
    private bool _condicionObligatoria;

    private FakeAfip(WebApplication app, TimeProvider reloj)
    {
        _app = app;
        Reloj = reloj;
        _ca = new FakeAfipCa(reloj);
    }

    public static async Task<FakeAfip> StartAsync(TimeProvider? reloj = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var afip = new FakeAfip(app, reloj ?? TimeProvider.System);
        app.Use(afip.InterruptoresAsync);
        app.MapPost(RutaWsaa, afip.LoginCmsAsync);
        app.MapPost(RutaWsfe, afip.WsfeAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        afip.WsaaUrl = new Uri(address.TrimEnd('/') + RutaWsaa);
        afip.WsfeUrl = new Uri(address.TrimEnd('/') + RutaWsfe);
        return afip;
    }

    /// <summary>A certificate for <paramref name="cuit"/> signed by the fake's CA, and its private key (both PEM).</summary>
    public (byte[] CertificadoPem, byte[] ClavePrivadaPem) CrearCredenciales(long cuit) => _ca.Emitir(cuit);

    /// <summary>Like <see cref="CrearCredenciales"/> but valid only in the given period (e.g. already expired).</summary>
    public (byte[] CertificadoPem, byte[] ClavePrivadaPem) CrearCredenciales(long cuit, DateTimeOffset desde, DateTimeOffset hasta) =>
        _ca.Emitir(cuit, desde, hasta);

    /// <summary>A certificate for <paramref name="cuit"/> from some other CA: WSAA answers cms.cert.untrusted.</summary>
    public (byte[] CertificadoPem, byte[] ClavePrivadaPem) CrearCredencialesNoConfiables(long cuit)
    {
        using var otra = new FakeAfipCa(Reloj, "Otra CA");
        return otra.Emitir(cuit);
    }

    /// <summary>
    /// Every request waits <paramref name="demora"/> before it is answered (TimeSpan.Zero turns it off). By default the
    /// work is done after the wait, and not at all when the client gave up; with <paramref name="procesarIgual"/> the
    /// request is processed first (an invoice gets authorized) and only the answer is late.
    /// </summary>
    public void Lento(TimeSpan demora, bool procesarIgual = false) =>
        Escribir(() => { _demora = demora; _procesarAunqueSeaLento = procesarIgual; });

    /// <summary>The next <paramref name="veces"/> approved FECAESolicitar are stored, then the connection is dropped.</summary>
    public void CortarTrasAutorizar(int veces = 1) => Escribir(() => _cortesPendientes = veces);

    /// <summary>The next <paramref name="veces"/> WSFEv1 requests answer <paramref name="httpStatus"/> (e.g. 500/501/502) without being processed.</summary>
    public void ResponderError(int httpStatus, int veces = 1) => Escribir(() => { _errorStatus = httpStatus; _erroresPendientes = veces; });

    /// <summary>While down, both services drop every connection without answering.</summary>
    public void Caido(bool caido) => Escribir(() => _caido = caido);

    /// <summary>Only these puntos de venta are enabled for web services (10005 otherwise). Default: every valid one.</summary>
    public void HabilitarPuntosDeVenta(params int[] puntosDeVenta) => Escribir(() => _puntosDeVenta = [.. puntosDeVenta]);

    /// <summary>Every ticket issued so far expires now: the next WSFEv1 call answers Err 600.</summary>
    public void ExpirarTickets() => Escribir(() =>
    {
        var ahora = Reloj.GetUtcNow();
        foreach (var token in _tickets.Keys.ToList()) _tickets[token] = _tickets[token] with { ExpiraAt = ahora };
    });

    /// <summary>Forgets the retention window: the next login is accepted whatever came before.</summary>
    public void OlvidarLogins() => Escribir(() => _ultimoLogin.Clear());

    /// <summary>Tickets WSAA issued (successful logins).</summary>
    public int Logins => Leer(() => _logins);

    /// <summary>Every loginCms that reached WSAA, accepted or refused.</summary>
    public int IntentosLogin => Leer(() => _intentosLogin);

    /// <summary>Every comprobante authorized, in order, with its CAE.</summary>
    public IReadOnlyList<FakeComprobanteAutorizado> Autorizados => Leer(() => _autorizados.ToList());

    /// <summary>The FECAEDetRequest elements received (as sent), for assertions on the client's XML.</summary>
    public IReadOnlyList<System.Xml.Linq.XElement> DetallesRecibidos => Leer(() => _detallesRecibidos.ToList());

    /// <summary>How many requests of each WSFEv1 operation arrived («FECAESolicitar» → 3).</summary>
    public int Llamadas(string operacion) => Leer(() => _llamadas.GetValueOrDefault(operacion));

    private Task InterruptoresAsync(HttpContext http, RequestDelegate next) => InterruptoresCoreAsync(http, next);

    private async Task InterruptoresCoreAsync(HttpContext http, RequestDelegate next)
    {
        var (caido, demora, procesarIgual) = Leer(() => (_caido, _demora, _procesarAunqueSeaLento));
        if (caido)
        {
            http.Abort();
            return;
        }
        if (demora > TimeSpan.Zero && !procesarIgual)
        {
            try { await Task.Delay(demora, http.RequestAborted); }
            catch (OperationCanceledException) { return; } // the client gave up: nothing was processed
        }
        if (demora > TimeSpan.Zero && procesarIgual)
        {
            // Process into a buffer, wait, then answer (if the client is still there).
            var original = http.Response.Body;
            var buffer = new MemoryStream();
            http.Response.Body = buffer;
            await next(http);
            http.Response.Body = original;
            try { await Task.Delay(demora, http.RequestAborted); }
            catch (OperationCanceledException) { return; }
            if (http.RequestAborted.IsCancellationRequested) return;
            buffer.Position = 0;
            await buffer.CopyToAsync(original, http.RequestAborted);
            return;
        }
        await next(http);
    }

    private T Leer<T>(Func<T> read)
    {
        lock (_gate) return read();
    }

    private void Escribir(Action write)
    {
        lock (_gate) write();
    }

    /// <summary>Today in Argentina (UTC−03:00, no daylight saving) on the fake's clock.</summary>
    internal DateOnly HoyArgentina => DateOnly.FromDateTime(Reloj.GetUtcNow().ToOffset(TimeSpan.FromHours(-3)).DateTime);

    internal bool Confia(X509Certificate2 cert) => _ca.Confia(cert);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ca.Dispose();
    }
}

public sealed record FakeAlicuota(int Id, decimal BaseImp, decimal Importe);

public sealed record FakeAsociado(int Tipo, int PuntoDeVenta, long Numero, long? Cuit, DateOnly? Fecha);

/// <summary>A comprobante the fake authorized (what FECompConsultar answers for it).</summary>
public sealed record FakeComprobanteAutorizado(
    long Cuit, int PuntoDeVenta, int CbteTipo, long Numero, int Concepto, int DocTipo, long DocNro, DateOnly Fecha,
    decimal ImpTotal, decimal ImpTotConc, decimal ImpNeto, decimal ImpOpEx, decimal ImpTrib, decimal ImpIva,
    string MonId, decimal MonCotiz, int? CondicionIvaReceptorId, IReadOnlyList<FakeAlicuota> Iva,
    IReadOnlyList<FakeAsociado> Asociados, string Cae, DateOnly CaeVencimiento, DateTimeOffset AutorizadoAt);
