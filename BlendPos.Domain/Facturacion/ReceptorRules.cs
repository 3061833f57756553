namespace BlendPos.Domain.Facturacion;

/// <summary>AFIP's receptor document: 80 CUIT, 96 DNI, 99 consumidor final sin identificar (DocNro 0).</summary>
public sealed record DocumentoReceptor(int DocTipo, long DocNro)
{
    public const int Cuit = 80;
    public const int Dni = 96;
    public const int SinIdentificar = 99;

    public static DocumentoReceptor ConsumidorFinal { get; } = new(SinIdentificar, 0);

    public bool Identificado => DocTipo != SinIdentificar;
}

/// <summary>What the invoice of a sale will be: its letter, the receptor's document and VAT condition.</summary>
public sealed record ReceptorResuelto(TipoComprobante Tipo, DocumentoReceptor Documento, CondicionIvaReceptor Condicion,
    string? DocumentoTexto);

/// <summary>
/// The receptor rules checked before AFIP sees the invoice (AFIP.md), with the Spanish message AFIP's code stands for:
/// the document (a CUIT with its check digit, or a DNI of 7 or 8 digits, or none), the VAT condition, the letter the
/// issuer and receptor imply (a different one asked for is refused), a Factura A only to a CUIT (10013), and from the
/// configured threshold on a B/C to an identified receptor only (10015).
/// </summary>
public static class ReceptorRules
{
    /// <summary>The document a person typed: CUIT (dashes, dots allowed), DNI (dots allowed), or none; null when neither.</summary>
    public static DocumentoReceptor? Documento(string? texto, out string? digitos)
    {
        digitos = null;
        var t = texto?.Trim();
        if (string.IsNullOrEmpty(t)) return DocumentoReceptor.ConsumidorFinal;
        if (Cuit.IsValid(t))
        {
            digitos = Cuit.Normalize(t)!;
            return new DocumentoReceptor(DocumentoReceptor.Cuit, long.Parse(digitos, System.Globalization.CultureInfo.InvariantCulture));
        }
        var sinPuntos = t.Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (sinPuntos.Length is 7 or 8 && sinPuntos.All(char.IsAsciiDigit) && sinPuntos[0] != '0')
        {
            digitos = sinPuntos;
            return new DocumentoReceptor(DocumentoReceptor.Dni, long.Parse(sinPuntos, System.Globalization.CultureInfo.InvariantCulture));
        }
        return null;
    }

    /// <param name="prefijo">Prepended to the field names of the errors («comprobante.» inside a sale).</param>
    /// <param name="tipoPedido">The letter the caller asked for, if any: it must be the one the rules give.</param>
    public static (ReceptorResuelto? Receptor, IReadOnlyDictionary<string, string> Errores) Resolver(
        CondicionIvaEmisor emisor, string? documento, string? condicion, TipoComprobante? tipoPedido, decimal total,
        decimal umbralConsumidorFinal, string prefijo = "")
    {
        var errores = new Dictionary<string, string>();
        var doc = Documento(documento, out var digitos);
        if (doc is null)
            errores[prefijo + "receptor_cuit"] = (Cuit.Validate(documento) ?? "El documento no es válido.") + " (o un DNI de 7 u 8 dígitos)";

        CondicionIvaReceptor? cond;
        if (string.IsNullOrWhiteSpace(condicion))
            // Unsaid: a Factura A is asked for a Responsable Inscripto; anything else is a consumidor final.
            cond = tipoPedido is TipoComprobante.FacturaA ? CondicionIvaReceptor.ResponsableInscripto : CondicionIvaReceptor.ConsumidorFinal;
        else
            cond = CondicionIvaReceptor.Parse(condicion);
        if (cond is null) errores[prefijo + "condicion_iva_receptor"] = CondicionIvaReceptor.MensajeDesconocida;
        if (errores.Count > 0) return (null, errores);

        var tipo = TiposComprobante.Factura(emisor, cond!);
        if (tipoPedido is { } pedido && pedido != tipo)
        {
            var quien = emisor == CondicionIvaEmisor.Monotributo ? "un monotributista" : "un responsable inscripto";
            errores[prefijo + "tipo"] = $"A un receptor «{cond!.Nombre}» {quien} le emite {tipo.Nombre()}, no {pedido.Nombre()}.";
        }
        else if (TiposComprobante.EsClaseA(tipo) && doc!.DocTipo != DocumentoReceptor.Cuit)
            errores[prefijo + "receptor_cuit"] = "La factura A necesita el CUIT del receptor.";
        else if (!doc!.Identificado && total >= umbralConsumidorFinal)
            errores[prefijo + "receptor_cuit"] =
                $"Desde {Money.Format(umbralConsumidorFinal)} la factura necesita el CUIT o DNI del receptor (no se emite a un consumidor final sin identificar).";
        if (errores.Count > 0) return (null, errores);
        return (new ReceptorResuelto(tipo, doc!, cond!, digitos), errores);
    }
}
