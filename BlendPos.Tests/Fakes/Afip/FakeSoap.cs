using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace BlendPos.Tests.Fakes.Afip;

/// <summary>SOAP 1.1 envelopes as AFIP's servers write them (Axis for WSAA, ASMX for WSFEv1).</summary>
internal static class FakeSoap
{
    public static readonly XNamespace Envelope = "http://schemas.xmlsoap.org/soap/envelope/";

    /// <summary>The first element inside Body, or null when the request is not a SOAP envelope.</summary>
    public static XElement? Operacion(XDocument doc) =>
        doc.Root is { } root && root.Name == Envelope + "Envelope"
            ? root.Element(Envelope + "Body")?.Elements().FirstOrDefault()
            : null;

    public static async Task<XDocument?> LeerAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        try
        {
            return XDocument.Parse(text);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    public static Task EscribirAsync(HttpContext http, XElement cuerpo, int status = 200)
    {
        var doc = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(Envelope + "Envelope",
                new XAttribute(XNamespace.Xmlns + "soap", Envelope.NamespaceName),
                new XElement(Envelope + "Body", cuerpo)));
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/xml; charset=utf-8";
        return http.Response.WriteAsync(doc.Declaration + doc.ToString(SaveOptions.DisableFormatting), http.RequestAborted);
    }

    /// <summary>A SOAP fault (HTTP 500, or 400 for malformed XML as ASMX answers).</summary>
    public static Task FaultAsync(HttpContext http, string faultcode, string faultstring, int status = 500)
    {
        XNamespace axis = "http://xml.apache.org/axis/";
        return EscribirAsync(http, new XElement(Envelope + "Fault",
            new XElement("faultcode", new XAttribute(XNamespace.Xmlns + "ns1", axis.NamespaceName), faultcode),
            new XElement("faultstring", faultstring),
            new XElement("detail", new XElement(axis + "hostname", "fake-afip"))), status);
    }

    public static string? Texto(XElement? parent, XNamespace ns, string name) => parent?.Element(ns + name)?.Value.Trim();
}
