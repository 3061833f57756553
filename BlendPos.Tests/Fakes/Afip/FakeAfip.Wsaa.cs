using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace BlendPos.Tests.Fakes.Afip;

/// <summary>WSAA loginCms: verifies the CMS against the fake's CA, checks the TRA and issues a 12-hour ticket.</summary>
public sealed partial class FakeAfip
{
    public static readonly XNamespace WsaaNs = "http://wsaa.view.sua.dvadac.desein.afip.gov";
    public static readonly TimeSpan DuracionTicket = TimeSpan.FromHours(12);

    internal sealed record TicketEmitido(string Token, string Sign, long Cuit, string Servicio, DateTimeOffset ExpiraAt);

    private readonly Dictionary<string, TicketEmitido> _tickets = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Huella, string Servicio), DateTimeOffset> _ultimoLogin = new();
    private int _logins;
    private int _intentosLogin;

    private async Task LoginCmsAsync(HttpContext http)
    {
        Escribir(() => _intentosLogin++);
        if (!http.Request.Headers.ContainsKey("SOAPAction"))
        {
            await FakeSoap.FaultAsync(http, "ns1:Client.NoSOAPAction", "no SOAPAction header!");
            return;
        }
        var doc = await FakeSoap.LeerAsync(http.Request);
        var in0 = doc is null ? null : FakeSoap.Operacion(doc) is { } op && op.Name == WsaaNs + "loginCms"
            ? op.Elements().FirstOrDefault(e => e.Name.LocalName == "in0")
            : null;
        if (in0 is null)
        {
            await FakeSoap.FaultAsync(http, "ns1:Client", "No such operation or malformed request");
            return;
        }

        var (fault, mensaje, ticket) = Autenticar(in0.Value.Trim());
        if (fault is not null)
        {
            await FakeSoap.FaultAsync(http, "ns1:" + fault, mensaje!);
            return;
        }
        await FakeSoap.EscribirAsync(http, new XElement(WsaaNs + "loginCmsResponse",
            new XElement(WsaaNs + "loginCmsReturn", ticket))); // XElement escapes the XML: AFIP sends it as a string
    }

    private (string? Fault, string? Mensaje, string? Ticket) Autenticar(string base64)
    {
        var ahora = Reloj.GetUtcNow();
        SignedCms cms = new();
        try
        {
            cms.Decode(Convert.FromBase64String(base64));
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return ("cms.bad", "El CMS no es valido", null);
        }
        if (cms.Detached || cms.ContentInfo.Content.Length == 0)
            return ("cms.bad", "El CMS no contiene el TRA (contenido no adjunto)", null);
        if (cms.SignerInfos.Count != 1 || cms.SignerInfos[0].Certificate is not { } cert)
            return ("cms.cert.notFound", "No se encontro el certificado del firmante en el CMS", null);
        try
        {
            cms.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException)
        {
            return ("cms.sign.invalid", "Firma inválida o algoritmo no soportado", null);
        }
        if (cert.NotAfter.ToUniversalTime() < ahora.UtcDateTime || cert.NotBefore.ToUniversalTime() > ahora.UtcDateTime)
            return ("cms.cert.expired", "Certificado expirado", null);
        if (!Confia(cert))
            return ("cms.cert.untrusted", "Certificado no emitido por AC de confianza", null);
        if (FakeAfipCa.CuitDe(cert) is not { } cuit)
            return ("cms.cert.invalid", "El certificado no contiene un CUIT", null);

        XElement tra;
        try
        {
            tra = XDocument.Parse(Encoding.UTF8.GetString(cms.ContentInfo.Content)).Root!;
        }
        catch (XmlException)
        {
            return ("xml.bad", "El TRA no es un XML valido", null);
        }
        var header = tra.Name == "loginTicketRequest" ? tra.Element("header") : null;
        var servicio = tra.Element("service")?.Value.Trim();
        if (header is null || string.IsNullOrEmpty(servicio) || !uint.TryParse(header.Element("uniqueId")?.Value, out _))
            return ("xml.bad", "No se pudo interpretar el XML del TRA (loginTicketRequest)", null);
        if (!DateTimeOffset.TryParse(header.Element("generationTime")?.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var generado)
            || generado > ahora || generado < ahora.AddHours(-24))
            return ("xml.generationTime.invalid", "generationTime posee formato o dato inválido", null);
        if (!DateTimeOffset.TryParse(header.Element("expirationTime")?.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var expira))
            return ("xml.expirationTime.invalid", "expirationTime posee formato o dato inválido", null);
        if (expira < ahora)
            return ("xml.expirationTime.expired", "expirationTime ha expirado", null);
        if (expira > ahora.AddHours(24) || expira <= generado)
            return ("xml.expirationTime.invalid", "expirationTime posee formato o dato inválido", null);
        if (servicio != "wsfe")
            return ("coe.notAuthorized", "Computador no autorizado a acceder al servicio", null);

        var huella = cert.GetCertHashString(HashAlgorithmName.SHA256);
        lock (_gate)
        {
            if (_ultimoLogin.TryGetValue((huella, servicio), out var ultimo) && ahora - ultimo < _retencion)
                return ("coe.alreadyAuthenticated", "El CEE ya posee un TA valido para el acceso al WSN solicitado", null);
            _ultimoLogin[(huella, servicio)] = ahora;
            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(96));
            var sign = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            var ticket = new TicketEmitido(token, sign, cuit, servicio, ahora + DuracionTicket);
            _tickets[token] = ticket;
            _logins++;
            return (null, null, TicketXml(ticket, cert.Subject, ahora));
        }
    }

    private static string TicketXml(TicketEmitido ticket, string destino, DateTimeOffset generado)
    {
        var ar = TimeSpan.FromHours(-3);
        var doc = new XDocument(new XDeclaration("1.0", "UTF-8", "yes"),
            new XElement("loginTicketResponse", new XAttribute("version", "1.0"),
                new XElement("header",
                    new XElement("source", "CN=wsaahomo, O=AFIP, C=AR, SERIALNUMBER=CUIT 33693450239"),
                    new XElement("destination", destino),
                    new XElement("uniqueId", RandomNumberGenerator.GetInt32(int.MaxValue)),
                    new XElement("generationTime", generado.ToOffset(ar).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture)),
                    new XElement("expirationTime", ticket.ExpiraAt.ToOffset(ar).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture))),
                new XElement("credentials",
                    new XElement("token", ticket.Token),
                    new XElement("sign", ticket.Sign))));
        return doc.Declaration + "\n" + doc.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>Auth of a WSFEv1 request: null when valid, else (600|601, message).</summary>
    internal (int Codigo, string Mensaje)? ValidarAuth(string? token, string? sign, string? cuitTexto)
    {
        lock (_gate)
        {
            if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(sign) || !_tickets.TryGetValue(token, out var ticket) || ticket.Sign != sign)
                return (600, "ValidacionDeToken: No validaron las firmas digitales");
            if (ticket.ExpiraAt <= Reloj.GetUtcNow())
                return (600, "ValidacionDeToken: expiro el token");
            if (!long.TryParse(cuitTexto, out var cuit) || cuit != ticket.Cuit)
                return (601, "CUIT representada no incluida en Token");
            return null;
        }
    }
}
