using BlendPos.Domain;
using BlendPos.Domain.Facturacion;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Facturacion.Configuracion;
using BlendPos.Web.Features.Facturacion.Documentos;
using BlendPos.Web.Infrastructure.Afip;
using BlendPos.Web.Infrastructure.Config;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BlendPos.Web.Features.Facturacion.Emision;

/// <summary>
/// Issues pending comprobantes with AFIP (AFIP.md "After a timeout: never two CAEs, never a gap"). Per comprobante:
/// <list type="number">
/// <item>A PostgreSQL advisory lock on its numbering series (environment, CUIT, punto de venta, CbteTipo), held on a
/// connection of its own while AFIP is called — never inside a database transaction — so instances and workers issue
/// one at a time per series.</item>
/// <item>Numbers of the series still in doubt (persisted, sent, no answer) are settled first, in order.</item>
/// <item>A new number is AFIP's last + 1, persisted with the date, receptor and the whole request before sending.</item>
/// <item>After a timeout, a dropped connection, a 5xx or a 10016: FECompUltimoAutorizado; below our number it was not
/// authorized (send again with the next number); at or above it FECompConsultar must show our receptor, date and total
/// to adopt its CAE, otherwise it is a numbering conflict (permanent error, admins told).</item>
/// <item>A rejection frees the number (AFIP did not consume it: the next comprobante of the series takes it):
/// business rules are permanent (no retry loop, admins told); anything else is retried with back-off.</item>
/// </list>
/// The outcome is written with single-row updates guarded by the row's state, so a void or another worker racing on
/// the same row changes nothing twice.
/// </summary>
public sealed partial class EmisionJob(
    BlendPosDb db, ConfiguracionFacturacionService configuracion, IServiceProvider services, TimeProvider clock,
    BlendPosOptions options, ILogger<EmisionJob> logger)
{
    /// <summary>How long a claimed row stays invisible to other instances' sweeps while this one works on it.</summary>
    public static readonly TimeSpan Reserva = TimeSpan.FromMinutes(2);

    /// <summary>
    /// One sweep: claims the due pending rows (FOR UPDATE SKIP LOCKED, pushing their next attempt out by
    /// <see cref="Reserva"/> so another instance's sweep skips them) and processes each. Returns how many it took.
    /// </summary>
    public async Task<int> BarrerAsync(CancellationToken ct = default)
    {
        if (await configuracion.EmisorAsync(ct) is null) return 0; // deshabilitado: nothing is processed
        var now = clock.GetUtcNow();
        var ids = await db.Database.SqlQuery<Guid>($"""
            UPDATE comprobantes SET proximo_intento_at = {now + Reserva}
            WHERE id IN (
                SELECT id FROM comprobantes
                WHERE estado = 'pendiente' AND (proximo_intento_at IS NULL OR proximo_intento_at <= {now})
                ORDER BY created_at LIMIT 100
                FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(ct);
        foreach (var id in ids)
        {
            try
            {
                await ProcesarAsync(id, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Comprobante {Comprobante} could not be processed", id);
            }
        }
        return ids.Count;
    }

    /// <summary>Processes one comprobante if it is still pending; safe to call twice at once (the series lock and the row guards).</summary>
    public async Task ProcesarAsync(Guid id, CancellationToken ct = default)
    {
        var c = await FilaAsync(id, ct);
        if (c is not { Estado: EstadoComprobante.Pendiente }) return;
        var fila = await configuracion.LeerAsync(ct);
        if (ConfiguracionFacturacionService.Emisor(fila) is not { } emisor) return; // deshabilitado: it waits
        var afip = services.GetService<IWsfeClient>();
        if (afip is null)
        {
            logger.LogWarning("No AFIP client registered: comprobante {Comprobante} stays pending", id);
            return;
        }
        if (c.Entorno is { } entornoFila && (entornoFila != emisor.Entorno || c.CuitEmisor != emisor.Cuit))
        {
            await PermanenteAsync(c, null, $"El comprobante tiene el número {c.Numero} de {entornoFila} (CUIT {c.CuitEmisor}) y la configuración " +
                "cambió antes de confirmarlo: revisalo en AFIP antes de reintentar.", ct);
            return;
        }
        var ctx = new Contexto(afip, configuracion.Conexion(fila)!, emisor);
        var clave = EmisionRules.ClaveSerie(emisor.Modo == ModoFacturacion.Produccion, emisor.Cuit, c.PuntoDeVenta, TiposComprobante.CodigoAfip(c.Tipo));

        await using (var candado = await BloquearSerieAsync(clave, ct))
        {
            // Numbers of this series still in doubt come first, lowest first: a new number must not pass one of them.
            var dudosos = await db.Comprobantes.AsNoTracking()
                .Where(x => x.Estado == EstadoComprobante.Pendiente && x.Numero != null && x.Entorno == emisor.Entorno &&
                            x.CuitEmisor == emisor.Cuit && x.PuntoDeVenta == c.PuntoDeVenta && x.Tipo == c.Tipo)
                .OrderBy(x => x.Numero).ToListAsync(ct);
            foreach (var d in dudosos)
            {
                await IntentarAsync(d, ctx, ct);
                if (await FilaAsync(d.Id, ct) is { Estado: EstadoComprobante.Pendiente, Numero: not null } && d.Id != id)
                {
                    await TransitorioAsync(c, null, $"Espera a que se confirme el comprobante {d.Numero} de la misma serie.", liberarNumero: false, ct);
                    return;
                }
            }
            c = await FilaAsync(id, ct);
            if (c is { Estado: EstadoComprobante.Pendiente, Numero: null }) await IntentarAsync(c, ctx, ct);
        }

        if (await FilaAsync(id, ct) is { Estado: EstadoComprobante.Emitido, ReceptorEmail: { } email }) await EnviarCorreoAsync(id, email, ct);
    }

    private sealed record Contexto(IWsfeClient Afip, AfipConexion Conexion, EmisorFacturacion Emisor);

    private Task<Comprobante?> FilaAsync(Guid id, CancellationToken ct) =>
        db.Comprobantes.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);

    /// <summary>A session advisory lock on a connection of its own; disposing unlocks (and a crash closes the connection, which unlocks too).</summary>
    private async Task<CandadoSerie> BloquearSerieAsync(long clave, CancellationToken ct)
    {
        var conn = new NpgsqlConnection(db.Database.GetConnectionString());
        await conn.OpenAsync(ct);
        await using (var cmd = new NpgsqlCommand("SELECT pg_advisory_lock($1)", conn) { Parameters = { new() { Value = clave } } })
            await cmd.ExecuteNonQueryAsync(ct);
        return new CandadoSerie(conn, clave);
    }

    private sealed class CandadoSerie(NpgsqlConnection conn, long clave) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var cmd = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", conn) { Parameters = { new() { Value = clave } } };
                await cmd.ExecuteNonQueryAsync();
            }
            finally
            {
                await conn.DisposeAsync();
            }
        }
    }

    /// <summary>One attempt: reconcile a number in doubt, or take the next one and send.</summary>
    private async Task IntentarAsync(Comprobante c, Contexto ctx, CancellationToken ct)
    {
        try
        {
            if (c.Numero is not null)
            {
                await ReconciliarAsync(c, ctx, tras10016: false, ct);
                return;
            }
            if (await AsociadosAsync(c, ct) is not { } asociados) return;
            var ultimo = await ctx.Afip.UltimoAutorizadoAsync(ctx.Conexion, c.PuntoDeVenta, TiposComprobante.CodigoAfip(c.Tipo), ct);
            await EnviarAsync(c, ultimo + 1, asociados, ctx, ct);
        }
        catch (AfipNoDisponibleException e)
        {
            // Nothing was sent, or what was sent stays in doubt with its number: the next attempt reconciles.
            logger.LogWarning("AFIP unavailable for comprobante {Comprobante}: {Motivo}", c.Id, e.Message);
            await TransitorioAsync(c, null, "AFIP no responde: " + e.Message, liberarNumero: false, ct);
        }
    }

    private DateOnly Hoy() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Formato.Zona(options)).DateTime);

    private async Task EnviarCorreoAsync(Guid id, string email, CancellationToken ct)
    {
        var correo = services.GetService<IFacturaCorreo>();
        if (correo is null) return;
        try
        {
            var doc = await services.GetRequiredService<IFacturaDocumentos>().ArmarAsync(id, ct);
            if (doc is not null) await correo.EncolarAsync(id, email, doc, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The e-mail has its own retries; it never touches the comprobante's state.
            logger.LogError(e, "E-mail of comprobante {Comprobante} could not be queued", id);
        }
    }
}
