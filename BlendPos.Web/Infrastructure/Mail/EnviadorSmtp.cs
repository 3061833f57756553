using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace BlendPos.Web.Infrastructure.Mail;

/// <summary>Sends one message now. Throws <see cref="CorreoFallidoException"/> with a Spanish reason when it cannot.</summary>
public interface IEnviadorCorreo
{
    bool Habilitado { get; }
    MailboxAddress? Remitente { get; }
    Task EnviarAsync(MimeMessage mensaje, CancellationToken ct);
}

/// <summary>Why a message did not go, in Spanish for the invoices list; <see cref="Permanente"/> when retrying is pointless.</summary>
public sealed class CorreoFallidoException(string mensaje, bool permanente, Exception? causa = null)
    : Exception(mensaje, causa)
{
    public bool Permanente { get; } = permanente;
}

/// <summary>MailKit over SMTP: one connection per message (a kiosk sends a handful an hour).</summary>
public sealed class EnviadorSmtp(CorreoOptions options) : IEnviadorCorreo
{
    public const string NoConfigurado = "Correo no configurado";

    public bool Habilitado => options.Habilitado;
    public MailboxAddress? Remitente => options.Remitente;

    public async Task EnviarAsync(MimeMessage mensaje, CancellationToken ct)
    {
        if (!options.Habilitado) throw new CorreoFallidoException(NoConfigurado, permanente: true);
        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(options.Host!, options.Port, options.Seguridad switch
            {
                SeguridadSmtp.None => SecureSocketOptions.None,
                SeguridadSmtp.Ssl => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            }, ct);
            if (options.Usuario is not null) await client.AuthenticateAsync(options.Usuario, options.Clave ?? "", ct);
            await client.SendAsync(mensaje, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception e) when (Traducir(e) is { } fallo)
        {
            throw fallo;
        }
    }

    /// <summary>
    /// MailKit's exceptions as a reason a supervisor can act on. A 5xx answer to the message or its recipient is
    /// permanent (a bad address does not get better); connection, TLS, login and 4xx answers are retried.
    /// </summary>
    private CorreoFallidoException? Traducir(Exception e) => e switch
    {
        OperationCanceledException => null,
        SmtpCommandException c when c.ErrorCode == SmtpErrorCode.RecipientNotAccepted =>
            new($"El servidor de correo rechazó el destinatario {c.Mailbox?.Address}: {(int)c.StatusCode} {c.Message}", (int)c.StatusCode >= 500, e),
        SmtpCommandException c =>
            new($"El servidor de correo rechazó el envío: {(int)c.StatusCode} {c.Message}", (int)c.StatusCode >= 500, e),
        AuthenticationException =>
            new("El servidor de correo rechazó el usuario o la contraseña (SMTP_USER / SMTP_PASSWORD).", false, e),
        SocketException s =>
            new($"No se pudo conectar con el servidor de correo {options.Host}:{options.Port} ({s.SocketErrorCode}).", false, e),
        SslHandshakeException =>
            new($"Falló la conexión segura con {options.Host}:{options.Port} (revisá SMTP_TLS).", false, e),
        SmtpProtocolException or ServiceNotConnectedException or IOException or TimeoutException =>
            new($"Se cortó la comunicación con el servidor de correo {options.Host}:{options.Port}: {e.Message}", false, e),
        _ => null,
    };
}
