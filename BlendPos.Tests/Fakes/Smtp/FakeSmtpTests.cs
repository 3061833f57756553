using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace BlendPos.Tests.Fakes.Smtp;

/// <summary>The fake itself: what the mail tests of invoicing rely on.</summary>
public class FakeSmtpTests
{
    private static MimeMessage Mensaje(string asunto)
    {
        var m = new MimeMessage();
        m.From.Add(MailboxAddress.Parse("kiosco@kiosco.test"));
        m.To.Add(MailboxAddress.Parse("cliente@correo.test"));
        m.Subject = asunto;
        m.Body = new TextPart("plain") { Text = "Hola" };
        return m;
    }

    private static async Task EnviarAsync(FakeSmtp smtp, MimeMessage mensaje, string? usuario = null, string? clave = null)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, SecureSocketOptions.None);
        if (usuario is not null) await client.AuthenticateAsync(usuario, clave ?? "");
        await client.SendAsync(mensaje);
        await client.DisconnectAsync(true);
    }

    [Fact]
    public async Task Keeps_what_mailkit_sends_and_wakes_the_waiter()
    {
        await using var smtp = await FakeSmtp.StartAsync();
        var espera = smtp.EsperarAsync(2, TimeSpan.FromSeconds(10));

        await EnviarAsync(smtp, Mensaje("uno"));
        Assert.False(espera.IsCompleted);
        await EnviarAsync(smtp, Mensaje("dos"));

        var mensajes = await espera;
        Assert.Equal(["uno", "dos"], mensajes.Select(m => m.Subject));
        Assert.NotEqual(0, smtp.Port);
    }

    [Fact]
    public async Task Waiting_for_more_than_arrive_times_out_with_the_count()
    {
        await using var smtp = await FakeSmtp.StartAsync();
        await EnviarAsync(smtp, Mensaje("uno"));

        var e = await Assert.ThrowsAsync<TimeoutException>(() => smtp.EsperarAsync(2, TimeSpan.FromMilliseconds(200)));
        Assert.Contains("1 arrived", e.Message);
    }

    [Fact]
    public async Task Down_refuses_connections_and_up_listens_again_on_the_same_port()
    {
        await using var smtp = await FakeSmtp.StartAsync();
        var port = smtp.Port;

        await smtp.CaidoAsync(true);
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => EnviarAsync(smtp, Mensaje("caído")));

        await smtp.CaidoAsync(false);
        Assert.Equal(port, smtp.Port);
        await EnviarAsync(smtp, Mensaje("de nuevo"));
        Assert.Equal("de nuevo", Assert.Single(await smtp.EsperarAsync(1, TimeSpan.FromSeconds(10))).Subject);
    }

    [Fact]
    public async Task Refusing_answers_a_transient_error_and_keeps_nothing()
    {
        await using var smtp = await FakeSmtp.StartAsync();
        smtp.RechazarMensajes(true);

        var e = await Assert.ThrowsAsync<SmtpCommandException>(() => EnviarAsync(smtp, Mensaje("rechazado")));
        Assert.Equal(451, (int)e.StatusCode);
        Assert.Empty(smtp.Mensajes);
        Assert.Equal(1, smtp.Rechazados);
    }

    [Fact]
    public async Task With_credentials_it_requires_them()
    {
        await using var smtp = await FakeSmtp.StartAsync("kiosco", "clave-smtp");

        await Assert.ThrowsAsync<AuthenticationException>(() => EnviarAsync(smtp, Mensaje("mal"), "kiosco", "otra"));
        await EnviarAsync(smtp, Mensaje("bien"), "kiosco", "clave-smtp");
        Assert.Equal("bien", Assert.Single(await smtp.EsperarAsync(1, TimeSpan.FromSeconds(10))).Subject);
    }
}
