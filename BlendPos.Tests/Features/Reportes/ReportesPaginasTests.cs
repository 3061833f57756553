using System.Globalization;
using System.Net;
using BlendPos.Tests.Features.Caja;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Features.Reportes;
using CsvHelper;
using static BlendPos.Tests.Features.Reportes.ReportesAppFixture;

namespace BlendPos.Tests.Features.Reportes;

/// <summary>
/// The report pages over HTTP with the page cookie: CSV downloads that Excel in Spanish opens (BOM, «;», decimal comma)
/// and that read back to the report's numbers; who may open them; the supervisor's home is the dashboard.
/// </summary>
public sealed class ReportesPaginasTests(ReportesAppFixture fx) : IClassFixture<ReportesAppFixture>
{
    private static readonly CultureInfo EsAr = CultureInfo.GetCultureInfo("es-AR");
    private BlendPosApp App => fx.App;

    private Task<HttpClient> PaginasAsync(Persona p) => App.CookieClientAsync(p.Usuario, CajaKit.Password);

    /// <summary>Downloads a CSV, checks it is UTF-8 with a BOM, and reads it back with CsvHelper: header and rows.</summary>
    private static async Task<(string[] Encabezado, List<string[]> Filas)> CsvAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var reader = CsvReader.Create(bytes[3..], new CsvReaderOptions { Separator = ';', HasHeader = true });
        var filas = new List<string[]>();
        foreach (var row in reader)
        {
            var campos = new string[row.FieldCount];
            for (var i = 0; i < campos.Length; i++) campos[i] = row.GetString(i);
            filas.Add(campos);
        }
        return (reader.Headers.ToArray(), filas);
    }

    private static decimal Dec(string s) => decimal.Parse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, EsAr);

    [Fact]
    public async Task Sales_csv_parses_back_to_the_report_in_es_AR()
    {
        var e = await fx.EscenarioAsync();
        using var sup = await PaginasAsync(e.Sup);
        var reporte = await App.ReportesAsync(s => s.VentasAsync(new FiltroReporte(Dia14, Dia15), e.SupActor));

        var (encabezado, filas) = await CsvAsync(sup, "/reportes/ventas?desde=2026-10-14&hasta=2026-10-15&handler=csv");
        Assert.Equal(["Día", "Tickets", "Total", "Ticket promedio", "Anuladas", "Total anulado"], encabezado);
        Assert.Equal(["14/10/2026", "1", "2000,00", "2000,00", "0", "0,00"], filas[0]);
        Assert.Equal(reporte.PorDia.Select(d => (d.Tickets, d.Total, d.Anuladas, d.TotalAnulado)),
            filas.Select(f => (int.Parse(f[1], EsAr), Dec(f[2]), int.Parse(f[4], EsAr), Dec(f[5]))));
        Assert.Equal(reporte.Totales.Total, filas.Sum(f => Dec(f[2])));

        var (_, metodos) = await CsvAsync(sup, "/reportes/ventas?desde=2026-10-14&hasta=2026-10-15&handler=csv&vista=metodos");
        Assert.Equal([["Efectivo", "3499,00"], ["Débito", "1250,00"]], metodos);
        var (_, cajeros) = await CsvAsync(sup, "/reportes/ventas?desde=2026-10-14&hasta=2026-10-15&pdv=402&handler=csv&vista=cajeros");
        Assert.Equal([e.Beto.Usuario, "2", "2499,00", "1249,50", "1"], Assert.Single(cajeros));
    }

    [Fact]
    public async Task Products_cash_voids_and_conflicts_csv_match_their_reports()
    {
        var e = await fx.EscenarioAsync();
        using var sup = await PaginasAsync(e.Sup);

        var (_, productos) = await CsvAsync(sup, "/reportes/productos?desde=2026-10-14&hasta=2026-10-15&orden=ingresos&handler=csv");
        Assert.Equal([e.CodigoA, "Alfajor Reporte", "3", "3000,00", "2200,00", "800,00", "26,67"], productos[0]);
        Assert.Equal([e.CodigoB, "Chicle Reporte", "4", "1749,00", "400,00", "1349,00", "77,13"], productos[1]);

        var (_, caja) = await CsvAsync(sup, "/reportes/caja?desde=2026-10-14&hasta=2026-10-15&handler=csv");
        var sesion = Assert.Single(caja);
        Assert.Equal(("14/10/2026 23:50", e.Ana.Usuario, "3250,00", "3150,00", "-100,00", "Advertencia"),
            (sesion[0], sesion[2], sesion[5], sesion[6], sesion[7], sesion[9])); // a negative deviation stays a number

        var (_, anulaciones) = await CsvAsync(sup, "/reportes/anulaciones?desde=2026-10-15&hasta=2026-10-15&handler=csv");
        var a = Assert.Single(anulaciones);
        Assert.Equal((e.Beto.Usuario, e.Sup.Usuario, "1000,00", "Cliente se arrepintió; pagó con otra tarjeta"), (a[3], a[4], a[6], a[7]));

        var (_, conflictos) = await CsvAsync(sup, "/reportes/conflictos?desde=2026-10-15&hasta=2026-10-15&handler=csv");
        Assert.Equal(("999,00", "Precio", ""), (conflictos.Single()[4], conflictos.Single()[5], conflictos.Single()[7]));
    }

    [Fact]
    public async Task Report_pages_render_for_a_supervisor_with_their_chart_data_and_refuse_a_cashier()
    {
        var e = await fx.EscenarioAsync();
        using var sup = await PaginasAsync(e.Sup2);
        foreach (var ruta in new[] { "/reportes", "/reportes/ventas", "/reportes/productos", "/reportes/caja", "/reportes/anulaciones", "/reportes/conflictos" })
        {
            var html = await (await sup.GetAsync(ruta + "?desde=2026-10-14&hasta=2026-10-15")).Content.ReadAsStringAsync();
            Assert.Contains("<h1>", html);
            if (ruta is "/reportes/ventas" or "/reportes/productos" or "/reportes/caja") Assert.Contains("data-chart=", html);
        }
        var ventas = await (await sup.GetAsync("/reportes/ventas?desde=2026-10-14&hasta=2026-10-15")).Content.ReadAsStringAsync();
        Assert.Contains("$ 5.749,00", ventas); // sup2 sees sup's own drawer too
        Assert.Matches("data-chart=\"[^\"]*&quot;valores&quot;:\\[2000(\\.00)?,", ventas);

        var mal = await sup.GetAsync("/reportes/ventas?desde=2026-10-15&hasta=2026-10-14");
        Assert.Equal(HttpStatusCode.BadRequest, mal.StatusCode);
        Assert.Contains("La fecha «desde» es posterior a «hasta».", WebUtility.HtmlDecode(await mal.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, (await sup.GetAsync("/reportes/ventas?desde=2026-10-15&hasta=2026-10-14&handler=csv")).StatusCode);

        using var cajero = await PaginasAsync(e.Cajero);
        foreach (var ruta in new[] { "/reportes", "/reportes/ventas", "/reportes/ventas?handler=csv", "/reportes/productos?handler=csv", "/?handler=tablero" })
        {
            var r = await cajero.GetAsync(ruta);
            Assert.True(r.StatusCode is HttpStatusCode.Forbidden || (r.StatusCode == HttpStatusCode.Redirect &&
                        r.Headers.Location!.ToString().Contains("/acceso-denegado")), $"{ruta}: {(int)r.StatusCode}");
        }
        var home = await (await cajero.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("id=\"tablero\"", home);
        Assert.DoesNotContain("href=\"/reportes\"", home);
        using var anonimo = App.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await anonimo.GetAsync("/reportes/ventas?handler=csv")).StatusCode);
    }

    [Fact]
    public async Task A_supervisors_home_is_the_dashboard_and_its_numbers_refresh_alone()
    {
        var e = await fx.EscenarioAsync();
        using var sup = await PaginasAsync(e.Sup2);
        var home = await (await sup.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"tablero\"", home);
        Assert.Contains("hx-trigger=\"every 60s\"", home);
        Assert.Contains("href=\"/reportes\"", home); // the nav entry
        Assert.Contains("/js/reportes.js", home);

        var parcial = await sup.GetAsync("/?handler=tablero");
        var html = await parcial.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, parcial.StatusCode);
        Assert.StartsWith("<div id=\"tablero\"", html.TrimStart());
        Assert.DoesNotContain("<html", html);
        Assert.Contains("$ 3.749,00", html);
    }
}
