using BlendPos.Domain;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Features.Facturacion.Documentos;
using BlendPos.Web.Infrastructure.Mail;
using Coravel.Scheduling.Schedule.Interfaces;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static BlendPos.Tests.Features.DocumentosFiscales.CorreoAppFixture;

namespace BlendPos.Tests.Features.DocumentosFiscales;

/// <summary>
/// The invoice e-mail end to end: PostgreSQL rows, Coravel's queue and scheduler, MailKit, and an SMTP server in the
/// test process. Each test uses its own recipient, so the shared server's messages are told apart.
/// </summary>
public class FacturaCorreoTests(CorreoAppFixture fx) : IClassFixture<CorreoAppFixture>
{
    private static readonly TimeSpan Espera = TimeSpan.FromSeconds(30);

    private static string Destinatario() => $"cliente-{Guid.NewGuid():N}@correo.test";

    private async Task EncolarAsync(Guid id, string destinatario, FacturaDocumento? documento = null)
    {
        using var scope = fx.App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IFacturaCorreo>()
            .EncolarAsync(id, destinatario, documento ?? DocumentosDePrueba.FacturaB(), CancellationToken.None);
    }

    private static async Task<int> BarrerAsync(BlendPosApp app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<EnvioFacturas>().EnviarVencidosAsync(CancellationToken.None);
    }

    private Task FalloAsync(Guid id, BlendPosApp? app = null, int intento = 1) => (app ?? fx.App).Logs.WaitForAsync(e =>
        e.RenderMessage().Contains(id.ToString()) && e.RenderMessage().Contains($"failed (attempt {intento})"), Espera);

    [Fact]
    public async Task The_invoice_arrives_with_its_pdf_attached_and_a_spanish_subject()
    {
        var id = await NuevoComprobanteAsync(fx.App);
        var destinatario = Destinatario();

        await EncolarAsync(id, destinatario);

        var mensaje = Assert.Single(await fx.Smtp.EsperarAsync(m => m.To.Mailboxes.Any(b => b.Address == destinatario), 1, Espera));
        Assert.Equal("Factura B 00001-00000012 de Kiosco Don Pepe", mensaje.Subject);
        Assert.Equal("facturas@kiosco.test", Assert.Single(mensaje.From.Mailboxes).Address);
        Assert.Contains("Te enviamos la Factura B 00001-00000012 de Kiosco Don Pepe, del 07/12/2026, por $ 2.972,50.", mensaje.TextBody);
        Assert.Contains("CAE 76123456789012", mensaje.TextBody);
        var adjunto = Assert.IsType<MimePart>(Assert.Single(mensaje.Attachments));
        Assert.Equal("factura-00001-00000012.pdf", adjunto.FileName);
        Assert.Equal("application/pdf", adjunto.ContentType.MimeType);
        using var pdf = new MemoryStream();
        await adjunto.Content!.DecodeToAsync(pdf);
        var texto = LecturaPdf.Texto(pdf.ToArray());
        Assert.Contains("CAE N°: 76123456789012", texto);
        Assert.Contains("Importe Total: $ 2.972,50", texto);

        await fx.App.Logs.WaitForAsync(e => e.RenderMessage().Contains(id.ToString()) && e.RenderMessage().Contains("sent"), Espera);
        var comprobante = await LeerAsync(fx.App, id);
        Assert.Equal(EstadoCorreo.Enviado, comprobante.CorreoEstado);
        Assert.Equal(1, comprobante.CorreoIntentos);
        Assert.Null(comprobante.CorreoProximoIntentoAt);
        Assert.Null(comprobante.CorreoError);
        Assert.Equal(destinatario, comprobante.ReceptorEmail);
        Assert.Equal(EstadoComprobante.Emitido, comprobante.Estado);
    }

