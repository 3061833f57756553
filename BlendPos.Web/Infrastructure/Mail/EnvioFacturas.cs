using BlendPos.Web.Features.Facturacion.Documentos;

namespace BlendPos.Web.Infrastructure.Mail;

/// <summary>
/// One attempt at e-mailing a claimed document: rebuild it (unless the caller still has it), render the PDF, send, and
/// record the outcome — sent, retry later with back-off, or error after the last attempt. Never throws for a failed
/// send (that is a recorded outcome), and never touches the comprobante's invoicing state.
/// </summary>
public sealed class EnvioFacturas(
    CorreoComprobantes correos,
    IEnviadorCorreo enviador,
    IFacturaPdf pdf,
    CorreoOptions options,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<EnvioFacturas> logger)
{
    /// <summary>The first attempt, queued right after <see cref="IFacturaCorreo.EncolarAsync"/> with the document in hand.</summary>
    public async Task EnviarAsync(Guid comprobanteId, FacturaDocumento? documento, CancellationToken ct)
    {
        if (await correos.ReclamarAsync(comprobanteId, clock.GetUtcNow(), options.Reserva, ct) is { } reclamado)
            await IntentarAsync(reclamado, documento, ct);
    }

    /// <summary>Every due e-mail, in batches, until none is left (the sweep). Returns how many attempts it made.</summary>
    public async Task<int> EnviarVencidosAsync(CancellationToken ct)
    {
        var intentos = 0;
        for (var tanda = 0; tanda < 50 && !ct.IsCancellationRequested; tanda++) // bounded: 50 × 20 per minute is plenty
        {
            var reclamados = await correos.ReclamarVencidosAsync(clock.GetUtcNow(), options.Reserva, 20, ct);
            foreach (var reclamado in reclamados) await IntentarAsync(reclamado, null, ct);
            intentos += reclamados.Count;
            if (reclamados.Count < 20) break;
        }
        return intentos;
    }

    private async Task IntentarAsync(CorreoReclamado r, FacturaDocumento? documento, CancellationToken ct)
    {
        try
        {
            documento ??= await ArmarAsync(r.ComprobanteId, ct);
            var mensaje = MensajeFactura.Armar(documento, pdf.Render(documento), enviador.Remitente!, r.Destinatario, clock.GetUtcNow());
            await enviador.EnviarAsync(mensaje, ct);
            await correos.MarcarEnviadoAsync(r.ComprobanteId, clock.GetUtcNow());
            logger.LogInformation("Invoice e-mail of comprobante {ComprobanteId} sent (attempt {Intento})", r.ComprobanteId, r.Intento);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the claim's lease runs out and the sweep of another (or the next) start retries it.
            throw;
        }
        catch (Exception e)
        {
            var permanente = e is CorreoFallidoException { Permanente: true };
            var motivo = e is CorreoFallidoException ? e.Message : "No se pudo preparar el correo: " + e.Message;
            DateTimeOffset? reintento = !permanente && r.Intento < options.IntentosMaximos
                ? clock.GetUtcNow() + options.Reintentos[r.Intento - 1]
                : null;
            await correos.MarcarFalloAsync(r.ComprobanteId, motivo, reintento, clock.GetUtcNow());
            logger.LogWarning(e is CorreoFallidoException ? null : e,
                "Invoice e-mail of comprobante {ComprobanteId} failed (attempt {Intento}): {Motivo}; next attempt {Reintento}",
                r.ComprobanteId, r.Intento, motivo, reintento?.ToString("O") ?? "none (error)");
        }
    }

    private async Task<FacturaDocumento> ArmarAsync(Guid comprobanteId, CancellationToken ct)
    {
        // Resolved here, not in the constructor: invoicing provides it, and the sweep must not fail to start without it.
        var documentos = services.GetService<IFacturaDocumentos>()
            ?? throw new InvalidOperationException("IFacturaDocumentos is not registered (invoicing builds the documents).");
        return await documentos.ArmarAsync(comprobanteId, ct)
            ?? throw new CorreoFallidoException("El comprobante ya no existe.", permanente: true);
    }
}
