using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using BlendPos.Tests.Fakes.Afip;
using BlendPos.Web.Infrastructure.Afip;

namespace BlendPos.Tests.Features.Facturacion;

/// <summary>The WSAA pieces that need no server: the TRA, its CMS signature, the escaped ticket.</summary>
public class AfipWsaaUnitTests
{
    [Fact]
    public void The_TRA_has_AFIPs_shape_and_a_20_minute_window_in_Argentina_time()
    {
        var ahora = new DateTimeOffset(2026, 12, 7, 23, 55, 0, TimeSpan.Zero);
        var tra = WsaaClient.ConstruirTra(4_000_000_000, ahora, "wsfe");

        Assert.Equal("<loginTicketRequest version=\"1.0\"><header><uniqueId>4000000000</uniqueId>" +
                     "<generationTime>2026-12-07T20:45:00-03:00</generationTime>" +
                     "<expirationTime>2026-12-07T21:05:00-03:00</expirationTime></header>" +
                     "<service>wsfe</service></loginTicketRequest>", tra);
        var header = XDocument.Parse(tra).Root!.Element("header")!;
        Assert.Equal(ahora.AddMinutes(-10), DateTimeOffset.Parse(header.Element("generationTime")!.Value));
        Assert.Equal(ahora.AddMinutes(10), DateTimeOffset.Parse(header.Element("expirationTime")!.Value));
    }

    [Fact]
    public void The_CMS_is_attached_SHA256_and_carries_only_the_signer_certificate()
    {
        using var ca = new FakeAfipCa(TimeProvider.System);
        var (certPem, keyPem) = ca.Emitir(20111111112);
        using var cert = AfipCredenciales.Cargar(certPem, keyPem);
        var tra = WsaaClient.ConstruirTra(1, DateTimeOffset.UtcNow, "wsfe");

        var cms = new SignedCms();
        cms.Decode(WsaaClient.FirmarTra(tra, cert));
        cms.CheckSignature(verifySignatureOnly: true);

        Assert.False(cms.Detached);
        Assert.Equal(tra, Encoding.UTF8.GetString(cms.ContentInfo.Content));
        Assert.Equal(cert.Thumbprint, Assert.Single(cms.Certificates).Thumbprint);
        Assert.True(cms.SignerInfos.Count == 1, "one signer");
        Assert.Equal("2.16.840.1.101.3.4.2.1", cms.SignerInfos[0].DigestAlgorithm.Value);
        Assert.Equal(20111111112, FakeAfipCa.CuitDe(cms.SignerInfos[0].Certificate!));
    }

    [Fact]
    public void A_DER_certificate_with_a_PEM_key_loads_too()
    {
        using var ca = new FakeAfipCa(TimeProvider.System);
        var (certPem, keyPem) = ca.Emitir(20111111112);
        using var pem = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(certPem));
        using var der = AfipCredenciales.Cargar(pem.RawData, keyPem);
        Assert.True(der.HasPrivateKey);
        Assert.Throws<AfipNoDisponibleException>(() => AfipCredenciales.Cargar(certPem, Encoding.ASCII.GetBytes("no es una clave")));
    }

    [Fact]
    public void The_escaped_ticket_inside_loginCmsReturn_is_parsed()
    {
        // As WSAA answers: the loginTicketResponse travels as escaped text, not as XML elements.
        const string soap = """
            <?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><loginCmsResponse xmlns="http://wsaa.view.sua.dvadac.desein.afip.gov"><loginCmsReturn>&lt;?xml version="1.0" encoding="UTF-8" standalone="yes"?&gt;
            &lt;loginTicketResponse version="1.0"&gt;
                &lt;header&gt;
                    &lt;source&gt;CN=wsaahomo, O=AFIP, C=AR, SERIALNUMBER=CUIT 33693450239&lt;/source&gt;
                    &lt;destination&gt;SERIALNUMBER=CUIT 20111111112, CN=blendpos&lt;/destination&gt;
                    &lt;uniqueId&gt;1187437325&lt;/uniqueId&gt;
                    &lt;generationTime&gt;2026-12-07T20:45:01.123-03:00&lt;/generationTime&gt;
                    &lt;expirationTime&gt;2026-12-08T08:45:01.123-03:00&lt;/expirationTime&gt;
                &lt;/header&gt;
                &lt;credentials&gt;
                    &lt;token&gt;PD94bWwgdmVyc2lvbj0iMS4wIj8+&lt;/token&gt;
                    &lt;sign&gt;c2lnbg==&lt;/sign&gt;
                &lt;/credentials&gt;
            &lt;/loginTicketResponse&gt;
            </loginCmsReturn></loginCmsResponse></soapenv:Body></soapenv:Envelope>
            """;
        var ret = XDocument.Parse(soap).Descendants(WsaaClient.Ns + "loginCmsReturn").Single().Value;

        var ticket = WsaaClient.ParsearTicket(ret);

        Assert.Equal("PD94bWwgdmVyc2lvbj0iMS4wIj8+", ticket.Token);
        Assert.Equal("c2lnbg==", ticket.Sign);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 11, 45, 1, 123, TimeSpan.Zero), ticket.ExpiraAt);
        Assert.Equal(TimeSpan.FromHours(12), ticket.ExpiraAt - ticket.GeneradoAt);
    }

    [Fact]
    public void A_ticket_without_token_is_refused()
    {
        Assert.Throws<AfipNoDisponibleException>(() => WsaaClient.ParsearTicket(
            "<loginTicketResponse><header><expirationTime>2026-12-08T08:45:01-03:00</expirationTime></header><credentials/></loginTicketResponse>"));
        Assert.Throws<AfipNoDisponibleException>(() => WsaaClient.ParsearTicket("no es xml"));
    }
}