    [Fact]
    public async Task Smtp_down_schedules_a_retry_without_touching_the_invoice_and_the_sweep_sends_it_once_up()
    {
        var id = await NuevoComprobanteAsync(fx.App);
        var destinatario = Destinatario();
        var antes = await LeerAsync(fx.App, id);
        await fx.Smtp.CaidoAsync(true);
        try
        {
            await EncolarAsync(id, destinatario);
            await FalloAsync(id);
        }
        finally
        {
            await fx.Smtp.CaidoAsync(false);
        }

        var caido = await LeerAsync(fx.App, id);
        Assert.Equal(EstadoCorreo.Pendiente, caido.CorreoEstado);
        Assert.Equal(1, caido.CorreoIntentos);
        Assert.Equal(fx.Clock.GetUtcNow() + TimeSpan.FromMinutes(1), caido.CorreoProximoIntentoAt);
        Assert.StartsWith("No se pudo conectar con el servidor de correo 127.0.0.1:", caido.CorreoError);
        Assert.Equal((antes.Estado, antes.Cae, antes.Numero, antes.Intentos, antes.Error), (caido.Estado, caido.Cae, caido.Numero, caido.Intentos, caido.Error));

        // SMTP is back, but the retry is not due yet: the sweep leaves it alone.
        await BarrerAsync(fx.App);
        Assert.Empty(fx.Smtp.Para(destinatario));

        fx.Clock.Advance(TimeSpan.FromMinutes(1));
        var armados = fx.Documentos.Armados;
        await BarrerAsync(fx.App);

        var mensaje = Assert.Single(fx.Smtp.Para(destinatario));
        Assert.Equal("factura-00001-00000012.pdf", Assert.Single(mensaje.Attachments).ContentDisposition!.FileName);
        Assert.True(fx.Documentos.Armados > armados, "the sweep rebuilds the document through IFacturaDocumentos");
        var enviado = await LeerAsync(fx.App, id);
        Assert.Equal(EstadoCorreo.Enviado, enviado.CorreoEstado);
        Assert.Equal(2, enviado.CorreoIntentos);
        Assert.Null(enviado.CorreoError);
        Assert.Equal(EstadoComprobante.Emitido, enviado.Estado);
    }

    [Fact]
    public async Task Retries_back_off_1_5_15_60_minutes_then_the_email_is_in_error()
    {
        var id = await NuevoComprobanteAsync(fx.App);
        var destinatario = Destinatario();
        fx.Smtp.RechazarMensajes(true); // 451 on every message: transient, so retried
        try
        {
            await EncolarAsync(id, destinatario);
            await FalloAsync(id);
            var esperas = new[] { 1, 5, 15, 60 };
            for (var intento = 1; intento <= esperas.Length; intento++)
            {
                var c = await LeerAsync(fx.App, id);
                Assert.Equal(EstadoCorreo.Pendiente, c.CorreoEstado);
                Assert.Equal(intento, c.CorreoIntentos);
                Assert.Equal(fx.Clock.GetUtcNow() + TimeSpan.FromMinutes(esperas[intento - 1]), c.CorreoProximoIntentoAt);
                Assert.StartsWith("El servidor de correo rechazó el envío: 451", c.CorreoError);

                fx.Clock.Advance(TimeSpan.FromMinutes(esperas[intento - 1]));
                await BarrerAsync(fx.App);
            }
        }
        finally
        {
            fx.Smtp.RechazarMensajes(false);
        }

        var final = await LeerAsync(fx.App, id);
        Assert.Equal(EstadoCorreo.Error, final.CorreoEstado);
        Assert.Equal(5, final.CorreoIntentos);
        Assert.Null(final.CorreoProximoIntentoAt);
        Assert.StartsWith("El servidor de correo rechazó el envío: 451", final.CorreoError);
        Assert.Equal(EstadoComprobante.Emitido, final.Estado);

        fx.Clock.Advance(TimeSpan.FromDays(1));
        await BarrerAsync(fx.App);
        Assert.Empty(fx.Smtp.Para(destinatario));
        Assert.Equal(5, (await LeerAsync(fx.App, id)).CorreoIntentos);
    }

