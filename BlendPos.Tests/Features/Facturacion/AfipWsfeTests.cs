using BlendPos.Tests.Fakes.Afip;
using BlendPos.Web.Infrastructure.Afip;
using static BlendPos.Tests.Features.Facturacion.AfipTestKit;

namespace BlendPos.Tests.Features.Facturacion;

/// <summary>WSFEv1 through the real client (resolved from the app) against the fake AFIP over a real socket.</summary>
public class AfipWsfeTests(AfipAppFixture fx) : IClassFixture<AfipAppFixture>
{
    private IWsfeClient Wsfe => fx.Wsfe;

    [Fact]
    public async Task UltimoAutorizado_is_0_then_the_last_number_authorized()
    {
        await using var afip = await FakeAfip.StartAsync();
        var c = Conexion(afip, NuevoCuit());
        Assert.Equal(0, await Wsfe.UltimoAutorizadoAsync(c, 1, 6, default));
        Assert.True((await Wsfe.SolicitarCaeAsync(c, FacturaB(1), default)).Aprobado);
        Assert.True((await Wsfe.SolicitarCaeAsync(c, FacturaB(2), default)).Aprobado);
        Assert.Equal(2, await Wsfe.UltimoAutorizadoAsync(c, 1, 6, default));
        Assert.Equal(0, await Wsfe.UltimoAutorizadoAsync(c, 1, 11, default)); // numbering is per CbteTipo
        Assert.Equal(0, await Wsfe.UltimoAutorizadoAsync(c, 2, 6, default)); // and per punto de venta
    }

    [Fact]
    public async Task Factura_B_to_a_consumidor_final_with_21_and_10_5_percent_gets_a_CAE()
    {
        await using var afip = await FakeAfip.StartAsync();
        var c = Conexion(afip, NuevoCuit());
        var r = await Wsfe.SolicitarCaeAsync(c, FacturaB(1), default);

        Assert.Equal("A", r.Resultado);
        Assert.Empty(r.Errores);
        Assert.Matches("^[0-9]{14}$", r.Cae);
        Assert.Equal(Hoy.AddDays(10), r.CaeVencimiento);
        var autorizado = Assert.Single(afip.Autorizados);
        Assert.Equal((c.Cuit, 1, 6, 1L, 99, 1762.50m, 262.50m, r.Cae), (autorizado.Cuit, autorizado.PuntoDeVenta,
            autorizado.CbteTipo, autorizado.Numero, autorizado.DocTipo, autorizado.ImpTotal, autorizado.ImpIva, autorizado.Cae));
        Assert.Equal([new FakeAlicuota(5, 1000m, 210m), new FakeAlicuota(4, 500m, 52.50m)], autorizado.Iva);
    }

    [Fact]
    public async Task Factura_C_without_VAT_gets_a_CAE()
    {
        await using var afip = await FakeAfip.StartAsync();
        var r = await Wsfe.SolicitarCaeAsync(Conexion(afip, NuevoCuit()), FacturaC(1), default);
        Assert.True(r.Aprobado, string.Join("; ", r.Observaciones.Concat(r.Errores)));
        Assert.Empty(afip.DetallesRecibidos.Single().Elements(FakeAfip.Fev1 + "Iva"));
    }

    [Fact]
    public async Task Factura_A_to_a_responsable_inscripto_gets_a_CAE()
    {
        await using var afip = await FakeAfip.StartAsync();
        var r = await Wsfe.SolicitarCaeAsync(Conexion(afip, NuevoCuit()), FacturaA(1), default);
        Assert.True(r.Aprobado, string.Join("; ", r.Observaciones.Concat(r.Errores)));
        Assert.Equal(30712345671, afip.Autorizados.Single().DocNro);
    }

    [Fact]
    public async Task A_nota_de_credito_carries_its_associated_invoice()
    {
        await using var afip = await FakeAfip.StartAsync();
        var c = Conexion(afip, NuevoCuit());
        await Wsfe.SolicitarCaeAsync(c, FacturaB(1), default);
        var nota = FacturaB(1) with { CbteTipo = 8, Asociados = [new AfipComprobanteAsociado(6, 1, 1, c.Cuit, Hoy)] };
        Assert.True((await Wsfe.SolicitarCaeAsync(c, nota, default)).Aprobado);
        Assert.Equal(new FakeAsociado(6, 1, 1, c.Cuit, Hoy), afip.Autorizados.Last().Asociados.Single());
    }

