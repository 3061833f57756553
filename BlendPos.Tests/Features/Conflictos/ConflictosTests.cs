using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BlendPos.Domain;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Features.Caja;
using BlendPos.Web.Features.Conflictos;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlendPos.Tests.Features.Conflictos;

/// <summary>
/// /conflictos and ConflictosService on the real database: flagged sales listed with what differed (prices against the
/// price history, stock left below zero, the session closed before the sale), a review recorded once with who and
/// when, stock corrected through the manual adjustment (one ledger line), and the page closed to cashiers. Sales are
/// made online and then given a replay's outcome with SQL (ConflictosKit); the class's tests share one database, so
/// each looks only at its own sales.
/// </summary>
public sealed class ConflictosTests(QuickAppFixture fx) : IClassFixture<QuickAppFixture>
{
    private static int _pdv = 600;

    private BlendPosApp App => fx.App;
    private ConflictosKit Kit => new(App);

    private static int Pdv() => Interlocked.Increment(ref _pdv);
    private static string Nombre(string prefijo) => $"{prefijo}.{Guid.NewGuid():N}"[..16];

    private async Task<T> ServicioAsync<T>(Func<ConflictosService, Task<T>> use)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<ConflictosService>());
    }

    private async Task<ConflictoVenta> DetalleAsync(Guid venta) => await ServicioAsync(s => s.DetalleAsync(venta));

    private async Task<(Guid Id, string Usuario, HttpClient Web)> SupervisorAsync()
    {
        var usuario = Nombre("sup");
        var id = await Kit.UsuarioAsync(usuario, "supervisor");
        return (id, usuario, await App.CookieClientAsync(usuario, ConflictosKit.Clave));
    }

    /// <summary>A page form post as htmx sends it, with the antiforgery token of the signed-in user.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient web, string handler, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = Http.MetaContent(await web.GetStringAsync("/"), "request-verification-token");
        return await web.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/conflictos?handler={handler}")
        {
            Content = new FormUrlEncodedContent(form), Headers = { { "HX-Request", "true" } },
        });
    }

    private static async Task<string> HtmlAsync(HttpResponseMessage r) => WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync());

    /// <summary>What a person reads: the page without its tags, spaces collapsed.</summary>
    private static string Texto(string html) =>
        Regex.Replace(Regex.Replace(WebUtility.HtmlDecode(html), "<[^>]+>", " "), @"\s+", " ");

    [Fact]
    public async Task Lists_flagged_sales_pending_first_and_filters_pending_and_reviewed()
    {
        using var admin = await App.AdminAsync();
        var (_, codigo) = await Kit.ProductoAsync(admin, "Galletitas Terrabusi", 1500m, 100);
        var cajero = await Kit.CajeroAsync(Nombre("caj"), Pdv());
        var precio = await ConflictosKit.VenderAsync(cajero, (codigo, 1));
        var limpia = await ConflictosKit.VenderAsync(cajero, (codigo, 1));
        var sesion = await ConflictosKit.VenderAsync(cajero, (codigo, 2));
        var ayer = DateTimeOffset.UtcNow.AddDays(-1);
        await Kit.ReplayedAsync(precio.Id, ayer, precio: true);
        await Kit.ReplayedAsync(limpia.Id, ayer); // replayed without conflicts: not for review
        await Kit.ReplayedAsync(sesion.Id, ayer.AddMinutes(5), sesion: true);
        var (supId, _, _) = await SupervisorAsync();
        await ServicioAsync(s => s.MarcarRevisadaAsync(sesion.Id, new Actor(supId, "supervisor")));

        async Task<Guid[]> IdsAsync(FiltroConflictos f) =>
            (await ServicioAsync(s => s.ListarAsync(f, 1, 200))).Items.Select(v => v.Id)
            .Where(id => id == precio.Id || id == limpia.Id || id == sesion.Id).ToArray();

        Assert.Equal([precio.Id], await IdsAsync(FiltroConflictos.Pendientes));
        Assert.Equal([sesion.Id], await IdsAsync(FiltroConflictos.Revisadas));
        Assert.Equal([precio.Id, sesion.Id], await IdsAsync(FiltroConflictos.Todas)); // pending first, though older
        var v = await DetalleAsync(precio.Id);
        Assert.Equal((precio.Ticket, cajero.Usuario, 1500m, true, false), (v.Ticket, v.Cajero, v.Total, v.Offline, v.Revisada));
    }

    [Fact]
    public async Task Price_conflict_shows_each_offline_price_beside_the_catalog_price_at_the_sale_and_today()
    {
        using var admin = await App.AdminAsync();
        var (p, codigoP) = await Kit.ProductoAsync(admin, "Yerba Playadito 1 kg", 1000m, 50);
        var (q, codigoQ) = await Kit.ProductoAsync(admin, "Fernet Branca 750", 600m, 50);
        var (r, codigoR) = await Kit.ProductoAsync(admin, "Alfajor Jorgito", 750m, 50);
        var cajero = await Kit.CajeroAsync(Nombre("caj"), Pdv());
        var venta = await ConflictosKit.VenderAsync(cajero, (codigoP, 1), (codigoQ, 2), (codigoR, 1));
        var now = DateTimeOffset.UtcNow;
        var hecha = now.AddDays(-1);
        await Kit.HistorialAsync(p, (800m, now.AddDays(-30)), (1000m, now.AddDays(-2)), (1200m, now.AddHours(-1)));
        await Kit.HistorialAsync(q, (500m, now.AddDays(-30)), (600m, now.AddDays(-3)));  // 500 held until 2 days before the sale
        await Kit.HistorialAsync(r, (700m, now.AddDays(-30)), (750m, now.AddDays(-10))); // 700 replaced before the 7 days
        await Kit.PrecioOfflineAsync(venta.Id, p, 950m);
        await Kit.PrecioOfflineAsync(venta.Id, q, 500m);
        await Kit.PrecioOfflineAsync(venta.Id, r, 700m);
        await Kit.ReplayedAsync(venta.Id, hecha, precio: true);

        var items = (await DetalleAsync(venta.Id)).Precios.ToDictionary(i => i.ProductoId);

        Assert.Equal(3, items.Count);
        Assert.Equal((950m, 1000m, 1200m, false), (items[p].PrecioOffline, items[p].PrecioEnFecha, items[p].PrecioActual, items[p].PrecioConocido));
        Assert.Equal((500m, 600m, 600m, true), (items[q].PrecioOffline, items[q].PrecioEnFecha, items[q].PrecioActual, items[q].PrecioConocido));
        Assert.Equal((700m, 750m, 750m, false), (items[r].PrecioOffline, items[r].PrecioEnFecha, items[r].PrecioActual, items[r].PrecioConocido));
        Assert.Equal(2, items[q].Cantidad);
        Assert.Empty((await DetalleAsync(venta.Id)).Stock); // not a stock conflict

        var (_, _, web) = await SupervisorAsync();
        var html = WebUtility.HtmlDecode(await web.GetStringAsync("/conflictos"));
        Assert.Contains(venta.Ticket, html);
        foreach (var monto in new[] { "$ 950,00", "$ 1.000,00", "$ 1.200,00", "Precio desconocido" }) Assert.Contains(monto, html);
    }

    [Fact]
    public async Task Stock_conflict_shows_each_product_the_sale_left_below_zero_and_its_stock_now()
    {
        using var admin = await App.AdminAsync();
        var (s, codigoS) = await Kit.ProductoAsync(admin, "Coca-Cola 500 ml", 1400m, 10);
        var (_, codigoT) = await Kit.ProductoAsync(admin, "Chicle Beldent", 500m, 10);
        var cajero = await Kit.CajeroAsync(Nombre("caj"), Pdv());
        var venta = await ConflictosKit.VenderAsync(cajero, (codigoS, 3), (codigoT, 1));
        await Kit.StockNegativoAsync(venta.Id, s, -2);
        await Kit.ReplayedAsync(venta.Id, DateTimeOffset.UtcNow.AddHours(-3), stock: true);

        var v = await DetalleAsync(venta.Id);

        var item = Assert.Single(v.Stock);
        Assert.Equal((s, "Coca-Cola 500 ml", codigoS, -3, -2, -2), (item.ProductoId, item.Nombre, item.CodigoBarras, item.Movimiento, item.StockResultante, item.StockActual));
        Assert.Empty(v.Precios);
    }

    [Fact]
    public async Task Session_conflict_shows_the_session_and_when_it_closed_in_argentina_time()
    {
        using var admin = await App.AdminAsync();
        var (_, codigo) = await Kit.ProductoAsync(admin, "Pan lactal", 2100m, 10);
        var cajero = await Kit.CajeroAsync(Nombre("caj"), Pdv());
        var venta = await ConflictosKit.VenderAsync(cajero, (codigo, 1));
        var hecha = new DateTimeOffset(2026, 11, 27, 21, 0, 0, TimeSpan.Zero);   // 18:00 in Buenos Aires
        var cerrada = new DateTimeOffset(2026, 11, 27, 21, 30, 0, TimeSpan.Zero); // 18:30
        await Kit.CerrarSesionAsync(cajero.Sesion, cerrada);
        await Kit.ReplayedAsync(venta.Id, hecha, sesion: true);

        var v = await DetalleAsync(venta.Id);

        Assert.Equal((cajero.Sesion, cajero.Usuario, EstadoSesionCaja.Cerrada, (DateTimeOffset?)cerrada),
            (v.Sesion.Id, v.Sesion.Usuario, v.Sesion.Estado, v.Sesion.ClosedAt));
        var (_, _, web) = await SupervisorAsync();
        var html = await web.GetStringAsync("/conflictos?estado=todas&page=1");
        Assert.Contains("que se cerró el 27/11/2026 18:30", Texto(html));
        Assert.Contains("Vendida 27/11/2026 18:00", Texto(html));
        Assert.Contains($"/caja/sesiones/{cajero.Sesion}", html);
    }

    [Fact]
    public async Task A_sale_replayed_through_sync_batch_shows_its_oversold_stock_and_unknown_price()
    {
        using var admin = await App.AdminAsync();
        var (p, codigo) = await Kit.ProductoAsync(admin, "Turrón Misky", 600m, 1);
        var cajero = await Kit.CajeroAsync(Nombre("caj"), Pdv());
        var id = Guid.NewGuid();

        var lote = await (await cajero.Api.PostAsJsonAsync("/v1/ventas/sync-batch", new
        {
            ventas = new[]
            {
                new
                {
                    id, sesion_caja_id = cajero.Sesion, created_at = DateTimeOffset.UtcNow.AddMinutes(-5),
                    items = new[] { new { barcode = codigo, cantidad = 3, precio_unitario = 550m } },
                    pagos = new[] { new { metodo = "efectivo", monto = 2000m } }, descuento_total = 0m,
                },
            },
        })).ShouldBeAsync(HttpStatusCode.OK);
        var resultado = lote.GetProperty("resultados")[0];
        Assert.Equal("procesada", resultado.GetProperty("estado").GetString());

        var v = await DetalleAsync(id);
        Assert.True(v.Offline);
        var stock = Assert.Single(v.Stock);
        Assert.Equal((p, -3, -2, -2), (stock.ProductoId, stock.Movimiento, stock.StockResultante, stock.StockActual));
        var precio = Assert.Single(v.Precios);
        Assert.Equal((550m, 600m, 600m, false), (precio.PrecioOffline, precio.PrecioEnFecha, precio.PrecioActual, precio.PrecioConocido));
    }

    [Fact]
    public async Task A_review_is_recorded_once_with_who_and_when_and_a_second_one_is_refused_in_spanish()
    {
        using var admin = await App.AdminAsync();
        var (_, codigo) = await Kit.ProductoAsync(admin, "Leche La Serenísima", 1300m, 10);
        var cajero = await Kit.CajeroAsync(Nombre("caj"), Pdv());
        var venta = await ConflictosKit.VenderAsync(cajero, (codigo, 1));
        await Kit.ReplayedAsync(venta.Id, DateTimeOffset.UtcNow.AddHours(-2), precio: true);
        var (supId, supUsuario, web) = await SupervisorAsync();
        var form = new Dictionary<string, string> { ["venta_id"] = venta.Id.ToString() };

        var antes = DateTimeOffset.UtcNow;
        var ok = await PostAsync(web, "Revisar", new(form));
        var despues = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var card = await HtmlAsync(ok);
        Assert.Contains($"Venta {venta.Ticket} marcada como revisada.", card);
        Assert.Contains($"Revisada por {supUsuario} el", Texto(card));
        Assert.Contains("id=\"nav-conflictos\"", card); // the badge follows out of band
        var fila = await Kit.DbAsync(db => db.Ventas.AsNoTracking().SingleAsync(v => v.Id == venta.Id));
        var (at, por) = (fila.ConflictoRevisadoAt, fila.ConflictoRevisadoPorId);
        Assert.Equal(supId, por);
        Assert.InRange(at!.Value, antes.AddSeconds(-1), despues.AddSeconds(1));

        var (_, otroUsuario, otro) = await SupervisorAsync();
        var again = await PostAsync(otro, "Revisar", new(form));
        Assert.Equal((HttpStatusCode)422, again.StatusCode);
        Assert.Contains($"La venta {venta.Ticket} ya fue revisada por {supUsuario} el", await HtmlAsync(again));
        var e = await Assert.ThrowsAsync<ConflictException>(() => ServicioAsync(s => s.MarcarRevisadaAsync(venta.Id, new Actor(supId, "supervisor"))));
        Assert.Equal(409, e.Status);
        var v = await DetalleAsync(venta.Id);
        Assert.Equal((at, supUsuario), (v.RevisadoAt, v.RevisadoPor)); // the first review stands
        Assert.NotEqual(otroUsuario, v.RevisadoPor);
    }

    [Fact]
    public async Task Two_supervisors_reviewing_at_once_write_one_review()
    {
        using var admin = await App.AdminAsync();
        var (_, codigo) = await Kit.ProductoAsync(admin, "Agua Villavicencio", 900m, 10);
        var cajero = await Kit.CajeroAsync(Nombre("caj"), Pdv());
        var venta = await ConflictosKit.VenderAsync(cajero, (codigo, 1));
        await Kit.ReplayedAsync(venta.Id, DateTimeOffset.UtcNow.AddHours(-1), stock: true);
        var a = await Kit.UsuarioAsync(Nombre("supa"), "supervisor");
        var b = await Kit.UsuarioAsync(Nombre("supb"), "supervisor");

        var intentos = await Task.WhenAll(new[] { a, b, a, b }.Select(async u =>
        {
            try { await ServicioAsync(s => s.MarcarRevisadaAsync(venta.Id, new Actor(u, "supervisor"))); return true; }
            catch (ConflictException) { return false; }
        }));

        Assert.Single(intentos, ok => ok);
    }

    [Fact]
    public async Task A_cashier_cannot_open_the_page_nor_review()
    {
        using var admin = await App.AdminAsync();
        var (_, codigo) = await Kit.ProductoAsync(admin, "Caramelos Sugus", 300m, 10);
        var cajero = await Kit.CajeroAsync(Nombre("caj"), Pdv());
        var venta = await ConflictosKit.VenderAsync(cajero, (codigo, 1));
        await Kit.ReplayedAsync(venta.Id, DateTimeOffset.UtcNow.AddHours(-1), precio: true);
        using var web = await App.CookieClientAsync(cajero.Usuario, ConflictosKit.Clave);

        var get = await web.GetAsync("/conflictos");
        var post = await PostAsync(web, "Revisar", new() { ["venta_id"] = venta.Id.ToString() });

        foreach (var r in new[] { get, post })
        {
            Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"{(int)r.StatusCode}");
            var destino = r.Headers.Location;
            if (destino is not null) Assert.Equal("/acceso-denegado", destino.IsAbsoluteUri ? destino.AbsolutePath : destino.OriginalString.Split('?')[0]);
        }
        Assert.False((await DetalleAsync(venta.Id)).Revisada);
        Assert.DoesNotContain("href=\"/conflictos\"", await web.GetStringAsync("/"));
    }

    [Fact]
    public async Task Adjusting_stock_from_the_page_writes_one_ledger_line_through_the_manual_adjustment()
    {
        using var admin = await App.AdminAsync();
        var (s, codigo) = await Kit.ProductoAsync(admin, "Cerveza Quilmes 1 L", 2500m, 10);
        var cajero = await Kit.CajeroAsync(Nombre("caj"), Pdv());
        var venta = await ConflictosKit.VenderAsync(cajero, (codigo, 4));
        await Kit.StockNegativoAsync(venta.Id, s, -2);
        await Kit.ReplayedAsync(venta.Id, DateTimeOffset.UtcNow.AddHours(-1), stock: true);
        var (supId, _, web) = await SupervisorAsync();
        Dictionary<string, string> Form(string modo, string cantidad, string motivo) => new()
        {
            ["venta_id"] = venta.Id.ToString(), ["producto_id"] = s.ToString(), ["modo"] = modo, ["cantidad"] = cantidad, ["motivo"] = motivo,
        };
        Task<int> LineasAsync() => Kit.DbAsync(db => db.MovimientosStock.CountAsync(m => m.ProductoId == s));
        var lineas = await LineasAsync();

        var contado = await PostAsync(web, "Ajustar", Form("contado", "5", "Recuento en góndola"));
        Assert.Equal(HttpStatusCode.OK, contado.StatusCode);
        Assert.Contains("Stock de «Cerveza Quilmes 1 L» ajustado: ahora hay 5.", await HtmlAsync(contado));
        var linea = await Kit.DbAsync(db => db.MovimientosStock.Where(m => m.ProductoId == s).OrderByDescending(m => m.Id).FirstAsync());
        Assert.Equal((TipoMovimientoStock.Ajuste, 7, 5, $"Recuento en góndola (conflicto venta {venta.Ticket})", (Guid?)supId),
            (linea.Tipo, linea.Cantidad, linea.StockResultante, linea.Motivo, linea.UsuarioId));

        var ajuste = await PostAsync(web, "Ajustar", Form("ajuste", "-1", "Rotura"));
        Assert.Equal(HttpStatusCode.OK, ajuste.StatusCode);
        Assert.Equal(4, (await DetalleAsync(venta.Id)).Stock.Single().StockActual);
        Assert.Equal(lineas + 2, await LineasAsync());

        var igual = await PostAsync(web, "Ajustar", Form("contado", "4", "Recuento"));
        Assert.Equal((HttpStatusCode)422, igual.StatusCode);
        Assert.Contains("ya es 4: no hay nada que ajustar", await HtmlAsync(igual));
        var sinMotivo = await PostAsync(web, "Ajustar", Form("ajuste", "3", " "));
        Assert.Equal((HttpStatusCode)422, sinMotivo.StatusCode);
        Assert.Contains("Indicá el motivo del ajuste.", await HtmlAsync(sinMotivo)); // InventarioService's own rule
        Assert.Equal(lineas + 2, await LineasAsync());
    }

    [Fact]
    public async Task The_nav_badge_counts_pending_conflicts_for_supervisors_and_a_review_lowers_it()
    {
        using var admin = await App.AdminAsync();
        var (_, codigo) = await Kit.ProductoAsync(admin, "Mate cocido", 800m, 10);
        var cajero = await Kit.CajeroAsync(Nombre("caj"), Pdv());
        var venta = await ConflictosKit.VenderAsync(cajero, (codigo, 1));
        await Kit.ReplayedAsync(venta.Id, DateTimeOffset.UtcNow.AddHours(-1), precio: true);
        // What the replay does after flagging a sale, so the badge shows it at once.
        var pendientes = await ServicioAsync(s => { s.InvalidarContador(); return s.CantidadPendientesAsync(); });
        var (_, _, web) = await SupervisorAsync();

        var home = await web.GetStringAsync("/");
        Assert.Matches($"<span id=\"nav-conflictos\"[^>]*>{pendientes}</span>", home);
        Assert.Contains("href=\"/conflictos\"", home);

        var r = await PostAsync(web, "Revisar", new() { ["venta_id"] = venta.Id.ToString() });
        var despues = pendientes > 1 ? (pendientes - 1).ToString() : ""; // at zero it is an empty hidden span
        Assert.Matches($"<span id=\"nav-conflictos\"[^>]*hx-swap-oob=\"true\"[^>]*>{despues}</span>", await r.Content.ReadAsStringAsync());
    }
}

/// <summary>A database without flagged sales: the page says there is nothing to review.</summary>
public sealed class ConflictosVaciosTests(QuickAppFixture fx) : IClassFixture<QuickAppFixture>
{
    [Fact]
    public async Task Without_flagged_sales_the_page_says_there_is_nothing_to_review_and_shows_no_badge()
    {
        var usuario = $"sup.{Guid.NewGuid():N}"[..16];
        await fx.App.CreateUserAsync(usuario, "supervisor", ConflictosKit.Clave);
        using var web = await fx.App.CookieClientAsync(usuario, ConflictosKit.Clave);

        var html = WebUtility.HtmlDecode(await web.GetStringAsync("/conflictos"));

        Assert.Contains("No hay ventas con conflictos para revisar.", html);
        Assert.DoesNotContain("id=\"nav-conflictos\"", html);
    }
}
