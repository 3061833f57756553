using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace BlendPos.Web.Infrastructure.Afip;

/// <summary>
/// WSAA loginCms (AFIP.md): a ticket request (TRA) signed as CMS SignedData with the issuer's certificate, answered
/// with an access ticket (token + sign, 12 h). Callers go through <see cref="AfipTicketStore"/>, which keeps the ticket
/// in the database: a second login inside AFIP's retention window is refused.
/// </summary>
public sealed class WsaaClient(HttpClient http, TimeProvider reloj, ILogger<WsaaClient> log)
{
    public static readonly XNamespace Ns = "http://wsaa.view.sua.dvadac.desein.afip.gov";
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    /// <summary>AFIP's examples and servers use Argentina's offset; the TRA carries it explicitly.</summary>
    public static readonly TimeSpan OffsetArgentina = TimeSpan.FromHours(-3);

    public async Task<AfipTicket> LoginAsync(AfipConexion conexion, string servicio, CancellationToken ct)
    {
        var ahora = reloj.GetUtcNow();
        var tra = ConstruirTra(RandomNumberGenerator.GetInt32(1, int.MaxValue), ahora, servicio);
        byte[] cms;
        using (var certificado = AfipCredenciales.Cargar(conexion.CertificadoPfxOPem, conexion.ClavePrivadaPem))
            cms = FirmarTra(tra, certificado);

        var envelope = new XDocument(new XElement(Soap + "Envelope", new XAttribute(XNamespace.Xmlns + "soapenv", Soap),
            new XElement(Soap + "Header"),
            new XElement(Soap + "Body", new XElement(Ns + "loginCms", new XElement(Ns + "in0", Convert.ToBase64String(cms))))));
        using var request = new HttpRequestMessage(HttpMethod.Post, conexion.WsaaUrl)
        {
            Content = new StringContent(envelope.ToString(SaveOptions.DisableFormatting), Encoding.UTF8, "text/xml"),
        };
        request.Headers.Add("SOAPAction", "\"\""); // must be present; WSAA does not check its value

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
            log.LogWarning("WSAA loginCms for CUIT {Cuit} failed in transport: {Error}", conexion.Cuit, e.GetType().Name);
            throw new AfipNoDisponibleException(e is TaskCanceledException
                ? "AFIP (WSAA) no respondió a tiempo." : "No se pudo conectar con AFIP (WSAA).", e);
        }

        XDocument doc;
        try
        {
            doc = XDocument.Parse(body);
        }
        catch (XmlException e)
        {
            throw new AfipNoDisponibleException($"AFIP (WSAA) respondió HTTP {(int)status} con un contenido ilegible.", e);
        }
        var fault = doc.Descendants(Soap + "Fault").FirstOrDefault();
        if (fault is not null)
        {
            var codigo = fault.Element("faultcode")?.Value ?? "";
            codigo = codigo[(codigo.IndexOf(':') + 1)..];
            var mensaje = fault.Element("faultstring")?.Value ?? "";
            log.LogWarning("WSAA loginCms for CUIT {Cuit} refused: {Fault} {Mensaje}", conexion.Cuit, codigo, mensaje);
            throw new WsaaFaultException(codigo, mensaje);
        }
        if (status != HttpStatusCode.OK || doc.Descendants(Ns + "loginCmsReturn").FirstOrDefault() is not { } ret)
            throw new AfipNoDisponibleException($"AFIP (WSAA) respondió HTTP {(int)status} sin ticket de acceso.");
        var ticket = ParsearTicket(ret.Value);
        log.LogInformation("WSAA ticket for CUIT {Cuit} service {Servicio} obtained, expires {ExpiraAt:o}", conexion.Cuit, servicio, ticket.ExpiraAt);
        return ticket;
    }

    /// <summary>The loginTicketRequest: valid from 10 minutes ago (clock skew) to 10 minutes ahead, Argentina offset.</summary>
    public static string ConstruirTra(long uniqueId, DateTimeOffset ahora, string servicio)
    {
        var local = ahora.ToOffset(OffsetArgentina);
        var tra = new XElement("loginTicketRequest", new XAttribute("version", "1.0"),
            new XElement("header",
                new XElement("uniqueId", uniqueId.ToString(CultureInfo.InvariantCulture)),
                new XElement("generationTime", Fecha(local.AddMinutes(-10))),
                new XElement("expirationTime", Fecha(local.AddMinutes(10)))),
            new XElement("service", servicio));
        return tra.ToString(SaveOptions.DisableFormatting);

        static string Fecha(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    /// <summary>CMS SignedData, content attached, signer certificate included (end certificate only), SHA-256.</summary>
    public static byte[] FirmarTra(string tra, X509Certificate2 certificado)
    {
        var cms = new SignedCms(new ContentInfo(Encoding.UTF8.GetBytes(tra)), detached: false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificado)
        {
            IncludeOption = X509IncludeOption.EndCertOnly,
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), // SHA-256
        };
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }

    /// <summary>loginCmsReturn's text: a loginTicketResponse document (AFIP sends it escaped inside the SOAP answer).</summary>
    public static AfipTicket ParsearTicket(string loginTicketResponse)
    {
        try
        {
            var root = XDocument.Parse(loginTicketResponse.Trim()).Root;
            var header = root?.Element("header");
            var credentials = root?.Element("credentials");
            var token = credentials?.Element("token")?.Value.Trim();
            var sign = credentials?.Element("sign")?.Value.Trim();
            if (root?.Name != "loginTicketResponse" || string.IsNullOrEmpty(token) || string.IsNullOrEmpty(sign)
                || header?.Element("expirationTime")?.Value is not { } expira)
                throw new AfipNoDisponibleException("El ticket de acceso de AFIP (WSAA) no tiene token, sign o vencimiento.");
            var generado = header.Element("generationTime")?.Value;
            var expiraAt = DateTimeOffset.Parse(expira, CultureInfo.InvariantCulture);
            return new AfipTicket(token, sign,
                generado is null ? expiraAt.AddHours(-12) : DateTimeOffset.Parse(generado, CultureInfo.InvariantCulture), expiraAt);
        }
        catch (Exception e) when (e is XmlException or FormatException)
        {
            throw new AfipNoDisponibleException("El ticket de acceso de AFIP (WSAA) es ilegible.", e);
        }
    }
}

/// <summary>A WSAA SOAP fault: <see cref="Codigo"/> without its namespace prefix (coe.alreadyAuthenticated, cms.cert.untrusted…).</summary>
public sealed class WsaaFaultException(string codigo, string mensaje) : Exception($"WSAA {codigo}: {mensaje}")
{
    public string Codigo { get; } = codigo;
    public string Mensaje { get; } = mensaje;
}