    [Fact]
    public async Task Rule_violations_come_back_rejected_with_AFIPs_code_and_message()
    {
        await using var afip = await FakeAfip.StartAsync();
        var c = Conexion(afip, NuevoCuit());

        var total = await Wsfe.SolicitarCaeAsync(c, FacturaB(1) with { ImpTotal = 1800m }, default);
        AssertRechazo(total, 10048, "ImpTotal");

        var salto = await Wsfe.SolicitarCaeAsync(c, FacturaB(2), default); // next is 1
        Assert.Equal("R", salto.Resultado);
        Assert.Null(salto.Cae);
        Assert.Contains(salto.Errores, e => e.Codigo == 10016 && e.Mensaje.Contains("proximo a autorizar"));

        var grande = FacturaB(1) with
        {
            ImpTotal = 12_100_000m, ImpNeto = 10_000_000m, ImpIva = 2_100_000m, Iva = [new AfipAlicuota(5, 10_000_000m, 2_100_000m)],
        };
        AssertRechazo(await Wsfe.SolicitarCaeAsync(c, grande, default), 10015, "DocTipo 99");

        var sinCuit = FacturaA(1) with { DocTipo = 96, DocNro = 30111222 };
        AssertRechazo(await Wsfe.SolicitarCaeAsync(c, sinCuit, default), 10013, "DocTipo");

        AssertRechazo(await Wsfe.SolicitarCaeAsync(c, FacturaC(1) with { CondicionIvaReceptorId = 99 }, default), 10242, "CondicionIVAReceptorId");
        AssertRechazo(await Wsfe.SolicitarCaeAsync(c, FacturaA(1) with { CondicionIvaReceptorId = 5 }, default), 10243, "clase A");
        AssertRechazo(await Wsfe.SolicitarCaeAsync(c, FacturaC(1) with { ImpIva = 1m, ImpTotal = 851m }, default), 10071, "ImpIVA");
        AssertRechazo(await Wsfe.SolicitarCaeAsync(c, FacturaB(1) with { Iva = [new AfipAlicuota(5, 1000m, 210m), new AfipAlicuota(4, 500m, 55m)] }, default), 10023, "ImpIVA");
        AssertRechazo(await Wsfe.SolicitarCaeAsync(c, FacturaB(1) with { Fecha = Hoy.AddDays(-6) }, default), 10016, "N-5");

        Assert.Empty(afip.Autorizados); // no rejection consumed a number
        Assert.True((await Wsfe.SolicitarCaeAsync(c, FacturaB(1), default)).Aprobado);
        var repetido = await Wsfe.SolicitarCaeAsync(c, FacturaB(1), default); // no idempotency at AFIP
        Assert.Contains(repetido.Errores, e => e.Codigo == 10016);
    }

    [Fact]
    public async Task A_punto_de_venta_not_enabled_is_refused()
    {
        await using var afip = await FakeAfip.StartAsync();
        afip.HabilitarPuntosDeVenta(3);
        var c = Conexion(afip, NuevoCuit());
        var r = await Wsfe.SolicitarCaeAsync(c, FacturaB(1), default);
        Assert.Contains(r.Errores, e => e.Codigo == 10005);
        Assert.True((await Wsfe.SolicitarCaeAsync(c, FacturaB(1, puntoDeVenta: 3), default)).Aprobado);
    }

