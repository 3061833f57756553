using System.Globalization;
using System.Net;
using System.Security.Cryptography.Pkcs;
using System.Text;
using System.Xml.Linq;
using BlendPos.Tests.Fakes.Afip;
using BlendPos.Web.Infrastructure.Afip;
using static BlendPos.Tests.Features.Facturacion.AfipTestKit;

namespace BlendPos.Tests.Features.Facturacion;

/// <summary>
/// The fake AFIP itself, spoken to in raw SOAP: the WSAA faults a real client must never provoke, and the WSFEv1
/// answers to malformed calls. These keep the fake honest, so the client's tests mean something.
/// </summary>
public class AfipFakeTests(AfipAppFixture fx) : IClassFixture<AfipAppFixture>
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task WSAA_checks_the_TRA_times_and_service()
    {
        await using var afip = await FakeAfip.StartAsync();
        var cred = afip.CrearCredenciales(NuevoCuit());
        var ahora = DateTimeOffset.UtcNow;

        Assert.Equal("xml.generationTime.invalid", await LoginAsync(afip, cred, Tra(ahora.AddMinutes(5), ahora.AddMinutes(20))));
        Assert.Equal("xml.generationTime.invalid", await LoginAsync(afip, cred, Tra(ahora.AddHours(-25), ahora.AddMinutes(10))));
        Assert.Equal("xml.expirationTime.expired", await LoginAsync(afip, cred, Tra(ahora.AddMinutes(-20), ahora.AddMinutes(-1))));
        Assert.Equal("xml.expirationTime.invalid", await LoginAsync(afip, cred, Tra(ahora.AddMinutes(-10), ahora.AddHours(25))));
        Assert.Equal("coe.notAuthorized", await LoginAsync(afip, cred, Tra(ahora.AddMinutes(-10), ahora.AddMinutes(10), "wsfex")));
        Assert.Equal("xml.bad", await LoginAsync(afip, cred, "<loginTicketRequest version=\"1.0\"><header/></loginTicketRequest>"));
        Assert.Equal(0, afip.Logins);

        Assert.Null(await LoginAsync(afip, cred, WsaaClient.ConstruirTra(7, ahora, "wsfe")));
        Assert.Equal("coe.alreadyAuthenticated", await LoginAsync(afip, cred, WsaaClient.ConstruirTra(8, ahora, "wsfe")));
        Assert.Equal(1, afip.Logins);
        Assert.Equal(8, afip.IntentosLogin);
    }

    [Fact]
    public async Task WSAA_refuses_a_tampered_or_detached_CMS()
    {
        await using var afip = await FakeAfip.StartAsync();
        var (certPem, keyPem) = afip.CrearCredenciales(NuevoCuit());
        using var cert = AfipCredenciales.Cargar(certPem, keyPem);
        var tra = WsaaClient.ConstruirTra(1, DateTimeOffset.UtcNow, "wsfe");

        var cms = WsaaClient.FirmarTra(tra, cert);
        var i = new ReadOnlySpan<byte>(cms).IndexOf(Encoding.UTF8.GetBytes("<service>wsfe"));
        cms[i + 9] = (byte)'W'; // the signed TRA now says «Wsfe»
        Assert.Equal("cms.sign.invalid", await LoginCmsAsync(afip, Convert.ToBase64String(cms)));

        var detached = new SignedCms(new ContentInfo(Encoding.UTF8.GetBytes(tra)), detached: true);
        detached.ComputeSignature(new CmsSigner(cert), silent: true);
        Assert.Equal("cms.bad", await LoginCmsAsync(afip, Convert.ToBase64String(detached.Encode())));
        Assert.Equal("cms.bad", await LoginCmsAsync(afip, "no es base64!"));
        Assert.Equal(0, afip.Logins);
    }

    [Fact]
    public async Task WSFEv1_answers_a_wrong_SOAPAction_with_a_500_fault_and_bad_XML_with_400()
    {
        await using var afip = await FakeAfip.StartAsync();
        var dummy = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" +
                    "<FEDummy xmlns=\"http://ar.gov.afip.dif.FEV1/\"/></soap:Body></soap:Envelope>";

        using var ok = await PostAsync(afip.WsfeUrl, dummy, "\"http://ar.gov.afip.dif.FEV1/FEDummy\"");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var accion = await PostAsync(afip.WsfeUrl, dummy, "\"http://ar.gov.afip.dif.FEV1/FECAESolicitar\"");
        Assert.Equal(HttpStatusCode.InternalServerError, accion.StatusCode);
        Assert.Contains("SOAPAction", await accion.Content.ReadAsStringAsync());
        using var roto = await PostAsync(afip.WsfeUrl, "<soap:Envelope", "\"http://ar.gov.afip.dif.FEV1/FEDummy\"");
        Assert.Equal(HttpStatusCode.BadRequest, roto.StatusCode);
    }

    [Fact]
    public async Task An_element_out_of_order_is_not_read_so_the_invoice_is_rejected()
    {
        await using var afip = await FakeAfip.StartAsync();
        var c = Conexion(afip, NuevoCuit());
        var ticket = await fx.Wsfe.AutenticarAsync(c, default);
        var req = WsfeClient.CaeRequest(FacturaB(1));
        var detalle = req.Descendants(FakeAfip.Fev1 + "FECAEDetRequest").Single();
        var total = detalle.Element(FakeAfip.Fev1 + "ImpTotal")!;
        total.Remove();
        detalle.Element(FakeAfip.Fev1 + "ImpIVA")!.AddAfterSelf(total); // ImpTotal after ImpIVA: ignored, read as 0

        var body = new XElement(FakeAfip.Fev1 + "FECAESolicitar",
            new XElement(FakeAfip.Fev1 + "Auth", new XElement(FakeAfip.Fev1 + "Token", ticket.Token),
                new XElement(FakeAfip.Fev1 + "Sign", ticket.Sign), new XElement(FakeAfip.Fev1 + "Cuit", c.Cuit)), req);
        using var response = await PostAsync(afip.WsfeUrl, Envelope(body), "\"http://ar.gov.afip.dif.FEV1/FECAESolicitar\"");
        var answer = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("R", answer.Descendants(FakeAfip.Fev1 + "Resultado").First().Value);
        Assert.Contains(answer.Descendants(FakeAfip.Fev1 + "Code"), e => e.Value == "10048");
        Assert.Empty(afip.Autorizados);
    }

    private static string Tra(DateTimeOffset generado, DateTimeOffset expira, string servicio = "wsfe") =>
        new XElement("loginTicketRequest", new XAttribute("version", "1.0"),
            new XElement("header", new XElement("uniqueId", 42),
                new XElement("generationTime", generado.ToOffset(TimeSpan.FromHours(-3)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)),
                new XElement("expirationTime", expira.ToOffset(TimeSpan.FromHours(-3)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture))),
            new XElement("service", servicio)).ToString(SaveOptions.DisableFormatting);

    private static async Task<string?> LoginAsync(FakeAfip afip, (byte[] Cert, byte[] Key) cred, string tra)
    {
        using var cert = AfipCredenciales.Cargar(cred.Cert, cred.Key);
        return await LoginCmsAsync(afip, Convert.ToBase64String(WsaaClient.FirmarTra(tra, cert)));
    }

    /// <summary>The fault code (without prefix) of a loginCms, or null when a ticket came back.</summary>
    private static async Task<string?> LoginCmsAsync(FakeAfip afip, string cmsBase64)
    {
        var body = new XElement(FakeAfip.WsaaNs + "loginCms", new XElement(FakeAfip.WsaaNs + "in0", cmsBase64));
        using var response = await PostAsync(afip.WsaaUrl, Envelope(body), "\"\"");
        var doc = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var fault = doc.Descendants("faultcode").SingleOrDefault();
        if (fault is null)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var ticket = WsaaClient.ParsearTicket(doc.Descendants(FakeAfip.WsaaNs + "loginCmsReturn").Single().Value);
            Assert.Equal(FakeAfip.DuracionTicket, ticket.ExpiraAt - ticket.GeneradoAt);
            return null;
        }
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        return fault.Value[(fault.Value.IndexOf(':') + 1)..];
    }

    private static string Envelope(XElement body) =>
        new XElement(XName.Get("Envelope", "http://schemas.xmlsoap.org/soap/envelope/"),
            new XElement(XName.Get("Body", "http://schemas.xmlsoap.org/soap/envelope/"), body)).ToString(SaveOptions.DisableFormatting);

    private static Task<HttpResponseMessage> PostAsync(Uri url, string xml, string soapAction)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(xml, Encoding.UTF8, "text/xml") };
        request.Headers.Add("SOAPAction", soapAction);
        return Http.SendAsync(request);
    }
}
