using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace BlendPos.Web.Infrastructure.Afip;

/// <summary>
/// WSFEv1 over SOAP 1.1 (HttpClient + XDocument). Signs in through <see cref="AfipTicketStore"/>; an expired or
/// refused ticket (Err 600) is dropped and the call retried once with a fresh login. Transport trouble throws
/// <see cref="AfipNoDisponibleException"/> (the caller reconciles before sending again).
/// </summary>
public sealed partial class WsfeClient(HttpClient http, AfipTicketStore tickets, ILogger<WsfeClient> log) : IWsfeClient
{
    public static readonly XNamespace Ns = "http://ar.gov.afip.dif.FEV1/";
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private const int TokenInvalido = 600;
    private const int SinResultados = 602;

    public async Task<AfipEstadoServidores> DummyAsync(AfipConexion conexion, CancellationToken ct)
    {
        var r = await EnviarAsync(conexion.WsfeUrl, "FEDummy", new XElement(Ns + "FEDummy"), ct);
        return new AfipEstadoServidores(Texto(r, "AppServer") ?? "", Texto(r, "DbServer") ?? "", Texto(r, "AuthServer") ?? "");
    }

    public Task<AfipTicket> AutenticarAsync(AfipConexion conexion, CancellationToken ct) => tickets.ObtenerAsync(conexion, ct);

    public async Task<long> UltimoAutorizadoAsync(AfipConexion conexion, int puntoDeVenta, int cbteTipo, CancellationToken ct)
    {
        var r = await ConAuthAsync(conexion, "FECompUltimoAutorizado",
            () => [new XElement(Ns + "PtoVta", puntoDeVenta), new XElement(Ns + "CbteTipo", cbteTipo)], ct);
        var errores = Errores(r);
        if (errores.Count > 0) throw ErrorDeAfip("FECompUltimoAutorizado", errores);
        return long.Parse(Texto(r, "CbteNro") ?? "0", CultureInfo.InvariantCulture);
    }

    public async Task<AfipRespuestaCae> SolicitarCaeAsync(AfipConexion conexion, AfipSolicitudCae solicitud, CancellationToken ct)
    {
        var r = await ConAuthAsync(conexion, "FECAESolicitar", () => [CaeRequest(solicitud)], ct);
        var respuesta = LeerRespuestaCae(r);
        log.LogInformation("FECAESolicitar {PtoVta}-{Tipo}-{Numero}: {Resultado} errors [{Errores}] obs [{Observaciones}]",
            solicitud.PuntoDeVenta, solicitud.CbteTipo, solicitud.Numero, respuesta.Resultado,
            string.Join(",", respuesta.Errores.Select(e => e.Codigo)), string.Join(",", respuesta.Observaciones.Select(e => e.Codigo)));
        return respuesta;
    }

    public async Task<AfipComprobanteConsultado?> ConsultarAsync(AfipConexion conexion, int puntoDeVenta, int cbteTipo, long numero,
        CancellationToken ct)
    {
        var r = await ConAuthAsync(conexion, "FECompConsultar", () =>
        [
            new XElement(Ns + "FeCompConsReq", new XElement(Ns + "CbteTipo", cbteTipo), new XElement(Ns + "CbteNro", numero),
                new XElement(Ns + "PtoVta", puntoDeVenta)),
        ], ct);
        var errores = Errores(r);
        if (errores.Any(e => e.Codigo == SinResultados)) return null;
        if (errores.Count > 0) throw ErrorDeAfip("FECompConsultar", errores);
        var get = r.Element(Ns + "ResultGet") ?? throw new AfipNoDisponibleException("AFIP respondió FECompConsultar sin ResultGet.");
        return new AfipComprobanteConsultado(
            Entero(get, "DocTipo"), Largo(get, "DocNro"), Fecha(get, "CbteFch") ?? default, Importe(get, "ImpTotal"),
            Texto(get, "Resultado") ?? "", Texto(get, "CodAutorizacion") is { Length: > 0 } cae ? cae : null, Fecha(get, "FchVto"));
    }

