using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace BlendPos.Tests.Fakes.Afip;

/// <summary>WSFEv1 (ASMX, SOAP 1.1): FEDummy, FECompUltimoAutorizado, FECAESolicitar, FECompConsultar.</summary>
public sealed partial class FakeAfip
{
    public static readonly XNamespace Fev1 = "http://ar.gov.afip.dif.FEV1/";
    private static readonly HashSet<int> TiposValidos = [1, 2, 3, 6, 7, 8, 11, 12, 13];

    private readonly List<FakeComprobanteAutorizado> _autorizados = [];
    private readonly List<XElement> _detallesRecibidos = [];
    private readonly Dictionary<string, int> _llamadas = new(StringComparer.Ordinal);
    private long _siguienteCae = 70_000_000_000_000 + RandomNumberGenerator.GetInt32(1_000_000_000) * 1_000L;

    private async Task WsfeAsync(HttpContext http)
    {
        var doc = await FakeSoap.LeerAsync(http.Request);
        var op = doc is null ? null : FakeSoap.Operacion(doc);
        int? error = null;
        lock (_gate)
        {
            if (op is not null) _llamadas[op.Name.LocalName] = _llamadas.GetValueOrDefault(op.Name.LocalName) + 1;
            if (_erroresPendientes > 0)
            {
                _erroresPendientes--;
                error = _errorStatus;
            }
        }
        if (error is { } status)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = "text/html";
            await http.Response.WriteAsync($"<html><body><h1>{status}</h1>Servicio no disponible</body></html>", http.RequestAborted);
            return;
        }
        if (doc is null)
        {
            await FakeSoap.FaultAsync(http, "soap:Client", "Hay un error en el documento XML.", 400);
            return;
        }
        var soapAction = http.Request.Headers["SOAPAction"].ToString().Trim('"');
        if (op is null || op.Name.Namespace != Fev1 || soapAction != Fev1.NamespaceName + op.Name.LocalName)
        {
            await FakeSoap.FaultAsync(http, "soap:Client",
                $"El servidor no reconoció el valor del encabezado HTTP SOAPAction: {soapAction}.");
            return;
        }
        var nombre = op.Name.LocalName;
        XElement? resultado = nombre switch
        {
            "FEDummy" => new XElement(Fev1 + "FEDummyResult",
                new XElement(Fev1 + "AppServer", "OK"), new XElement(Fev1 + "DbServer", "OK"), new XElement(Fev1 + "AuthServer", "OK")),
            "FECompUltimoAutorizado" => UltimoAutorizado(op),
            "FECAESolicitar" => Solicitar(op, out _),
            "FECompConsultar" => Consultar(op),
            _ => null,
        };
        if (resultado is null)
        {
            await FakeSoap.FaultAsync(http, "soap:Client", $"El servidor no reconoció el valor del encabezado HTTP SOAPAction: {soapAction}.");
            return;
        }
        var autorizoAlgo = nombre == "FECAESolicitar" && resultado.Descendants(Fev1 + "CAE").Any(c => c.Value.Length == 14);
        if (autorizoAlgo && Leer(() => _cortesPendientes > 0 && _cortesPendientes-- > 0))
        {
            http.Abort(); // stored, but the client never hears of it
            return;
        }
        await FakeSoap.EscribirAsync(http, new XElement(Fev1 + nombre + "Response", resultado));
    }

    private (int Codigo, string Mensaje)? Auth(XElement op, out long cuit)
    {
        var auth = op.Element(Fev1 + "Auth");
        var cuitTexto = FakeSoap.Texto(auth, Fev1, "Cuit");
        long.TryParse(cuitTexto, out cuit);
        return ValidarAuth(FakeSoap.Texto(auth, Fev1, "Token"), FakeSoap.Texto(auth, Fev1, "Sign"), cuitTexto);
    }

    private static XElement Errores(IEnumerable<(int Codigo, string Mensaje)> errores) =>
        new(Fev1 + "Errors", errores.Select(e => new XElement(Fev1 + "Err",
            new XElement(Fev1 + "Code", e.Codigo), new XElement(Fev1 + "Msg", e.Mensaje))));

    private XElement UltimoAutorizado(XElement op)
    {
        var ptoVta = Entero(op.Element(Fev1 + "PtoVta"));
        var tipo = Entero(op.Element(Fev1 + "CbteTipo"));
        var result = new XElement(Fev1 + "FECompUltimoAutorizadoResult",
            new XElement(Fev1 + "PtoVta", ptoVta), new XElement(Fev1 + "CbteTipo", tipo));
        if (Auth(op, out var cuit) is { } authError)
        {
            result.Add(new XElement(Fev1 + "CbteNro", 0), Errores([authError]));
            return result;
        }
        if (!TiposValidos.Contains(tipo))
        {
            result.Add(new XElement(Fev1 + "CbteNro", 0), Errores([(10006, "El campo CbteTipo no es un tipo de comprobante valido.")]));
            return result;
        }
        long ultimo;
        lock (_gate) ultimo = Ultimo(cuit, ptoVta, tipo)?.Numero ?? 0;
        result.Add(new XElement(Fev1 + "CbteNro", ultimo));
        return result;
    }

    private XElement Consultar(XElement op)
    {
        var req = op.Element(Fev1 + "FeCompConsReq");
        var tipo = Entero(req?.Element(Fev1 + "CbteTipo"));
        var numero = (long)Decimal(req?.Element(Fev1 + "CbteNro"));
        var ptoVta = Entero(req?.Element(Fev1 + "PtoVta"));
        var result = new XElement(Fev1 + "FECompConsultarResult");
        if (Auth(op, out var cuit) is { } authError)
        {
            result.Add(Errores([authError]));
            return result;
        }
        FakeComprobanteAutorizado? c;
        lock (_gate)
            c = _autorizados.FirstOrDefault(a => a.Cuit == cuit && a.PuntoDeVenta == ptoVta && a.CbteTipo == tipo && a.Numero == numero);
        if (c is null)
        {
            result.Add(Errores([(602, "No existen datos en nuestros registros para los parametros ingresados.")]));
            return result;
        }
        var get = new XElement(Fev1 + "ResultGet",
            E("Concepto", c.Concepto), E("DocTipo", c.DocTipo), E("DocNro", c.DocNro), E("CbteDesde", c.Numero),
            E("CbteHasta", c.Numero), E("CbteFch", c.Fecha.ToString("yyyyMMdd", CultureInfo.InvariantCulture)),
            E("ImpTotal", c.ImpTotal), E("ImpTotConc", c.ImpTotConc), E("ImpNeto", c.ImpNeto), E("ImpOpEx", c.ImpOpEx),
            E("ImpTrib", c.ImpTrib), E("ImpIVA", c.ImpIva), E("FchServDesde", ""), E("FchServHasta", ""), E("FchVtoPago", ""),
            E("MonId", c.MonId), E("MonCotiz", c.MonCotiz));
        if (c.CondicionIvaReceptorId is { } cond) get.Add(E("CondicionIVAReceptorId", cond));
        if (c.Asociados.Count > 0)
            get.Add(new XElement(Fev1 + "CbtesAsoc", c.Asociados.Select(a => new XElement(Fev1 + "CbteAsoc",
                E("Tipo", a.Tipo), E("PtoVta", a.PuntoDeVenta), E("Nro", a.Numero)))));
        if (c.Iva.Count > 0)
            get.Add(new XElement(Fev1 + "Iva", c.Iva.Select(i => new XElement(Fev1 + "AlicIva",
                E("Id", i.Id), E("BaseImp", i.BaseImp), E("Importe", i.Importe)))));
        get.Add(E("Resultado", "A"), E("CodAutorizacion", c.Cae), E("EmisionTipo", "CAE"),
            E("FchVto", c.CaeVencimiento.ToString("yyyyMMdd", CultureInfo.InvariantCulture)),
            E("FchProceso", c.AutorizadoAt.ToOffset(TimeSpan.FromHours(-3)).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)),
            E("PtoVta", c.PuntoDeVenta), E("CbteTipo", c.CbteTipo));
        result.Add(get);
        return result;
    }

    internal static XElement E(string name, object value) => new(Fev1 + name, value switch
    {
        decimal d => d.ToString("0.00", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    });

    internal static int Entero(XElement? e) => int.TryParse(e?.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;

    internal static decimal Decimal(XElement? e) =>
        decimal.TryParse(e?.Value.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : 0m;

    /// <summary>The last authorized comprobante of (CUIT, PtoVta, CbteTipo); call under _gate.</summary>
    private FakeComprobanteAutorizado? Ultimo(long cuit, int ptoVta, int tipo) =>
        _autorizados.LastOrDefault(a => a.Cuit == cuit && a.PuntoDeVenta == ptoVta && a.CbteTipo == tipo);
}
