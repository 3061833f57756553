using System.Globalization;
using BlendPos.Domain;
using BlendPos.Domain.Facturacion;
using BlendPos.Web.Data;
using BlendPos.Web.Infrastructure.Afip;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Facturacion.Configuracion;

/// <summary>The issuer as the invoicing job and the sale need it; <see cref="Habilitada"/> false means internal tickets only.</summary>
public sealed record EmisorFacturacion(ModoFacturacion Modo, long Cuit, CondicionIvaEmisor CondicionIva, int PuntoDeVenta,
    decimal UmbralConsumidorFinal, bool TieneCredenciales)
{
    public bool Habilitada => Modo != ModoFacturacion.Deshabilitado && TieneCredenciales;

    /// <summary>«homologacion» or «produccion»: the environment a number belongs to.</summary>
    public string Entorno => Modo == ModoFacturacion.Produccion ? "produccion" : "homologacion";
}

/// <summary>What the admin types on the configuration page (everything but the credentials).</summary>
public sealed record DatosEmisorInput(ModoFacturacion Modo, string? Cuit, string? RazonSocial, string? Domicilio,
    CondicionIvaEmisor? CondicionIva, string? IngresosBrutos, DateOnly? InicioActividades, int? PuntoDeVenta, decimal? UmbralConsumidorFinal);

