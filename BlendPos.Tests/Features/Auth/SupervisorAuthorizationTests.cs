using System.Net;
using System.Net.Http.Json;
using BlendPos.Domain.Catalogo;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Features.Auth;
using BlendPos.Web.Infrastructure.Auth;

namespace BlendPos.Tests.Features.Auth;

/// <summary>
/// A supervisor's credentials typed at a cashier's terminal (<c>/pos?handler=Anular</c>, F8): the dialog never confirms
/// a password, and the terminal's address may only try so often.
/// </summary>
public sealed class SupervisorAuthorizationTests(QuickAppFixture fx) : IClassFixture<QuickAppFixture>
{
    private const string Clave = "clave-1234";
    private static int _seq;
    private static int _pdv = 700;
    private BlendPosApp App => fx.App;

    [Fact]
    public async Task A_cashiers_right_password_is_refused_exactly_like_a_wrong_one()
    {
        var t = await TerminalAsync("203.0.113.10");
        var supervisor = await NewUserAsync("supervisor");

        var cajeroPropio = await t.AnularAsync(t.Cajero, Clave);
        var otroCajero = await t.AnularAsync(await NewUserAsync("cajero"), Clave);
        var claveMala = await t.AnularAsync(supervisor, "no-es-la-clave");
        var desconocido = await t.AnularAsync("nadie" + Interlocked.Increment(ref _seq), Clave);

        Assert.Equal(AuthService.BadSupervisorCredentials, Error(claveMala));
        foreach (var r in new[] { cajeroPropio, otroCajero, desconocido })
        {
            Assert.Equal(claveMala.Status, r.Status);
            Assert.Equal(claveMala.Html, r.Html);
        }

        // The supervisor's own password does void it.
        var ok = await t.AnularAsync(supervisor, Clave);
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Contains($"autorizada por {supervisor}", ok.Html);
    }

    [Fact]
    public async Task A_cashiers_right_password_counts_toward_the_lockout_like_a_wrong_one()
    {
        var t = await TerminalAsync("203.0.113.20");
        var cajero = await NewUserAsync("cajero");

        var errores = new List<string>();
        for (var i = 0; i < 5; i++) errores.Add(Error(await t.AnularAsync(cajero, Clave)));

        Assert.Equal([.. Enumerable.Repeat(AuthService.BadSupervisorCredentials, 4), AuthService.LockedOut], errores);
    }

    [Fact]
    public async Task Supervisor_authorization_is_rate_limited_per_terminal_address()
    {
        var t = await TerminalAsync("203.0.113.30");
        var supervisor = await NewUserAsync("supervisor");

        // Different names each time, so the per-user lockout never kicks in: this is the address's limit.
        for (var i = 0; i < AuthSetup.SupervisorAuthorizationsPerMinute; i++)
        {
            var r = await t.AnularAsync("nadie" + Interlocked.Increment(ref _seq), Clave);
            Assert.Equal(AuthService.BadSupervisorCredentials, Error(r));
        }

        // The next one is refused even with the supervisor's right password, and nothing is voided…
        var limitada = await t.AnularAsync(supervisor, Clave);
        Assert.Equal((HttpStatusCode)422, limitada.Status);
        Assert.Equal(AuthService.TooManyAuthorizations, Error(limitada));
        Assert.Contains("Demasiados intentos", limitada.Html);

        // …while another terminal's address is not held back.
        var otra = await t.From("203.0.113.31").AnularAsync(supervisor, Clave);
        Assert.Equal(HttpStatusCode.OK, otra.Status);
        Assert.Contains($"autorizada por {supervisor}", otra.Html);
    }

    private static string Error((HttpStatusCode Status, string Html) r)
    {
        Assert.Equal((HttpStatusCode)422, r.Status);
        var m = System.Text.RegularExpressions.Regex.Match(r.Html, "<div[^>]*data-pos-error[^>]*>\\s*(.*?)\\s*</div>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(m.Success, r.Html);
        return WebUtility.HtmlDecode(m.Groups[1].Value);
    }

    private async Task<string> NewUserAsync(string rol)
    {
        var name = $"{rol[..3]}{Interlocked.Increment(ref _seq)}.{Guid.NewGuid():N}"[..16];
        await App.CreateUserAsync(name, rol, Clave);
        return name;
    }

    /// <summary>A cashier with an open drawer and one sale, signed in on the POS page, at that client address.</summary>
    private async Task<Terminal> TerminalAsync(string address)
    {
        var pdv = Interlocked.Increment(ref _pdv);
        var cajero = $"caj{pdv}.{Guid.NewGuid():N}"[..16];
        await App.CreateUserAsync(cajero, "cajero", Clave, pdv);
        using var admin = await App.AdminAsync();
        var codigo = "7798" + Interlocked.Increment(ref _seq).ToString("D8");
        codigo += Gtin.ComputeCheckDigit(codigo);
        await (await admin.PostAsJsonAsync("/v1/productos", new
        {
            codigo_barras = codigo, nombre = "Producto " + codigo, categoria = "Golosinas",
            precio_costo = 700m, precio_venta = 1000m, stock_actual = 100,
        })).ShouldBeAsync(HttpStatusCode.Created);
        using var api = await App.ClientAsAsync(cajero, Clave);
        var sesion = (await (await api.PostAsJsonAsync("/v1/caja/abrir", new { monto_inicial = 0m }))
            .ShouldBeAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var venta = (await (await api.PostAsJsonAsync("/v1/ventas", new
        {
            sesion_caja_id = sesion, items = new[] { new { barcode = codigo, cantidad = 1 } },
            pagos = new[] { new { metodo = "efectivo", monto = 1000m } },
        })).ShouldBeAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var web = await App.CookieClientAsync(cajero, Clave);
        var token = Http.MetaContent(await web.GetStringAsync("/pos"), "request-verification-token");
        return new Terminal(web, token, venta, cajero, address);
    }

    private sealed record Terminal(HttpClient Web, string Token, Guid Venta, string Cajero, string Address)
    {
        public Terminal From(string address) => this with { Address = address };

        public async Task<(HttpStatusCode Status, string Html)> AnularAsync(string usuario, string password)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/pos?handler=Anular")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["anular_venta_id"] = Venta.ToString(), ["anular_usuario"] = usuario, ["anular_password"] = password,
                    ["anular_motivo"] = "El cliente se arrepintió",
                }),
                Headers = { { "HX-Request", "true" }, { "RequestVerificationToken", Token }, { BlendPosApp.ClientIpHeader, Address } },
            };
            var response = await Web.SendAsync(request);
            return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }
    }
}
