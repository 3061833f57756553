using System.Globalization;
using BlendPos.Domain;
using BlendPos.Domain.Facturacion;
using BlendPos.Web.Infrastructure.Afip;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BlendPos.Web.Features.Facturacion.Emision;

/// <summary>Sending, reconciling, and writing the outcome of one comprobante (the series lock is held by the caller).</summary>
public sealed partial class EmisionJob
{
    /// <summary>
    /// The CbtesAsoc of a credit note (its invoice, once emitted); empty for an invoice. Null when it cannot be sent yet
    /// or at all: the row already says why.
    /// </summary>
    private async Task<IReadOnlyList<AfipComprobanteAsociado>?> AsociadosAsync(Comprobante c, CancellationToken ct)
    {
        if (c.ComprobanteAsociadoId is not { } asociadoId) return [];
        var f = await FilaAsync(asociadoId, ct);
        switch (f)
        {
            case { Estado: EstadoComprobante.Emitido, Numero: { } numero, Fecha: { } fecha, CuitEmisor: { } cuit }:
                return [new AfipComprobanteAsociado(TiposComprobante.CodigoAfip(f.Tipo), f.PuntoDeVenta, numero, cuit, fecha)];
            case { Estado: EstadoComprobante.Error, Numero: null }:
                await PermanenteAsync(c, null, "La factura de esta nota de crédito no se emitió: no hace falta anularla en AFIP.", ct);
                return null;
            default:
                await TransitorioAsync(c, null, "Espera a que se emita la factura que anula.", liberarNumero: false, ct);
                return null;
        }
    }

