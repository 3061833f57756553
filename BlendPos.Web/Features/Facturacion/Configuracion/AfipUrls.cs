using BlendPos.Domain;

namespace BlendPos.Web.Features.Facturacion.Configuracion;

/// <summary>
/// The AFIP service URLs per mode (AFIP.md; env <c>AFIP_WSAA_URL_HOMO</c>, <c>AFIP_WSFE_URL_HOMO</c>,
/// <c>AFIP_WSAA_URL_PROD</c>, <c>AFIP_WSFE_URL_PROD</c>). Tests point them at the fake.
/// </summary>
public sealed record AfipUrls(Uri WsaaHomologacion, Uri WsfeHomologacion, Uri WsaaProduccion, Uri WsfeProduccion)
{
    public static AfipUrls FromConfiguration(IConfiguration c) => new(
        new Uri(c["AFIP_WSAA_URL_HOMO"] ?? "https://wsaahomo.afip.gov.ar/ws/services/LoginCms"),
        new Uri(c["AFIP_WSFE_URL_HOMO"] ?? "https://wswhomo.afip.gov.ar/wsfev1/service.asmx"),
        new Uri(c["AFIP_WSAA_URL_PROD"] ?? "https://wsaa.afip.gov.ar/ws/services/LoginCms"),
        new Uri(c["AFIP_WSFE_URL_PROD"] ?? "https://servicios1.afip.gov.ar/wsfev1/service.asmx"));

    public (Uri Wsaa, Uri Wsfe) Para(ModoFacturacion modo) =>
        modo == ModoFacturacion.Produccion ? (WsaaProduccion, WsfeProduccion) : (WsaaHomologacion, WsfeHomologacion);
}
