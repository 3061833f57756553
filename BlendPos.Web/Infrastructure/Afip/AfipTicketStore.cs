using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using BlendPos.Domain.Facturacion;
using BlendPos.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Infrastructure.Afip;

/// <summary>
/// WSAA tickets kept in <c>afip_tickets</c> per (entorno, CUIT, servicio) and reused while valid, by every instance
/// and across restarts. Renewal ahead of expiry is done by ONE caller: a PostgreSQL session advisory lock on the key,
/// then a re-read (whoever waited finds the fresh ticket). The lock is session-level and not a transaction, because the
/// login leaves the process while it is held. coe.alreadyAuthenticated falls back on the stored ticket, or backs off.
/// </summary>
public sealed class AfipTicketStore(IServiceScopeFactory scopes, WsaaClient wsaa, AfipOptions opciones, TimeProvider reloj,
    ILogger<AfipTicketStore> log)
{
    public const string ServicioWsfe = "wsfe";

    /// <summary>
    /// A ticket valid for more than <see cref="AfipOptions.RenovarAntes"/>, logging in when needed.
    /// <paramref name="rechazado"/>: a token WSFEv1 refused (Err 600); it is never handed out again.
    /// </summary>
    public async Task<AfipTicket> ObtenerAsync(AfipConexion conexion, CancellationToken ct, string? rechazado = null,
        string servicio = ServicioWsfe)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlendPosDb>();
        var fila = await LeerAsync(db, conexion, servicio, tracking: false, ct);
        if (Vigente(fila, reloj.GetUtcNow(), rechazado)) return Ticket(fila!);

        var clave = ClaveDeBloqueo(conexion.Entorno, conexion.Cuit, servicio);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new AfipNoDisponibleException("No se pudo abrir la base de datos para renovar el ticket de AFIP.", e);
        }
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({clave})", ct);
            try
            {
                return await RenovarBajoBloqueoAsync(db, conexion, servicio, rechazado, ct);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({clave})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<AfipTicket> RenovarBajoBloqueoAsync(BlendPosDb db, AfipConexion conexion, string servicio,
        string? rechazado, CancellationToken ct)
    {
        var fila = await LeerAsync(db, conexion, servicio, tracking: true, ct);
        var ahora = reloj.GetUtcNow();
        if (Vigente(fila, ahora, rechazado)) return Ticket(fila!); // another caller renewed it while we waited
        if (fila is not null && rechazado is not null && fila.Token == rechazado && fila.ExpiraAt > ahora)
        {
            fila.ExpiraAt = ahora; // AFIP refused it: nobody may use it again
            fila.UpdatedAt = ahora;
        }
        if (fila?.SinLoginHasta is { } hasta && hasta > ahora)
        {
            if (Utilizable(fila, ahora, rechazado)) return Ticket(fila);
            await db.SaveChangesAsync(ct);
            throw SinTicket(hasta);
        }

        AfipTicket nuevo;
        try
        {
            nuevo = await wsaa.LoginAsync(conexion, servicio, ct);
        }
        catch (WsaaFaultException f) when (f.Codigo == "coe.alreadyAuthenticated")
        {
            // Either way no caller asks WSAA again before the retention window ends: each refusal may extend it.
            var sinLoginHasta = ahora + opciones.RetencionWsaa;
            var utilizable = Utilizable(fila, ahora, rechazado);
            fila ??= Nueva(db, conexion, servicio);
            fila.SinLoginHasta = sinLoginHasta;
            fila.UpdatedAt = ahora;
            await db.SaveChangesAsync(ct);
            if (utilizable)
            {
                log.LogInformation("WSAA says CUIT {Cuit} already has a ticket: using the stored one until {ExpiraAt:o}",
                    conexion.Cuit, fila.ExpiraAt);
                return Ticket(fila);
            }
            log.LogError("WSAA refused a login for CUIT {Cuit} (alreadyAuthenticated) and no ticket is stored: no login before {Hasta:o}",
                conexion.Cuit, sinLoginHasta);
            throw SinTicket(sinLoginHasta);
        }
        catch (AfipNoDisponibleException)
        {
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        catch (WsaaFaultException f)
        {
            await db.SaveChangesAsync(ct);
            throw new AfipNoDisponibleException($"AFIP (WSAA) rechazó el acceso: {f.Codigo} — {f.Mensaje}", f);
        }

        fila ??= Nueva(db, conexion, servicio);
        fila.Token = nuevo.Token;
        fila.Sign = nuevo.Sign;
        fila.GeneradoAt = nuevo.GeneradoAt.ToUniversalTime(); // Npgsql writes timestamptz from UTC offsets only
        fila.ExpiraAt = nuevo.ExpiraAt.ToUniversalTime();
        fila.SinLoginHasta = null;
        fila.UpdatedAt = reloj.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return nuevo;
    }

    private static AfipNoDisponibleException SinTicket(DateTimeOffset hasta) => new(
        "AFIP (WSAA) indica que ya entregó un ticket de acceso vigente para este certificado, pero no está guardado. " +
        $"No se pedirá otro hasta las {hasta.ToOffset(WsaaClient.OffsetArgentina):HH:mm} (hora de Argentina).");

    private bool Vigente(AfipTicketAcceso? fila, DateTimeOffset ahora, string? rechazado) =>
        Utilizable(fila, ahora, rechazado) && fila!.ExpiraAt - opciones.RenovarAntes > ahora;

    private static bool Utilizable(AfipTicketAcceso? fila, DateTimeOffset ahora, string? rechazado) =>
        fila is not null && fila.Token.Length > 0 && fila.Token != rechazado && fila.ExpiraAt > ahora;

    private static AfipTicket Ticket(AfipTicketAcceso fila) => new(fila.Token, fila.Sign, fila.GeneradoAt, fila.ExpiraAt);

    private static AfipTicketAcceso Nueva(BlendPosDb db, AfipConexion conexion, string servicio)
    {
        var fila = new AfipTicketAcceso { Entorno = conexion.Entorno, Cuit = conexion.Cuit, Servicio = servicio };
        db.AfipTickets.Add(fila);
        return fila;
    }

    private static Task<AfipTicketAcceso?> LeerAsync(BlendPosDb db, AfipConexion conexion, string servicio, bool tracking,
        CancellationToken ct)
    {
        var query = db.AfipTickets.Where(t => t.Entorno == conexion.Entorno && t.Cuit == conexion.Cuit && t.Servicio == servicio);
        return (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(ct);
    }

    /// <summary>A stable 64-bit advisory-lock key for one ticket (the invoicing job's keys are other numbers).</summary>
    public static long ClaveDeBloqueo(string entorno, long cuit, string servicio)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"afip-wsaa|{entorno}|{cuit}|{servicio}"));
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }
}
