using BlendPos.Web.Features.Facturacion.Documentos;
using Coravel.Queuing.Interfaces;
using MimeKit;

namespace BlendPos.Web.Infrastructure.Mail;

/// <summary>
/// <see cref="IFacturaCorreo"/>: records the e-mail as pending in the comprobante row (durable: a restart or another
/// instance's sweep finds it), then queues the first attempt on Coravel's queue. Returns at once; the sale or the
/// invoicing job never waits for SMTP.
/// <para>With e-mail off (no <c>SMTP_HOST</c>) it records <c>correo_estado = error</c> with «Correo no configurado»
/// instead of doing nothing: the receptor asked for the invoice by e-mail, and the invoices list must show that it did
/// not go and why. It is not retried by itself once SMTP is configured (that takes a restart anyway): re-queue it.</para>
/// </summary>
public sealed class FacturaCorreo(
    CorreoComprobantes correos,
    IEnviadorCorreo enviador,
    IQueue queue,
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<FacturaCorreo> logger) : IFacturaCorreo
{
    public const string DireccionInvalida = "La dirección de correo no es válida.";

    public async Task EncolarAsync(Guid comprobanteId, string destinatario, FacturaDocumento documento, CancellationToken ct)
    {
        destinatario = destinatario?.Trim() ?? "";
        var ahora = clock.GetUtcNow();
        if (!EsDireccion(destinatario))
        {
            await correos.MarcarErrorSinIntentoAsync(comprobanteId, destinatario[..Math.Min(destinatario.Length, 200)], DireccionInvalida, ahora, ct);
            logger.LogWarning("Invoice e-mail of comprobante {ComprobanteId} not queued: invalid address", comprobanteId);
            return;
        }
        if (!enviador.Habilitado)
        {
            await correos.MarcarErrorSinIntentoAsync(comprobanteId, destinatario, EnviadorSmtp.NoConfigurado, ahora, ct);
            logger.LogWarning("Invoice e-mail of comprobante {ComprobanteId} not sent: SMTP_HOST is not set", comprobanteId);
            return;
        }
        if (!await correos.MarcarPendienteAsync(comprobanteId, destinatario, ahora, ct))
        {
            logger.LogWarning("Invoice e-mail not queued: comprobante {ComprobanteId} does not exist", comprobanteId);
            return;
        }

        queue.QueueAsyncTask(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<EnvioFacturas>()
                    .EnviarAsync(comprobanteId, documento, lifetime.ApplicationStopping);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The row stays pending (or claimed until its lease ends): the sweep tries again.
                logger.LogError(e, "Queued invoice e-mail of comprobante {ComprobanteId} failed before sending", comprobanteId);
            }
        });
    }

    internal static bool EsDireccion(string texto)
    {
        if (texto.Length is 0 or > 200 || !MailboxAddress.TryParse(texto, out var m) || m.Address != texto) return false;
        var arroba = texto.IndexOf('@');
        return arroba > 0 && arroba < texto.Length - 1;
    }
}