    /// <summary>An operation with Auth; on Err 600 the ticket is dropped, a new one obtained and the call sent once more.</summary>
    private async Task<XElement> ConAuthAsync(AfipConexion conexion, string operacion, Func<XElement[]> contenido, CancellationToken ct)
    {
        var ticket = await tickets.ObtenerAsync(conexion, ct);
        var r = await EnviarAsync(conexion.WsfeUrl, operacion, Operacion(operacion, conexion.Cuit, ticket, contenido()), ct);
        if (!Errores(r).Any(e => e.Codigo == TokenInvalido)) return r;

        log.LogWarning("WSFEv1 {Operacion} refused the ticket of CUIT {Cuit} (Err 600): logging in again", operacion, conexion.Cuit);
        ticket = await tickets.ObtenerAsync(conexion, ct, rechazado: ticket.Token);
        return await EnviarAsync(conexion.WsfeUrl, operacion, Operacion(operacion, conexion.Cuit, ticket, contenido()), ct);
    }

    private static XElement Operacion(string operacion, long cuit, AfipTicket ticket, XElement[] contenido) =>
        new(Ns + operacion,
            new XElement(Ns + "Auth", new XElement(Ns + "Token", ticket.Token), new XElement(Ns + "Sign", ticket.Sign),
                new XElement(Ns + "Cuit", cuit)),
            contenido);

    /// <summary>POSTs the envelope and returns {Operation}Result; transport trouble and non-200 answers are «no disponible».</summary>
    private async Task<XElement> EnviarAsync(Uri url, string operacion, XElement cuerpo, CancellationToken ct)
    {
        var envelope = new XElement(Soap + "Envelope", new XAttribute(XNamespace.Xmlns + "soap", Soap),
            new XElement(Soap + "Body", cuerpo));
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(envelope.ToString(SaveOptions.DisableFormatting), Encoding.UTF8, "text/xml"),
        };
        request.Headers.Add("SOAPAction", $"\"{Ns.NamespaceName}{operacion}\"");
        HttpStatusCode status;
        string body;
        try
        {
            using var response = await http.SendAsync(request, ct);
            status = response.StatusCode;
            body = await response.Content.ReadAsStringAsync(ct);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            var timeout = e is TaskCanceledException;
            log.LogWarning("WSFEv1 {Operacion} failed in transport: {Error}", operacion, timeout ? "timeout" : e.GetType().Name);
            throw new AfipNoDisponibleException(timeout
                ? $"AFIP no respondió a tiempo ({operacion})." : $"Se cortó la conexión con AFIP ({operacion}).", e);
        }
        if (status != HttpStatusCode.OK)
        {
            log.LogWarning("WSFEv1 {Operacion} answered HTTP {Status}", operacion, (int)status);
            throw new AfipNoDisponibleException($"AFIP respondió HTTP {(int)status} a {operacion}.");
        }
        try
        {
            return XDocument.Parse(body).Descendants(Ns + operacion + "Result").FirstOrDefault()
                   ?? throw new AfipNoDisponibleException($"AFIP respondió {operacion} sin {operacion}Result.");
        }
        catch (XmlException e)
        {
            throw new AfipNoDisponibleException($"AFIP respondió {operacion} con un XML ilegible.", e);
        }
    }

    private static AfipNoDisponibleException ErrorDeAfip(string operacion, IReadOnlyList<AfipMensaje> errores) =>
        new($"AFIP rechazó {operacion}: " + string.Join("; ", errores.Select(e => $"{e.Codigo} {e.Mensaje}")),
            new AfipErroresException(errores));
}

/// <summary>The Errors/Err list of an answer that has no result to give (inner exception of «no disponible»).</summary>
public sealed class AfipErroresException(IReadOnlyList<AfipMensaje> errores)
    : Exception(string.Join("; ", errores.Select(e => $"{e.Codigo} {e.Mensaje}")))
{
    public IReadOnlyList<AfipMensaje> Errores { get; } = errores;
}
