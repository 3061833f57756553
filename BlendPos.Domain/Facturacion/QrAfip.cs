using System.Globalization;
using System.Text;
using System.Text.Json;

namespace BlendPos.Domain.Facturacion;

/// <summary>
/// What the RG 4892/2020 QR of an authorized document encodes. <paramref name="TipoComprobante"/> is AFIP's CbteTipo
/// (6 = Factura B…); <paramref name="DocTipo"/> 99 means an unidentified consumidor final (no receptor fields).
/// </summary>
public sealed record DatosQrAfip(
    DateOnly Fecha,
    long CuitEmisor,
    int PuntoDeVenta,
    int TipoComprobante,
    long Numero,
    decimal Importe,
    int DocTipo,
    long DocNro,
    string Cae,
    string Moneda = "PES",
    decimal Cotizacion = 1m);

/// <summary>
/// The QR AFIP requires on printed electronic invoices (AFIP.md "QR on printed invoices"): a URL whose <c>p</c> is the
/// standard base64 of a compact JSON with the fields in AFIP's order.
/// </summary>
public static class QrAfip
{
    public const string UrlPorDefecto = "https://www.afip.gob.ar/fe/qr/";

    /// <summary>AFIP's code for an unidentified consumidor final: the QR then carries no receptor.</summary>
    public const int DocTipoSinIdentificar = 99;

    /// <summary>
    /// <c>{"ver":1,"fecha":"2026-12-07","cuit":20123456786,"ptoVta":1,"tipoCmp":6,"nroCmp":12,"importe":1234.50,
    /// "moneda":"PES","ctz":1,"tipoCodAut":"E","codAut":76123456789012}</c>: compact, invariant numbers, importe with
    /// 2 decimals, the CAE as a number; <c>tipoDocRec</c>/<c>nroDocRec</c> after <c>ctz</c> only for an identified receptor.
    /// </summary>
    /// <exception cref="ArgumentException">The CAE is not digits, or the currency is not a 3-letter code.</exception>
    public static string Payload(DatosQrAfip datos)
    {
        ArgumentNullException.ThrowIfNull(datos);
        var codAut = ParseCae(datos.Cae);
        if (datos.Moneda.Length != 3 || !datos.Moneda.All(char.IsAsciiLetterUpper))
            throw new ArgumentException("The currency must be AFIP's 3-letter code (PES, DOL…).", nameof(datos));

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) // compact by default: no indentation, no spaces
        {
            json.WriteStartObject();
            json.WriteNumber("ver", 1);
            json.WriteString("fecha", datos.Fecha.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteNumber("cuit", datos.CuitEmisor);
            json.WriteNumber("ptoVta", datos.PuntoDeVenta);
            json.WriteNumber("tipoCmp", datos.TipoComprobante);
            json.WriteNumber("nroCmp", datos.Numero);
            json.WritePropertyName("importe");
            json.WriteRawValue(Money.Round(datos.Importe).ToString("0.00", CultureInfo.InvariantCulture));
            json.WriteString("moneda", datos.Moneda);
            json.WritePropertyName("ctz");
            json.WriteRawValue(datos.Cotizacion.ToString("0.######", CultureInfo.InvariantCulture));
            if (datos.DocTipo != DocTipoSinIdentificar)
            {
                json.WriteNumber("tipoDocRec", datos.DocTipo);
                json.WriteNumber("nroDocRec", datos.DocNro);
            }
            json.WriteString("tipoCodAut", "E"); // E = CAE (A would be CAEA, out of scope)
            json.WriteNumber("codAut", codAut);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary><paramref name="urlBase"/> + <c>?p=</c> + standard base64 (with padding) of <see cref="Payload"/>.</summary>
    public static string Url(string urlBase, DatosQrAfip datos)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(urlBase);
        return urlBase + "?p=" + Convert.ToBase64String(Encoding.UTF8.GetBytes(Payload(datos)));
    }

    private static long ParseCae(string cae)
    {
        // AFIP's CAE is 14 digits; a long holds up to 18, so any real one is a JSON number without loss.
        if (string.IsNullOrEmpty(cae) || cae.Length > 18 || !cae.All(char.IsAsciiDigit))
            throw new ArgumentException("The CAE must be digits only (AFIP gives 14).", nameof(cae));
        return long.Parse(cae, CultureInfo.InvariantCulture);
    }
}
