using System.Globalization;
using MimeKit;

namespace BlendPos.Web.Infrastructure.Mail;

public enum SeguridadSmtp { None, StartTls, Ssl }

/// <summary>
/// The SMTP server and the retry policy, from the environment (seed 11.4): <c>SMTP_HOST</c>, <c>SMTP_PORT</c>,
/// <c>SMTP_USER</c>, <c>SMTP_PASSWORD</c>, <c>SMTP_FROM</c>, <c>SMTP_TLS</c> (none | starttls | ssl),
/// <c>SMTP_TIMEOUT_SECONDS</c>, <c>SMTP_RETRY_MINUTES</c>. Without <c>SMTP_HOST</c> e-mail is off.
/// </summary>
public sealed class CorreoOptions
{
    public string? Host { get; init; }
    public int Port { get; init; }
    public string? Usuario { get; init; }
    /// <summary>Never logged.</summary>
    public string? Clave { get; init; }
    public MailboxAddress? Remitente { get; init; }
    public SeguridadSmtp Seguridad { get; init; } = SeguridadSmtp.StartTls;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Wait before each retry: after the 1st failed attempt the first value, and so on. One attempt more than values;
    /// after the last, the e-mail is in error. Default 1, 5, 15, 60 minutes: five attempts over about 81 minutes.
    /// </summary>
    public IReadOnlyList<TimeSpan> Reintentos { get; init; } =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60)];

    /// <summary>How long a claimed e-mail is someone's: a worker that dies mid-send frees it after this.</summary>
    public TimeSpan Reserva { get; init; } = TimeSpan.FromMinutes(10);

    public bool Habilitado => !string.IsNullOrWhiteSpace(Host);

    public int IntentosMaximos => Reintentos.Count + 1;

    /// <exception cref="InvalidOperationException">A setting is present but unusable (named in the message).</exception>
    public static CorreoOptions FromConfiguration(IConfiguration config)
    {
        var host = config["SMTP_HOST"]?.Trim();
        if (string.IsNullOrEmpty(host)) return new CorreoOptions();

        var seguridad = (config["SMTP_TLS"]?.Trim().ToLowerInvariant()) switch
        {
            null or "" or "starttls" => SeguridadSmtp.StartTls,
            "none" => SeguridadSmtp.None,
            "ssl" => SeguridadSmtp.Ssl,
            var otro => throw new InvalidOperationException($"SMTP_TLS must be none, starttls or ssl (got «{otro}»)."),
        };
        var puertoPorDefecto = seguridad switch { SeguridadSmtp.Ssl => 465, SeguridadSmtp.None => 25, _ => 587 };
        var puerto = Entero(config, "SMTP_PORT", puertoPorDefecto, 1, 65535);

        var from = config["SMTP_FROM"]?.Trim();
        if (string.IsNullOrEmpty(from))
            throw new InvalidOperationException("SMTP_FROM is required when SMTP_HOST is set (e.g. \"Kiosco <facturas@kiosco.com.ar>\").");
        if (!MailboxAddress.TryParse(from, out var remitente))
            throw new InvalidOperationException($"SMTP_FROM is not an e-mail address: «{from}».");

        return new CorreoOptions
        {
            Host = host,
            Port = puerto,
            Usuario = string.IsNullOrWhiteSpace(config["SMTP_USER"]) ? null : config["SMTP_USER"]!.Trim(),
            Clave = config["SMTP_PASSWORD"],
            Remitente = remitente,
            Seguridad = seguridad,
            Timeout = TimeSpan.FromSeconds(Entero(config, "SMTP_TIMEOUT_SECONDS", 30, 1, 600)),
            Reintentos = Minutos(config["SMTP_RETRY_MINUTES"]) ?? new CorreoOptions().Reintentos,
        };
    }

    private static int Entero(IConfiguration config, string clave, int porDefecto, int minimo, int maximo)
    {
        var texto = config[clave];
        if (string.IsNullOrWhiteSpace(texto)) return porDefecto;
        if (!int.TryParse(texto, NumberStyles.None, CultureInfo.InvariantCulture, out var valor) || valor < minimo || valor > maximo)
            throw new InvalidOperationException($"{clave} must be a whole number from {minimo} to {maximo} (got «{texto}»).");
        return valor;
    }

    /// <summary>«1,5,15,60» → those minutes; «» → default; «0» → no retry (a single attempt).</summary>
    private static List<TimeSpan>? Minutos(string? texto)
    {
        if (string.IsNullOrWhiteSpace(texto)) return null;
        if (texto.Trim() == "0") return [];
        var minutos = new List<TimeSpan>();
        foreach (var parte in texto.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(parte, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var m) || m <= 0 || m > 7 * 24 * 60)
                throw new InvalidOperationException($"SMTP_RETRY_MINUTES must be minutes separated by commas, e.g. 1,5,15,60 (got «{texto}»).");
            minutos.Add(TimeSpan.FromMinutes(m));
        }
        return minutos;
    }
}
