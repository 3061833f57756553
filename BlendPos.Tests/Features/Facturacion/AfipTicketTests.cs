using BlendPos.Tests.Fakes.Afip;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Infrastructure.Afip;
using Microsoft.Extensions.DependencyInjection;
using static BlendPos.Tests.Features.Facturacion.AfipTestKit;

namespace BlendPos.Tests.Features.Facturacion;

/// <summary>The WSAA login and the durable ticket store (afip_tickets on real PostgreSQL) against the fake AFIP.</summary>
public class AfipTicketTests(AfipAppFixture fx) : IClassFixture<AfipAppFixture>
{
    private const string Clave = "WHERE entorno = 'homologacion' AND cuit = @cuit AND servicio = 'wsfe'";
    private const string Ticket = "FROM afip_tickets " + Clave;

    [Fact]
    public async Task Dummy_answers_ok_without_logging_in()
    {
        await using var afip = await FakeAfip.StartAsync();
        var estado = await fx.Wsfe.DummyAsync(Conexion(afip, NuevoCuit()), default);
        Assert.True(estado.TodoOk);
        Assert.Equal(0, afip.IntentosLogin);
    }

    [Fact]
    public async Task The_ticket_is_stored_and_reused_by_later_calls_and_by_another_instance()
    {
        await using var afip = await FakeAfip.StartAsync();
        var conexion = Conexion(afip, NuevoCuit());

        Assert.Equal(0, await fx.Wsfe.UltimoAutorizadoAsync(conexion, 1, 6, default));
        Assert.Equal(0, await fx.Wsfe.UltimoAutorizadoAsync(conexion, 1, 11, default));
        Assert.Equal(1, afip.Logins);

        var expira = await EscalarAsync<DateTime>(fx.App.Database, "SELECT expira_at " + Ticket, ("cuit", conexion.Cuit));
        Assert.InRange(expira, DateTime.UtcNow.AddHours(11.9), DateTime.UtcNow.AddHours(12.1));

        await using var otra = new BlendPosApp(fx.App.Database, useRedis: false);
        otra.Start();
        Assert.Equal(0, await otra.Services.GetRequiredService<IWsfeClient>().UltimoAutorizadoAsync(conexion, 1, 6, default));
        Assert.Equal(1, afip.Logins);
        Assert.Equal(1, afip.IntentosLogin);
    }