    [Fact]
    public async Task A_permanent_refusal_is_an_error_at_once_without_retries()
    {
        var id = await NuevoComprobanteAsync(fx.App);
        fx.Smtp.RechazarMensajes(true, permanente: true);
        try
        {
            await EncolarAsync(id, Destinatario());
            await FalloAsync(id);
        }
        finally
        {
            fx.Smtp.RechazarMensajes(false);
        }

        var c = await LeerAsync(fx.App, id);
        Assert.Equal(EstadoCorreo.Error, c.CorreoEstado);
        Assert.Equal(1, c.CorreoIntentos);
        Assert.Null(c.CorreoProximoIntentoAt);
        Assert.StartsWith("El servidor de correo rechazó el envío: 554", c.CorreoError);
    }

    [Fact]
    public async Task Two_instances_sweeping_at_once_send_each_email_exactly_once()
    {
        await using var otra = fx.CrearApp(fx.Database, fx.Smtp.Settings);
        otra.Start();
        var destinatarios = Enumerable.Range(0, 6).Select(_ => Destinatario()).ToList();
        var ids = new List<Guid>();
        foreach (var d in destinatarios)
        {
            var id = await NuevoComprobanteAsync(fx.App);
            ids.Add(id);
            // Pending and due, as a restart leaves them: nothing queued in memory, only the rows.
            await using var conn = fx.Database.Open();
            await using var cmd = new Npgsql.NpgsqlCommand(
                "UPDATE comprobantes SET receptor_email = $1, correo_estado = 'pendiente', correo_intentos = 0, correo_proximo_intento_at = $2 WHERE id = $3", conn);
            cmd.Parameters.Add(new() { Value = d });
            cmd.Parameters.Add(new() { Value = fx.Clock.GetUtcNow() - TimeSpan.FromMinutes(1) });
            cmd.Parameters.Add(new() { Value = id });
            await cmd.ExecuteNonQueryAsync();
        }

        var barridos = Enumerable.Range(0, 4).SelectMany(_ => new[] { BarrerAsync(fx.App), BarrerAsync(otra) }).ToList();
        var intentos = await Task.WhenAll(barridos);

        Assert.Equal(destinatarios.Count, intentos.Sum());
        foreach (var d in destinatarios) Assert.Single(fx.Smtp.Para(d));
        foreach (var id in ids)
        {
            var c = await LeerAsync(fx.App, id);
            Assert.Equal((EstadoCorreo.Enviado, 1), (c.CorreoEstado!.Value, c.CorreoIntentos));
        }
    }

    [Fact]
    public async Task Coravels_scheduler_runs_the_sweep_every_minute()
    {
        var id = await NuevoComprobanteAsync(fx.App);
        var destinatario = Destinatario();
        await fx.Smtp.CaidoAsync(true);
        try
        {
            await EncolarAsync(id, destinatario);
            await FalloAsync(id);
        }
        finally
        {
            await fx.Smtp.CaidoAsync(false);
        }
        fx.Clock.Advance(TimeSpan.FromMinutes(1));

        var scheduler = Assert.IsType<Coravel.Scheduling.Schedule.Scheduler>(fx.App.Services.GetRequiredService<IScheduler>());
        await scheduler.RunAtAsync(new DateTime(2026, 12, 7, 15, 37, 0, DateTimeKind.Utc)); // any minute

        Assert.Single(fx.Smtp.Para(destinatario));
        Assert.Equal(EstadoCorreo.Enviado, (await LeerAsync(fx.App, id)).CorreoEstado);
    }

    [Fact]
    public async Task An_unusable_address_is_recorded_as_an_error_without_trying()
    {
        var id = await NuevoComprobanteAsync(fx.App);

        await EncolarAsync(id, "esto no es un correo");

        var c = await LeerAsync(fx.App, id);
        Assert.Equal(EstadoCorreo.Error, c.CorreoEstado);
        Assert.Equal(FacturaCorreo.DireccionInvalida, c.CorreoError);
        Assert.Equal(0, c.CorreoIntentos);
        Assert.Null(c.CorreoProximoIntentoAt);
    }

