using Coravel.Invocable;

namespace BlendPos.Web.Infrastructure.Mail;

/// <summary>
/// Every minute, on every instance: sends the e-mails whose retry time has come, and any the queue lost to a restart.
/// Instances do not coordinate: each e-mail is claimed atomically (<see cref="CorreoComprobantes"/>).
/// </summary>
public sealed class BarridoCorreos(EnvioFacturas envio, IEnviadorCorreo enviador, IHostApplicationLifetime lifetime) : IInvocable
{
    public async Task Invoke()
    {
        if (!enviador.Habilitado) return;
        await envio.EnviarVencidosAsync(lifetime.ApplicationStopping);
    }
}
