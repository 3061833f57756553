namespace BlendPos.Domain.Facturacion;

/// <summary>
/// The issuer and its AFIP connection (one row, id 1), edited on the admin invoicing page. The certificate and its
/// private key are stored protected (ASP.NET Data Protection, keys in the database), never in plain text.
/// </summary>
public class ConfiguracionFacturacion
{
    public const int IdUnico = 1;

    /// <summary>RG 5700/2025 (AFIP.md ⚠): a Factura B to an unidentified consumidor final below this total.</summary>
    public const decimal UmbralConsumidorFinalPorDefecto = 10_000_000m;

    public int Id { get; set; } = IdUnico;
    public ModoFacturacion Modo { get; set; } = ModoFacturacion.Deshabilitado;
    /// <summary>11 bare digits.</summary>
    public string? Cuit { get; set; }
    public string? RazonSocial { get; set; }
    public string? Domicilio { get; set; }
    public CondicionIvaEmisor? CondicionIva { get; set; }
    /// <summary>Ingresos Brutos number, or null when «no contribuyente».</summary>
    public string? IngresosBrutos { get; set; }
    public DateOnly? InicioActividades { get; set; }
    /// <summary>The AFIP punto de venta (web services) the shop invoices from.</summary>
    public int? PuntoDeVenta { get; set; }
    public decimal UmbralConsumidorFinal { get; set; } = UmbralConsumidorFinalPorDefecto;
    /// <summary>The X.509 certificate AFIP issued (PEM or DER), protected.</summary>
    public byte[]? CertificadoProtegido { get; set; }
    /// <summary>Its RSA private key (PEM), protected.</summary>
    public byte[]? ClavePrivadaProtegida { get; set; }
    public string? CertificadoSujeto { get; set; }
    public DateTimeOffset? CertificadoVenceAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? UpdatedBy { get; set; }
}

/// <summary>
/// A WSAA access ticket (token + sign), kept in the database so every instance and every restart reuses it: asking
/// again inside AFIP's retention window is refused (coe.alreadyAuthenticated). One row per environment, CUIT and service.
/// </summary>
public class AfipTicketAcceso
{
    /// <summary>«homologacion» or «produccion».</summary>
    public string Entorno { get; set; } = "";
    public long Cuit { get; set; }
    /// <summary>The web service the ticket is for («wsfe»).</summary>
    public string Servicio { get; set; } = "";
    public string Token { get; set; } = "";
    public string Sign { get; set; } = "";
    public DateTimeOffset GeneradoAt { get; set; }
    public DateTimeOffset ExpiraAt { get; set; }
    /// <summary>After alreadyAuthenticated without a stored ticket: no new login before this time.</summary>
    public DateTimeOffset? SinLoginHasta { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