    [Fact]
    public async Task A_ticket_near_expiry_is_renewed_by_one_caller_when_two_instances_race()
    {
        await using var afip = await FakeAfip.StartAsync();
        var conexion = Conexion(afip, NuevoCuit());
        await fx.Wsfe.AutenticarAsync(conexion, default);
        await EjecutarAsync(fx.App.Database, "UPDATE afip_tickets SET expira_at = now() + interval '5 minutes' " + Clave,
            ("cuit", conexion.Cuit));
        afip.OlvidarLogins(); // AFIP would accept a new login now; only one of the callers may ask for it

        await using var otra = new BlendPosApp(fx.App.Database, useRedis: false);
        otra.Start();
        var otroWsfe = otra.Services.GetRequiredService<IWsfeClient>();
        var llamadas = Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? fx.Wsfe : otroWsfe).UltimoAutorizadoAsync(conexion, 1, 6, default));
        Assert.All(await Task.WhenAll(llamadas), n => Assert.Equal(0, n));

        Assert.Equal(2, afip.IntentosLogin);
        Assert.Equal(2, afip.Logins);
        var expira = await EscalarAsync<DateTime>(fx.App.Database, "SELECT expira_at " + Ticket, ("cuit", conexion.Cuit));
        Assert.True(expira > DateTime.UtcNow.AddHours(11));
    }

    [Fact]
    public async Task AlreadyAuthenticated_with_a_stored_ticket_uses_the_stored_one()
    {
        await using var afip = await FakeAfip.StartAsync();
        var conexion = Conexion(afip, NuevoCuit());
        var primero = await fx.Wsfe.AutenticarAsync(conexion, default);
        // Due for renewal but still valid, and AFIP still inside its retention window: the login is refused.
        await EjecutarAsync(fx.App.Database, "UPDATE afip_tickets SET expira_at = now() + interval '5 minutes' " + Clave,
            ("cuit", conexion.Cuit));

        Assert.Equal(0, await fx.Wsfe.UltimoAutorizadoAsync(conexion, 1, 6, default));
        var segundo = await fx.Wsfe.AutenticarAsync(conexion, default);

        Assert.Equal(primero.Token, segundo.Token);
        Assert.Equal(1, afip.Logins);
        Assert.Equal(2, afip.IntentosLogin); // refused once, then the back-off keeps it from asking on every call
    }

    [Fact]
    public async Task AlreadyAuthenticated_without_a_stored_ticket_backs_off_and_says_why()
    {
        await using var afip = await FakeAfip.StartAsync();
        var conexion = Conexion(afip, NuevoCuit());
        await fx.Wsfe.AutenticarAsync(conexion, default);
        await EjecutarAsync(fx.App.Database, "DELETE " + Ticket, ("cuit", conexion.Cuit)); // the classic lost ticket

        var e = await Assert.ThrowsAsync<AfipNoDisponibleException>(() => fx.Wsfe.UltimoAutorizadoAsync(conexion, 1, 6, default));
        Assert.Contains("ya entregó un ticket de acceso", e.Message);
        var hasta = await EscalarAsync<DateTime>(fx.App.Database, "SELECT sin_login_hasta " + Ticket, ("cuit", conexion.Cuit));
        Assert.InRange(hasta, DateTime.UtcNow.AddMinutes(9), DateTime.UtcNow.AddMinutes(11));
        Assert.Equal(2, afip.IntentosLogin);

        // Inside the back-off nobody asks WSAA again (that would extend AFIP's refusal).
        await Assert.ThrowsAsync<AfipNoDisponibleException>(() => fx.Wsfe.UltimoAutorizadoAsync(conexion, 1, 6, default));
        Assert.Equal(2, afip.IntentosLogin);
    }

    [Fact]
    public async Task A_certificate_from_another_CA_is_refused()
    {
        await using var afip = await FakeAfip.StartAsync();
        var cuit = NuevoCuit();
        var (cert, key) = afip.CrearCredencialesNoConfiables(cuit);
        var conexion = new AfipConexion(cuit, afip.WsaaUrl, afip.WsfeUrl, cert, key);

        var e = await Assert.ThrowsAsync<AfipNoDisponibleException>(() => fx.Wsfe.AutenticarAsync(conexion, default));
        Assert.Equal("cms.cert.untrusted", Assert.IsType<WsaaFaultException>(e.InnerException).Codigo);
        Assert.Equal(0, afip.Logins);
    }

    [Fact]
    public async Task An_expired_certificate_is_refused()
    {
        await using var afip = await FakeAfip.StartAsync();
        var cuit = NuevoCuit();
        var (cert, key) = afip.CrearCredenciales(cuit, DateTimeOffset.UtcNow.AddYears(-2), DateTimeOffset.UtcNow.AddDays(-1));
        var e = await Assert.ThrowsAsync<AfipNoDisponibleException>(() =>
            fx.Wsfe.AutenticarAsync(new AfipConexion(cuit, afip.WsaaUrl, afip.WsfeUrl, cert, key), default));
        Assert.Equal("cms.cert.expired", Assert.IsType<WsaaFaultException>(e.InnerException).Codigo);
    }

    [Fact]
    public async Task Err_600_drops_the_ticket_logs_in_again_and_retries_once()
    {
        await using var afip = await FakeAfip.StartAsync();
        var conexion = Conexion(afip, NuevoCuit());
        var viejo = await fx.Wsfe.AutenticarAsync(conexion, default);
        afip.ExpirarTickets(); // AFIP no longer accepts it although our row says it is valid
        afip.OlvidarLogins();

        Assert.Equal(0, await fx.Wsfe.UltimoAutorizadoAsync(conexion, 1, 6, default));

        Assert.Equal(2, afip.Logins);
        Assert.Equal(2, afip.Llamadas("FECompUltimoAutorizado"));
        Assert.NotEqual(viejo.Token, (await fx.Wsfe.AutenticarAsync(conexion, default)).Token);
    }

    [Fact]
    public async Task The_certificate_can_come_as_a_pfx()
    {
        await using var afip = await FakeAfip.StartAsync();
        var cuit = NuevoCuit();
        var (certPem, keyPem) = afip.CrearCredenciales(cuit);
        using var cert = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(
            System.Text.Encoding.ASCII.GetString(certPem), System.Text.Encoding.ASCII.GetString(keyPem));
        var pfx = cert.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx);

        var ticket = await fx.Wsfe.AutenticarAsync(new AfipConexion(cuit, afip.WsaaUrl, afip.WsfeUrl, pfx, null), default);
        Assert.NotEmpty(ticket.Token);
        Assert.Equal(1, afip.Logins);
    }

    [Fact]
    public async Task The_token_sign_and_key_never_reach_the_logs()
    {
        await using var afip = await FakeAfip.StartAsync();
        var conexion = Conexion(afip, NuevoCuit());
        var ticket = await fx.Wsfe.AutenticarAsync(conexion, default);
        await fx.Wsfe.SolicitarCaeAsync(conexion, FacturaB(1), default);

        var texto = string.Join("\n", fx.App.Logs.Lines);
        Assert.Contains("WSAA ticket", texto);
        Assert.DoesNotContain(ticket.Token, texto);
        Assert.DoesNotContain(ticket.Sign, texto);
        Assert.DoesNotContain("PRIVATE KEY", texto);
    }
}
