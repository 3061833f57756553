using BlendPos.Web.Infrastructure.Mail;
using Microsoft.Extensions.Configuration;

namespace BlendPos.Tests.Features.DocumentosFiscales;

public class CorreoOptionsTests
{
    private static CorreoOptions Leer(params (string Clave, string? Valor)[] valores) => CorreoOptions.FromConfiguration(
        new ConfigurationBuilder().AddInMemoryCollection(valores.Select(v => KeyValuePair.Create(v.Clave, v.Valor))).Build());

    [Fact]
    public void Without_host_email_is_off()
    {
        var o = Leer(("SMTP_HOST", " "), ("SMTP_TLS", "cualquiera"));
        Assert.False(o.Habilitado);
    }

    [Theory]
    [InlineData(null, SeguridadSmtp.StartTls, 587)]
    [InlineData("starttls", SeguridadSmtp.StartTls, 587)]
    [InlineData("SSL", SeguridadSmtp.Ssl, 465)]
    [InlineData("none", SeguridadSmtp.None, 25)]
    public void Tls_mode_picks_the_default_port(string? tls, SeguridadSmtp seguridad, int puerto)
    {
        var o = Leer(("SMTP_HOST", "smtp.kiosco.test"), ("SMTP_TLS", tls), ("SMTP_FROM", "facturas@kiosco.test"));
        Assert.True(o.Habilitado);
        Assert.Equal((seguridad, puerto), (o.Seguridad, o.Port));
        Assert.Equal("facturas@kiosco.test", o.Remitente!.Address);
        Assert.Null(o.Usuario);
    }

    [Fact]
    public void Everything_set()
    {
        var o = Leer(("SMTP_HOST", "smtp.kiosco.test"), ("SMTP_PORT", "2525"), ("SMTP_USER", "kiosco"), ("SMTP_PASSWORD", "s3creta"),
            ("SMTP_FROM", "Kiosco Don Pepe <facturas@kiosco.test>"), ("SMTP_TIMEOUT_SECONDS", "10"), ("SMTP_RETRY_MINUTES", "2, 10"));
        Assert.Equal(2525, o.Port);
        Assert.Equal(("kiosco", "s3creta"), (o.Usuario, o.Clave));
        Assert.Equal("Kiosco Don Pepe", o.Remitente!.Name);
        Assert.Equal(TimeSpan.FromSeconds(10), o.Timeout);
        Assert.Equal([TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)], o.Reintentos);
        Assert.Equal(3, o.IntentosMaximos);
    }

    [Fact]
    public void Default_back_off_is_1_5_15_60_minutes_five_attempts()
    {
        var o = Leer(("SMTP_HOST", "smtp.kiosco.test"), ("SMTP_FROM", "facturas@kiosco.test"));
        Assert.Equal(new[] { 1, 5, 15, 60 }.Select(m => TimeSpan.FromMinutes(m)), o.Reintentos);
        Assert.Equal(5, o.IntentosMaximos);
        Assert.Equal(1, Leer(("SMTP_HOST", "h"), ("SMTP_FROM", "a@b.test"), ("SMTP_RETRY_MINUTES", "0")).IntentosMaximos);
    }

    [Theory]
    [InlineData("SMTP_TLS", "tls", "SMTP_TLS must be none, starttls or ssl")]
    [InlineData("SMTP_PORT", "70000", "SMTP_PORT must be a whole number from 1 to 65535")]
    [InlineData("SMTP_FROM", "", "SMTP_FROM is required")]
    [InlineData("SMTP_FROM", "no es un correo <", "SMTP_FROM is not an e-mail address")]
    [InlineData("SMTP_RETRY_MINUTES", "1,x", "SMTP_RETRY_MINUTES must be minutes")]
    public void Unusable_settings_stop_the_start_with_the_setting_named(string clave, string valor, string mensaje)
    {
        var valores = new Dictionary<string, string?> { ["SMTP_HOST"] = "smtp.kiosco.test", ["SMTP_FROM"] = "facturas@kiosco.test", [clave] = valor };
        var e = Assert.Throws<InvalidOperationException>(() => Leer(valores.Select(kv => (kv.Key, kv.Value)).ToArray()));
        Assert.StartsWith(mensaje, e.Message);
    }
}
