using System.Globalization;

namespace BlendPos.Web.Infrastructure.Afip;

/// <summary>
/// AFIP endpoints and client settings (env <c>AFIP_*</c>). The URLs default to AFIP.md's; AFIP renames hosts
/// (arca.gov.ar) from time to time, so they are configuration, not code.
/// </summary>
public sealed class AfipOptions
{
    public const string Homologacion = "homologacion";
    public const string Produccion = "produccion";

    public Uri WsaaUrlHomologacion { get; init; } = new("https://wsaahomo.afip.gov.ar/ws/services/LoginCms");
    public Uri WsfeUrlHomologacion { get; init; } = new("https://wswhomo.afip.gov.ar/wsfev1/service.asmx");
    public Uri WsaaUrlProduccion { get; init; } = new("https://wsaa.afip.gov.ar/ws/services/LoginCms");
    public Uri WsfeUrlProduccion { get; init; } = new("https://servicios1.afip.gov.ar/wsfev1/service.asmx");

    /// <summary>Per HTTP call to WSAA or WSFEv1; past it the call is «AFIP no disponible» and the caller reconciles.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>After coe.alreadyAuthenticated with no stored ticket: how long before trying to log in again (⚠ ~10 min homologación).</summary>
    public TimeSpan RetencionWsaa { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A stored ticket is renewed when it has less than this left (one caller across instances).</summary>
    public TimeSpan RenovarAntes { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The WSAA and WSFEv1 URLs of an environment («homologacion» or «produccion»).</summary>
    public (Uri Wsaa, Uri Wsfe) Urls(string entorno) => entorno switch
    {
        Homologacion => (WsaaUrlHomologacion, WsfeUrlHomologacion),
        Produccion => (WsaaUrlProduccion, WsfeUrlProduccion),
        _ => throw new ArgumentOutOfRangeException(nameof(entorno), entorno, "Entorno AFIP desconocido."),
    };

    public static AfipOptions FromConfiguration(IConfiguration config)
    {
        var defaults = new AfipOptions();
        return new AfipOptions
        {
            WsaaUrlHomologacion = Url(config["AFIP_WSAA_URL_HOMO"]) ?? defaults.WsaaUrlHomologacion,
            WsfeUrlHomologacion = Url(config["AFIP_WSFE_URL_HOMO"]) ?? defaults.WsfeUrlHomologacion,
            WsaaUrlProduccion = Url(config["AFIP_WSAA_URL_PROD"]) ?? defaults.WsaaUrlProduccion,
            WsfeUrlProduccion = Url(config["AFIP_WSFE_URL_PROD"]) ?? defaults.WsfeUrlProduccion,
            Timeout = TimeSpan.FromSeconds(Math.Clamp(Numero(config["AFIP_TIMEOUT_SECONDS"]) ?? 20, 0.1, 300)),
            RetencionWsaa = TimeSpan.FromMinutes(Math.Clamp(Numero(config["AFIP_WSAA_RETENCION_MINUTOS"]) ?? 10, 0, 24 * 60)),
            RenovarAntes = TimeSpan.FromMinutes(Math.Clamp(Numero(config["AFIP_WSAA_RENOVAR_MINUTOS"]) ?? 10, 0, 11 * 60)),
        };
    }

    private static Uri? Url(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;

    private static double? Numero(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
}