    [Fact]
    public async Task FECAEDetRequest_goes_out_in_AFIPs_element_order_with_invariant_decimals()
    {
        await using var afip = await FakeAfip.StartAsync();
        var c = Conexion(afip, NuevoCuit());
        await Wsfe.SolicitarCaeAsync(c, FacturaB(1) with
        {
            CbteTipo = 8, Asociados = [new AfipComprobanteAsociado(6, 1, 7, c.Cuit, Hoy)],
        }, default);

        var detalle = afip.DetallesRecibidos.Single();
        Assert.Equal(
            ["Concepto", "DocTipo", "DocNro", "CbteDesde", "CbteHasta", "CbteFch", "ImpTotal", "ImpTotConc", "ImpNeto",
             "ImpOpEx", "ImpTrib", "ImpIVA", "MonId", "MonCotiz", "CondicionIVAReceptorId", "CbtesAsoc", "Iva"],
            detalle.Elements().Select(e => e.Name.LocalName));
        Assert.All(detalle.Elements(), e => Assert.Equal(FakeAfip.Fev1, e.Name.Namespace));
        Assert.Equal("1762.50", detalle.Element(FakeAfip.Fev1 + "ImpTotal")!.Value);
        Assert.Equal(Hoy.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), detalle.Element(FakeAfip.Fev1 + "CbteFch")!.Value);
        Assert.Equal(["Tipo", "PtoVta", "Nro", "Cuit", "CbteFch"],
            detalle.Descendants(FakeAfip.Fev1 + "CbteAsoc").Single().Elements().Select(e => e.Name.LocalName));
        Assert.Equal(["Id", "BaseImp", "Importe"],
            detalle.Descendants(FakeAfip.Fev1 + "AlicIva").First().Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public async Task A_slow_AFIP_beyond_the_timeout_is_no_disponible()
    {
        await using var afip = await FakeAfip.StartAsync();
        var c = Conexion(afip, NuevoCuit());
        await Wsfe.AutenticarAsync(c, default);
        afip.Lento(TimeSpan.FromSeconds(AfipAppFixture.TimeoutSegundos + 3));
        var inicio = DateTime.UtcNow;
        var e = await Assert.ThrowsAsync<AfipNoDisponibleException>(() => Wsfe.SolicitarCaeAsync(c, FacturaB(1), default));
        Assert.Contains("a tiempo", e.Message);
        Assert.InRange(DateTime.UtcNow - inicio, TimeSpan.FromSeconds(AfipAppFixture.TimeoutSegundos - 0.5),
            TimeSpan.FromSeconds(AfipAppFixture.TimeoutSegundos + 2.5));
        afip.Lento(TimeSpan.Zero);
        Assert.Equal(0, await Wsfe.UltimoAutorizadoAsync(c, 1, 6, default)); // the slow request was never processed
    }

    [Fact]
    public async Task Authorized_then_dropped_throws_and_FECompConsultar_then_returns_the_CAE()
    {
        await using var afip = await FakeAfip.StartAsync();
        var c = Conexion(afip, NuevoCuit());
        afip.CortarTrasAutorizar(1);

        await Assert.ThrowsAsync<AfipNoDisponibleException>(() => Wsfe.SolicitarCaeAsync(c, FacturaB(1), default));

        var autorizado = Assert.Single(afip.Autorizados);
        Assert.Equal(1, await Wsfe.UltimoAutorizadoAsync(c, 1, 6, default));
        var consultado = await Wsfe.ConsultarAsync(c, 1, 6, 1, default);
        Assert.NotNull(consultado);
        Assert.Equal(new AfipComprobanteConsultado(99, 0, Hoy, 1762.50m, "A", autorizado.Cae, Hoy.AddDays(10)), consultado);
    }

    [Fact]
    public async Task A_slow_answer_after_authorizing_leaves_the_CAE_to_be_found()
    {
        await using var afip = await FakeAfip.StartAsync();
        var c = Conexion(afip, NuevoCuit());
        await Wsfe.AutenticarAsync(c, default);
        afip.Lento(TimeSpan.FromSeconds(AfipAppFixture.TimeoutSegundos + 2), procesarIgual: true);
        await Assert.ThrowsAsync<AfipNoDisponibleException>(() => Wsfe.SolicitarCaeAsync(c, FacturaB(1), default));
        afip.Lento(TimeSpan.Zero);
        Assert.Equal(afip.Autorizados.Single().Cae, (await Wsfe.ConsultarAsync(c, 1, 6, 1, default))!.Cae);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(501)]
    [InlineData(502)]
    public async Task HTTP_5xx_is_no_disponible_and_the_next_call_works(int status)
    {
        await using var afip = await FakeAfip.StartAsync();
        var c = Conexion(afip, NuevoCuit());
        afip.ResponderError(status, 1);
        var e = await Assert.ThrowsAsync<AfipNoDisponibleException>(() => Wsfe.SolicitarCaeAsync(c, FacturaB(1), default));
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        Assert.Empty(afip.Autorizados);
        Assert.True((await Wsfe.SolicitarCaeAsync(c, FacturaB(1), default)).Aprobado);
    }

    [Fact]
    public async Task AFIP_down_is_no_disponible_for_login_and_invoices()
    {
        await using var afip = await FakeAfip.StartAsync();
        var c = Conexion(afip, NuevoCuit());
        afip.Caido(true);
        await Assert.ThrowsAsync<AfipNoDisponibleException>(() => Wsfe.AutenticarAsync(c, default));
        await Assert.ThrowsAsync<AfipNoDisponibleException>(() => Wsfe.DummyAsync(c, default));
        afip.Caido(false);
        Assert.True((await Wsfe.SolicitarCaeAsync(c, FacturaB(1), default)).Aprobado);
    }

    [Fact]
    public async Task FECompConsultar_of_an_unknown_number_is_null()
    {
        await using var afip = await FakeAfip.StartAsync();
        Assert.Null(await Wsfe.ConsultarAsync(Conexion(afip, NuevoCuit()), 1, 6, 5, default));
    }

    [Fact]
    public async Task A_CUIT_not_in_the_ticket_is_refused_with_601()
    {
        await using var afip = await FakeAfip.StartAsync();
        var cuit = NuevoCuit();
        var (cert, key) = afip.CrearCredenciales(cuit);
        var ajeno = new AfipConexion(NuevoCuit(), afip.WsaaUrl, afip.WsfeUrl, cert, key); // the certificate is of another CUIT
        var r = await Wsfe.SolicitarCaeAsync(ajeno, FacturaB(1), default);
        Assert.Equal("R", r.Resultado);
        Assert.Contains(r.Errores, e => e.Codigo == 601);
    }

    private static void AssertRechazo(AfipRespuestaCae r, int codigo, string enElMensaje)
    {
        Assert.Equal("R", r.Resultado);
        Assert.Null(r.Cae);
        var todos = r.Errores.Concat(r.Observaciones).ToList();
        Assert.True(todos.Any(m => m.Codigo == codigo && m.Mensaje.Contains(enElMensaje)),
            $"expected {codigo} «{enElMensaje}», got: " + string.Join("; ", todos.Select(m => $"{m.Codigo} {m.Mensaje}")));
    }
}