/// <summary>
/// The <c>configuracion_facturacion</c> row (id 1): the issuer, the mode, and the AFIP certificate and key, stored
/// protected with Data Protection (purpose <see cref="Proposito"/>) and unprotected only to build an
/// <see cref="AfipConexion"/>. No row, or mode deshabilitado: sales print internal tickets and no comprobante is made.
/// </summary>
public sealed class ConfiguracionFacturacionService(
    BlendPosDb db, IDataProtectionProvider dataProtection, AfipOptions afipOptions, IServiceProvider services, TimeProvider clock,
    ILogger<ConfiguracionFacturacionService> logger)
{
    public const string Proposito = "BlendPos.Afip.Credenciales";

    private IDataProtector Protector => dataProtection.CreateProtector(Proposito);

    public Task<ConfiguracionFacturacion?> LeerAsync(CancellationToken ct = default) =>
        db.ConfiguracionFacturacion.AsNoTracking().FirstOrDefaultAsync(c => c.Id == ConfiguracionFacturacion.IdUnico, ct);

    /// <summary>The issuer, or null while invoicing is off or incomplete (then nothing is invoiced).</summary>
    public async Task<EmisorFacturacion?> EmisorAsync(CancellationToken ct = default) => Emisor(await LeerAsync(ct));

    public static EmisorFacturacion? Emisor(ConfiguracionFacturacion? c)
    {
        if (c is null || c.Modo == ModoFacturacion.Deshabilitado) return null;
        if (c.Cuit is null || c.CondicionIva is not { } condicion || c.PuntoDeVenta is not { } pdv) return null;
        var e = new EmisorFacturacion(c.Modo, long.Parse(c.Cuit, CultureInfo.InvariantCulture), condicion, pdv, c.UmbralConsumidorFinal,
            c.CertificadoProtegido is not null && c.ClavePrivadaProtegida is not null);
        return e.Habilitada ? e : null;
    }

    public async Task GuardarDatosAsync(DatosEmisorInput r, Actor actor, CancellationToken ct = default)
    {
        var v = new Validator();
        var cuit = string.IsNullOrWhiteSpace(r.Cuit) ? null : Cuit.Normalize(r.Cuit);
        if (!string.IsNullOrWhiteSpace(r.Cuit) && Cuit.Validate(r.Cuit) is { } errorCuit) v.Add("cuit", errorCuit);
        v.When(r.RazonSocial?.Trim().Length > 200, "razon_social", "La razón social admite hasta 200 caracteres.");
        v.When(r.Domicilio?.Trim().Length > 300, "domicilio", "El domicilio admite hasta 300 caracteres.");
        v.When(r.IngresosBrutos?.Trim().Length > 30, "ingresos_brutos", "Ingresos Brutos admite hasta 30 caracteres.");
        v.When(r.PuntoDeVenta is < 1 or > 99998, "punto_de_venta", "El punto de venta AFIP va de 1 a 99998.");
        v.When(r.UmbralConsumidorFinal is <= 0 or > 999_999_999_999m, "umbral_consumidor_final", "Ingresá un monto mayor que cero.");
        v.When(r.InicioActividades is { } inicio && inicio > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(1)),
            "inicio_actividades", "El inicio de actividades no puede ser una fecha futura.");
        var fila = await db.ConfiguracionFacturacion.FirstOrDefaultAsync(c => c.Id == ConfiguracionFacturacion.IdUnico, ct);
        if (r.Modo != ModoFacturacion.Deshabilitado)
        {
            // Emitting needs all of it: AFIP refuses what lacks any, and the printed invoice shows every field.
            v.When(cuit is null && !v.HasErrors, "cuit", "Para facturar hace falta el CUIT del emisor.");
            v.When(string.IsNullOrWhiteSpace(r.RazonSocial), "razon_social", "Para facturar hace falta la razón social.");
            v.When(string.IsNullOrWhiteSpace(r.Domicilio), "domicilio", "Para facturar hace falta el domicilio comercial.");
            v.When(r.CondicionIva is null, "condicion_iva", "Elegí la condición frente al IVA.");
            v.When(r.InicioActividades is null, "inicio_actividades", "Para facturar hace falta la fecha de inicio de actividades.");
            v.When(r.PuntoDeVenta is null, "punto_de_venta", "Para facturar hace falta el punto de venta AFIP (web services).");
            v.When(fila?.CertificadoProtegido is null, "modo", "Subí el certificado y la clave privada antes de habilitar la facturación.");
        }
        v.ThrowIfAny();

        if (fila is null) db.ConfiguracionFacturacion.Add(fila = new ConfiguracionFacturacion());
        fila.Modo = r.Modo;
        fila.Cuit = cuit;
        fila.RazonSocial = Limpio(r.RazonSocial);
        fila.Domicilio = Limpio(r.Domicilio);
        fila.CondicionIva = r.CondicionIva;
        fila.IngresosBrutos = Limpio(r.IngresosBrutos);
        fila.InicioActividades = r.InicioActividades;
        fila.PuntoDeVenta = r.PuntoDeVenta;
        fila.UmbralConsumidorFinal = r.UmbralConsumidorFinal ?? ConfiguracionFacturacion.UmbralConsumidorFinalPorDefecto;
        fila.UpdatedAt = clock.GetUtcNow();
        fila.UpdatedBy = actor.Id;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Invoicing configuration saved by {User}: mode {Modo}, punto de venta {Pdv}", actor.Id, r.Modo, r.PuntoDeVenta);
    }

    /// <summary>Validates the pair and stores both protected; only the subject and expiry are kept in the clear.</summary>
    public async Task<CredencialesValidadas> GuardarCredencialesAsync(byte[] certificado, byte[] clave, Actor actor, CancellationToken ct = default)
    {
        var (ok, error) = CredencialesAfip.Validar(certificado, clave);
        if (ok is null) throw new ValidationException("certificado", error!);
        var fila = await db.ConfiguracionFacturacion.FirstOrDefaultAsync(c => c.Id == ConfiguracionFacturacion.IdUnico, ct);
        if (fila is null) db.ConfiguracionFacturacion.Add(fila = new ConfiguracionFacturacion());
        fila.CertificadoProtegido = Protector.Protect(ok.CertificadoPem);
        fila.ClavePrivadaProtegida = Protector.Protect(ok.ClavePrivadaPem);
        fila.CertificadoSujeto = ok.Sujeto.Length > 500 ? ok.Sujeto[..500] : ok.Sujeto;
        fila.CertificadoVenceAt = ok.VenceAt;
        fila.UpdatedAt = clock.GetUtcNow();
        fila.UpdatedBy = actor.Id;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("AFIP certificate replaced by {User}; expires {Vence}", actor.Id, ok.VenceAt);
        return ok;
    }

    /// <summary>Where and as whom to connect for the row's mode; null without credentials or CUIT.</summary>
    public AfipConexion? Conexion(ConfiguracionFacturacion? c, ModoFacturacion? modo = null)
    {
        if (c?.CertificadoProtegido is null || c.ClavePrivadaProtegida is null || c.Cuit is null) return null;
        var entorno = (modo ?? c.Modo) == ModoFacturacion.Produccion ? AfipOptions.Produccion : AfipOptions.Homologacion;
        var (wsaa, wsfe) = afipOptions.Urls(entorno);
        return new AfipConexion(long.Parse(c.Cuit, CultureInfo.InvariantCulture), wsaa, wsfe,
            Protector.Unprotect(c.CertificadoProtegido), Protector.Unprotect(c.ClavePrivadaProtegida), entorno);
    }

    /// <summary>«Probar conexión»: FEDummy, then a WSAA login (or the stored ticket). The answer is for the admin, in Spanish.</summary>
    public async Task<(bool Ok, string Mensaje)> ProbarConexionAsync(CancellationToken ct = default)
    {
        var c = await LeerAsync(ct);
        // Deshabilitado still tests against homologación: that is how a shop checks its test certificate first.
        var modo = c?.Modo is ModoFacturacion.Produccion ? ModoFacturacion.Produccion : ModoFacturacion.Homologacion;
        var conexion = Conexion(c, modo);
        if (conexion is null) return (false, "Falta el CUIT o las credenciales: completá el CUIT y subí el certificado y la clave.");
        var afip = services.GetService<IWsfeClient>();
        if (afip is null) return (false, "Este servidor no tiene el cliente de AFIP instalado.");
        var entorno = modo == ModoFacturacion.Produccion ? "producción" : "homologación";
        try
        {
            var estado = await afip.DummyAsync(conexion, ct);
            if (!estado.TodoOk)
                return (false, $"AFIP ({entorno}) responde con problemas: aplicación {estado.AppServer}, base de datos {estado.DbServer}, autenticación {estado.AuthServer}.");
            var ticket = await afip.AutenticarAsync(conexion, ct);
            return (true, $"Conexión correcta con AFIP ({entorno}): servidores OK y autenticación (WSAA) aceptada; el ticket vence el " +
                          $"{Formato.Fecha(ticket.ExpiraAt, Formato.Zona(services.GetRequiredService<Infrastructure.Config.BlendPosOptions>()))}.");
        }
        catch (AfipNoDisponibleException e)
        {
            logger.LogWarning("AFIP connection test failed: {Motivo}", e.Message);
            return (false, $"No se pudo conectar con AFIP ({entorno}): {e.Message}");
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning("AFIP connection test failed: {Motivo}", e.Message);
            return (false, $"No se pudo conectar con AFIP ({entorno}): el servicio no responde.");
        }
    }

    private static string? Limpio(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
