namespace BlendPos.Web.Infrastructure.Afip;

/// <summary>
/// The WSFEv1 operations invoicing uses (AFIP.md). The implementation signs in with WSAA by itself (ticket kept in the
/// database, refreshed ahead of expiry) and speaks SOAP 1.1 over HttpClient. Business answers come back as values;
/// transport trouble (timeout, dropped connection, HTTP 5xx) throws <see cref="AfipNoDisponibleException"/>, after
/// which the caller must reconcile (AFIP.md "After a timeout") before sending again.
/// </summary>
public interface IWsfeClient
{
    /// <summary>FEDummy: the three servers' status; needs no ticket.</summary>
    Task<AfipEstadoServidores> DummyAsync(AfipConexion conexion, CancellationToken ct);

    /// <summary>A WSAA login (or the stored ticket while valid): the admin page's «Probar conexión».</summary>
    Task<AfipTicket> AutenticarAsync(AfipConexion conexion, CancellationToken ct);

    /// <summary>FECompUltimoAutorizado: the last authorized number (0 when none).</summary>
    Task<long> UltimoAutorizadoAsync(AfipConexion conexion, int puntoDeVenta, int cbteTipo, CancellationToken ct);

    /// <summary>FECAESolicitar with one detail.</summary>
    Task<AfipRespuestaCae> SolicitarCaeAsync(AfipConexion conexion, AfipSolicitudCae solicitud, CancellationToken ct);

    /// <summary>FECompConsultar; null when AFIP does not know the number (Err 602).</summary>
    Task<AfipComprobanteConsultado?> ConsultarAsync(AfipConexion conexion, int puntoDeVenta, int cbteTipo, long numero, CancellationToken ct);
}

/// <summary>
/// Where and as whom to connect: the issuer's CUIT, the service URLs of the chosen mode, and the credentials.
/// <see cref="Entorno"/> («homologacion» or «produccion») keys the stored WSAA ticket (afip_tickets).
/// </summary>
public sealed record AfipConexion(long Cuit, Uri WsaaUrl, Uri WsfeUrl, byte[] CertificadoPfxOPem, byte[]? ClavePrivadaPem,
    string Entorno = AfipOptions.Homologacion);

public sealed record AfipEstadoServidores(string AppServer, string DbServer, string AuthServer)
{
    public bool TodoOk => AppServer == "OK" && DbServer == "OK" && AuthServer == "OK";
}

public sealed record AfipTicket(string Token, string Sign, DateTimeOffset GeneradoAt, DateTimeOffset ExpiraAt);

/// <summary>One FECAEDetRequest, fields named as AFIP names them; amounts already rounded to cents.</summary>
public sealed record AfipSolicitudCae(
    int PuntoDeVenta,
    int CbteTipo,
    int Concepto,
    int DocTipo,
    long DocNro,
    long Numero,
    DateOnly Fecha,
    decimal ImpTotal,
    decimal ImpTotConc,
    decimal ImpNeto,
    decimal ImpOpEx,
    decimal ImpTrib,
    decimal ImpIva,
    int CondicionIvaReceptorId,
    IReadOnlyList<AfipAlicuota> Iva,
    IReadOnlyList<AfipComprobanteAsociado> Asociados);

/// <summary>AlicIva: AFIP's rate id (3 = 0 %, 4 = 10,5 %, 5 = 21 %, 6 = 27 %, 8 = 5 %, 9 = 2,5 %).</summary>
public sealed record AfipAlicuota(int Id, decimal BaseImp, decimal Importe);

public sealed record AfipComprobanteAsociado(int Tipo, int PuntoDeVenta, long Numero, long Cuit, DateOnly Fecha);

public sealed record AfipMensaje(int Codigo, string Mensaje);

/// <summary>
/// Resultado A (approved, with CAE), R (rejected: <see cref="Errores"/> and/or <see cref="Observaciones"/>), or P.
/// A top-level 10016 arrives here as R with that code: the caller reconciles.
/// </summary>
public sealed record AfipRespuestaCae(
    string Resultado,
    string? Cae,
    DateOnly? CaeVencimiento,
    IReadOnlyList<AfipMensaje> Errores,
    IReadOnlyList<AfipMensaje> Observaciones)
{
    public bool Aprobado => Resultado == "A" && !string.IsNullOrEmpty(Cae);
}

/// <summary>FECompConsultar's ResultGet: what to compare before adopting a CAE after a timeout.</summary>
public sealed record AfipComprobanteConsultado(
    int DocTipo, long DocNro, DateOnly Fecha, decimal ImpTotal, string Resultado, string? Cae, DateOnly? CaeVencimiento);

/// <summary>Timeout, dropped connection, HTTP 5xx or an auth error the client could not recover from.</summary>
public sealed class AfipNoDisponibleException(string message, Exception? inner = null) : Exception(message, inner);