    /// <summary>Persists number <paramref name="numero"/> with today's date and the request, then asks AFIP for the CAE.</summary>
    private async Task EnviarAsync(Comprobante c, long numero, IReadOnlyList<AfipComprobanteAsociado> asociados, Contexto ctx, CancellationToken ct)
    {
        var detalle = DetalleComprobante.FromJson(c.Detalle) ?? new DetalleComprobante([], CondicionIvaReceptor.ConsumidorFinal.Id);
        var claseC = TiposComprobante.EsClaseC(c.Tipo);
        var solicitud = new AfipSolicitudCae(
            c.PuntoDeVenta, TiposComprobante.CodigoAfip(c.Tipo), detalle.Concepto, c.DocTipo ?? DocumentoReceptor.SinIdentificar, c.DocNro ?? 0,
            numero, Hoy(), c.MontoTotal, 0m, c.MontoNeto, 0m, 0m, claseC ? 0m : c.MontoIva, detalle.CondicionIvaReceptorId,
            claseC ? [] : detalle.Alicuotas.Select(a => new AfipAlicuota(a.IdAfip, a.BaseImp, a.Importe)).ToList(), asociados);
        var enviada = new SolicitudEnviada(solicitud.CbteTipo, solicitud.PuntoDeVenta, numero, solicitud.Fecha.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            solicitud.DocTipo, solicitud.DocNro, solicitud.ImpTotal, solicitud.ImpNeto, solicitud.ImpIva,
            asociados.Select(a => new AfipAsociadoEnviado(a.Tipo, a.PuntoDeVenta, a.Numero, a.Cuit, a.Fecha.ToString("yyyyMMdd", CultureInfo.InvariantCulture))).ToList());
        var now = clock.GetUtcNow();
        int filas;
        try
        {
            // Before sending: if the answer is lost, the next attempt knows which number to look for at AFIP.
            var anterior = c.Numero;
            filas = await db.Comprobantes
                .Where(x => x.Id == c.Id && x.Estado == EstadoComprobante.Pendiente && x.Numero == anterior)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.Numero, numero).SetProperty(x => x.Fecha, solicitud.Fecha)
                    .SetProperty(x => x.Entorno, ctx.Emisor.Entorno).SetProperty(x => x.CuitEmisor, ctx.Emisor.Cuit)
                    .SetProperty(x => x.DocTipo, solicitud.DocTipo).SetProperty(x => x.DocNro, solicitud.DocNro)
                    .SetProperty(x => x.EnviadoAt, now).SetProperty(x => x.Detalle, (detalle with { Solicitud = enviada }).ToJson())
                    .SetProperty(x => x.UpdatedAt, now), ct);
        }
        catch (Exception e) when ((e as PostgresException ?? e.InnerException as PostgresException)?.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await TransitorioAsync(c, null, $"El número {numero} ya lo tiene otro comprobante de la serie: se reintenta.", liberarNumero: false, ct);
            return;
        }
        if (filas == 0) return; // voided, or another worker took it meanwhile: nothing was sent
        c.Numero = numero;
        c.Fecha = solicitud.Fecha;
        c.DocTipo = solicitud.DocTipo;
        c.DocNro = solicitud.DocNro;
        logger.LogInformation("AFIP request: comprobante {Comprobante} {Tipo} {Pdv}-{Numero} total {Total}", c.Id, c.Tipo, c.PuntoDeVenta, numero, c.MontoTotal);

        var r = await ctx.Afip.SolicitarCaeAsync(ctx.Conexion, solicitud, ct); // AfipNoDisponibleException: stays in doubt
        if (r.Aprobado)
        {
            await EmitidoAsync(c, r.Cae!, r.CaeVencimiento, ct);
            return;
        }
        var codigos = r.Errores.Select(e => e.Codigo).ToList();
        var obs = r.Observaciones.Select(o => o.Codigo).ToList();
        var mensaje = string.Join(" ", r.Errores.Concat(r.Observaciones).Select(m => $"{m.Codigo}: {m.Mensaje}"));
        var codigo = r.Errores.Concat(r.Observaciones).Select(m => (int?)m.Codigo).FirstOrDefault();
        logger.LogWarning("AFIP rejected comprobante {Comprobante} number {Numero}: {Mensaje}", c.Id, numero, mensaje);
        switch (EmisionRules.Clasificar(codigos, obs))
        {
            case ClaseDeRechazo.Reconciliar:
                await ReconciliarAsync(c, ctx, tras10016: true, ct);
                break;
            case ClaseDeRechazo.Permanente:
                await PermanenteAsync(c, codigo, "AFIP rechazó el comprobante. " + mensaje, ct);
                break;
            default:
                // Rejected (R) means not authorized: the number is not consumed.
                await TransitorioAsync(c, codigo, "AFIP no lo autorizó todavía. " + mensaje, liberarNumero: true, ct);
                break;
        }
    }

    /// <summary>AFIP.md "After a timeout", steps 3–4, for a comprobante whose number was persisted and maybe authorized.</summary>
    private async Task ReconciliarAsync(Comprobante c, Contexto ctx, bool tras10016, CancellationToken ct)
    {
        var numero = c.Numero!.Value;
        var cbteTipo = TiposComprobante.CodigoAfip(c.Tipo);
        var ultimo = await ctx.Afip.UltimoAutorizadoAsync(ctx.Conexion, c.PuntoDeVenta, cbteTipo, ct);
        if (ultimo < numero)
        {
            if (tras10016)
            {
                // Not a number clash: AFIP refuses the date (CbteFch before the last invoice's).
                await PermanenteAsync(c, EmisionRules.NumeroNoCorresponde,
                    $"AFIP rechazó el número o la fecha del comprobante (10016): su último autorizado es el {ultimo}.", ct);
                return;
            }
            logger.LogInformation("Comprobante {Comprobante}: number {Numero} was not authorized (AFIP's last is {Ultimo}); sending again", c.Id, numero, ultimo);
            if (await AsociadosAsync(c, ct) is not { } asociados) return;
            await EnviarAsync(c, ultimo + 1, asociados, ctx, ct);
            return;
        }
        var enAfip = await ctx.Afip.ConsultarAsync(ctx.Conexion, c.PuntoDeVenta, cbteTipo, numero, ct);
        var nuestro = new DatosEmitidos(c.DocTipo ?? DocumentoReceptor.SinIdentificar, c.DocNro ?? 0, c.Fecha ?? Hoy(), c.MontoTotal);
        if (enAfip is { Resultado: "A", Cae: { Length: > 0 } cae } &&
            EmisionRules.EsElMismo(nuestro, new DatosEmitidos(enAfip.DocTipo, enAfip.DocNro, enAfip.Fecha, enAfip.ImpTotal)))
        {
            logger.LogInformation("Comprobante {Comprobante}: number {Numero} found authorized at AFIP; its CAE is adopted", c.Id, numero);
            await EmitidoAsync(c, cae, enAfip.CaeVencimiento, ct);
            return;
        }
        var otro = enAfip is null ? "no lo encuentra" : $"lo tiene con otros datos (documento {enAfip.DocTipo} {enAfip.DocNro}, fecha {enAfip.Fecha:dd/MM/yyyy}, total {Money.Format(enAfip.ImpTotal)})";
        await PermanenteAsync(c, null, $"Conflicto de numeración: AFIP ya autorizó hasta el número {ultimo} y el {numero} {otro}. " +
            "Revisá en AFIP qué se emitió con ese número antes de reintentar.", ct);
    }

    private async Task EmitidoAsync(Comprobante c, string cae, DateOnly? vencimiento, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Comprobantes.Where(x => x.Id == c.Id && x.Estado == EstadoComprobante.Pendiente)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Estado, EstadoComprobante.Emitido).SetProperty(x => x.Cae, cae)
                .SetProperty(x => x.CaeVencimiento, vencimiento).SetProperty(x => x.Error, (string?)null)
                .SetProperty(x => x.CodigoError, (int?)null).SetProperty(x => x.ErrorPermanente, false)
                .SetProperty(x => x.ProximoIntentoAt, (DateTimeOffset?)null).SetProperty(x => x.Intentos, x => x.Intentos + 1)
                .SetProperty(x => x.UpdatedAt, now), ct);
        logger.LogInformation("Comprobante {Comprobante} emitted: {Tipo} {Pdv}-{Numero}, CAE obtained", c.Id, c.Tipo, c.PuntoDeVenta, c.Numero);
    }

    /// <param name="liberarNumero">AFIP answered and did not authorize: the number goes back to the series.</param>
    private async Task TransitorioAsync(Comprobante c, int? codigo, string mensaje, bool liberarNumero, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var intentos = c.Intentos + 1;
        var proximo = now + EmisionRules.Espera(intentos);
        var q = db.Comprobantes.Where(x => x.Id == c.Id && x.Estado == EstadoComprobante.Pendiente);
        if (liberarNumero)
            await q.ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Error, Recortar(mensaje)).SetProperty(x => x.CodigoError, codigo)
                .SetProperty(x => x.Intentos, x => x.Intentos + 1).SetProperty(x => x.ProximoIntentoAt, proximo)
                .SetProperty(x => x.Numero, (long?)null).SetProperty(x => x.EnviadoAt, (DateTimeOffset?)null)
                .SetProperty(x => x.UpdatedAt, now), ct);
        else
            await q.ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Error, Recortar(mensaje)).SetProperty(x => x.CodigoError, codigo)
                .SetProperty(x => x.Intentos, x => x.Intentos + 1).SetProperty(x => x.ProximoIntentoAt, proximo)
                .SetProperty(x => x.UpdatedAt, now), ct);
        c.Intentos = intentos;
        if (liberarNumero) c.Numero = null;
    }

    /// <summary>A rejection a retry cannot fix: error, no automatic retry, the number freed, the admins told.</summary>
    private async Task PermanenteAsync(Comprobante c, int? codigo, string mensaje, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Comprobantes.Where(x => x.Id == c.Id && x.Estado == EstadoComprobante.Pendiente)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Estado, EstadoComprobante.Error).SetProperty(x => x.ErrorPermanente, true)
                .SetProperty(x => x.Error, Recortar(mensaje)).SetProperty(x => x.CodigoError, codigo)
                .SetProperty(x => x.Intentos, x => x.Intentos + 1).SetProperty(x => x.ProximoIntentoAt, (DateTimeOffset?)null)
                .SetProperty(x => x.Numero, (long?)null).SetProperty(x => x.EnviadoAt, (DateTimeOffset?)null)
                .SetProperty(x => x.UpdatedAt, now), ct);
        logger.LogWarning("Comprobante {Comprobante} failed permanently ({Codigo}): {Mensaje}", c.Id, codigo, mensaje);
        await AvisarAdminsAsync(c, mensaje, ct);
    }

    private static string Recortar(string s) => s.Length > 2000 ? s[..2000] : s;
}