    [Fact]
    public async Task Without_smtp_host_the_email_is_recorded_as_not_configured()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var sinCorreo = fx.CrearApp(db, new Dictionary<string, string?>());
        sinCorreo.Start();
        var id = await NuevoComprobanteAsync(sinCorreo);

        using (var scope = sinCorreo.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<IFacturaCorreo>()
                .EncolarAsync(id, Destinatario(), DocumentosDePrueba.FacturaB(), CancellationToken.None);

        var c = await LeerAsync(sinCorreo, id);
        Assert.Equal(EstadoCorreo.Error, c.CorreoEstado);
        Assert.Equal("Correo no configurado", c.CorreoError);
        Assert.Equal(0, c.CorreoIntentos);
        Assert.Equal(EstadoComprobante.Emitido, c.Estado);
        Assert.Equal(0, await BarrerAsync(sinCorreo));
    }

    [Fact]
    public async Task Admins_are_told_by_email_active_admins_with_an_address_only()
    {
        var activo = await fx.App.CreateUserAsync("adm" + Guid.NewGuid().ToString("N")[..8], "admin");
        var inactivo = await fx.App.CreateUserAsync("adm" + Guid.NewGuid().ToString("N")[..8], "admin");
        var cajero = await fx.App.CreateUserAsync("caj" + Guid.NewGuid().ToString("N")[..8], "cajero");
        var asunto = "Factura con error permanente " + Guid.NewGuid().ToString("N")[..6];
        await PonerCorreoAsync(activo, "jefa@kiosco.test");
        await PonerCorreoAsync(inactivo, "ex-admin@kiosco.test", activo: false);
        await PonerCorreoAsync(cajero, "cajero@kiosco.test");

        await fx.App.Services.GetRequiredService<INotificadorAdmins>()
            .NotificarAsync(asunto, "AFIP rechazó la Factura B 00001-00000012: 10015.", CancellationToken.None);

        var aviso = Assert.Single(await fx.Smtp.EsperarAsync(m => m.Subject == asunto, 1, Espera));
        var para = aviso.To.Mailboxes.Select(b => b.Address).ToList();
        Assert.Contains("jefa@kiosco.test", para);
        Assert.DoesNotContain("ex-admin@kiosco.test", para);
        Assert.DoesNotContain("cajero@kiosco.test", para);
        Assert.Contains("10015", aviso.TextBody);
    }

    [Fact]
    public async Task A_notice_that_cannot_be_sent_never_reaches_the_caller()
    {
        var asunto = "Aviso perdido " + Guid.NewGuid().ToString("N")[..6];
        var admin = await fx.App.CreateUserAsync("adm" + Guid.NewGuid().ToString("N")[..8], "admin");
        await PonerCorreoAsync(admin, "duenio@kiosco.test");
        await fx.Smtp.CaidoAsync(true);
        try
        {
            await fx.App.Services.GetRequiredService<INotificadorAdmins>().NotificarAsync(asunto, "cuerpo", CancellationToken.None);
            await fx.App.Logs.WaitForAsync(e => e.RenderMessage().Contains("could not be e-mailed") && e.RenderMessage().Contains(asunto), Espera);
        }
        finally
        {
            await fx.Smtp.CaidoAsync(false);
        }
    }

    private async Task PonerCorreoAsync(Guid usuario, string email, bool activo = true)
    {
        await using var conn = fx.Database.Open();
        await using var cmd = new Npgsql.NpgsqlCommand("UPDATE usuarios SET email = $1, activo = $2 WHERE id = $3", conn);
        cmd.Parameters.Add(new() { Value = email });
        cmd.Parameters.Add(new() { Value = activo });
        cmd.Parameters.Add(new() { Value = usuario });
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
    }
}
