using System.Globalization;
using System.Xml.Linq;

namespace BlendPos.Web.Infrastructure.Afip;

/// <summary>FECAESolicitar's request and the answers' fields. AFIP's deserializer is bound to the element order of
/// the WSDL's sequences (AFIP.md): the request is written in exactly that order.</summary>
public sealed partial class WsfeClient
{
    internal static XElement CaeRequest(AfipSolicitudCae s)
    {
        var detalle = new XElement(Ns + "FECAEDetRequest",
            E("Concepto", s.Concepto),
            E("DocTipo", s.DocTipo),
            E("DocNro", s.DocNro),
            E("CbteDesde", s.Numero),
            E("CbteHasta", s.Numero),
            E("CbteFch", s.Fecha.ToString("yyyyMMdd", CultureInfo.InvariantCulture)),
            E("ImpTotal", s.ImpTotal),
            E("ImpTotConc", s.ImpTotConc),
            E("ImpNeto", s.ImpNeto),
            E("ImpOpEx", s.ImpOpEx),
            E("ImpTrib", s.ImpTrib),
            E("ImpIVA", s.ImpIva),
            // FchServDesde/FchServHasta/FchVtoPago: only for Concepto 2 and 3 (services); a kiosk sells products.
            E("MonId", "PES"),
            E("MonCotiz", 1),
            E("CondicionIVAReceptorId", s.CondicionIvaReceptorId));
        if (s.Asociados.Count > 0)
            detalle.Add(new XElement(Ns + "CbtesAsoc", s.Asociados.Select(a => new XElement(Ns + "CbteAsoc",
                E("Tipo", a.Tipo), E("PtoVta", a.PuntoDeVenta), E("Nro", a.Numero), E("Cuit", a.Cuit),
                E("CbteFch", a.Fecha.ToString("yyyyMMdd", CultureInfo.InvariantCulture))))));
        if (s.Iva.Count > 0)
            detalle.Add(new XElement(Ns + "Iva", s.Iva.Select(i => new XElement(Ns + "AlicIva",
                E("Id", i.Id), E("BaseImp", i.BaseImp), E("Importe", i.Importe)))));
        return new XElement(Ns + "FeCAEReq",
            new XElement(Ns + "FeCabReq", E("CantReg", 1), E("PtoVta", s.PuntoDeVenta), E("CbteTipo", s.CbteTipo)),
            new XElement(Ns + "FeDetReq", detalle));
    }

    internal static AfipRespuestaCae LeerRespuestaCae(XElement result)
    {
        var detalle = result.Element(Ns + "FeDetResp")?.Element(Ns + "FECAEDetResponse");
        var resultado = Texto(detalle, "Resultado") ?? Texto(result.Element(Ns + "FeCabResp"), "Resultado") ?? "R";
        var errores = Errores(result);
        if (errores.Count > 0 && resultado == "A") resultado = "R"; // never trust a CAE next to top-level errors
        var observaciones = detalle?.Element(Ns + "Observaciones")?.Elements(Ns + "Obs").Select(Mensaje).ToList() ?? [];
        var cae = Texto(detalle, "CAE");
        return new AfipRespuestaCae(resultado, string.IsNullOrEmpty(cae) || resultado != "A" ? null : cae,
            resultado == "A" ? Fecha(detalle, "CAEFchVto") : null, errores, observaciones);
    }

    private static XElement E(string nombre, object valor) => new(Ns + nombre, valor switch
    {
        decimal d => d.ToString("0.00", CultureInfo.InvariantCulture),
        _ => Convert.ToString(valor, CultureInfo.InvariantCulture),
    });

    private static List<AfipMensaje> Errores(XElement result) =>
        result.Element(Ns + "Errors")?.Elements(Ns + "Err").Select(Mensaje).ToList() ?? [];

    private static AfipMensaje Mensaje(XElement e) => new(Entero(e, "Code"), Texto(e, "Msg") ?? "");

    private static string? Texto(XElement? padre, string nombre) => padre?.Element(Ns + nombre)?.Value.Trim();

    private static int Entero(XElement? padre, string nombre) =>
        int.TryParse(Texto(padre, nombre), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;

    private static long Largo(XElement? padre, string nombre) =>
        long.TryParse(Texto(padre, nombre), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;

    private static decimal Importe(XElement? padre, string nombre) =>
        decimal.TryParse(Texto(padre, nombre), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : 0m;

    private static DateOnly? Fecha(XElement? padre, string nombre) =>
        DateOnly.TryParseExact(Texto(padre, nombre), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ? f : null;
}
