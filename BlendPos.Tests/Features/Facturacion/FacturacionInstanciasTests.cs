using BlendPos.Domain;
using BlendPos.Domain.Facturacion;
using BlendPos.Tests.Fakes.Afip;
using BlendPos.Tests.Features.Caja;
using BlendPos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BlendPos.Tests.Features.Facturacion.FacturacionKit;

namespace BlendPos.Tests.Features.Facturacion;

/// <summary>The rows are the job: a new app instance on the same database emits what another left pending, and two
/// instances sweeping and processing at once give each comprobante exactly one CAE with gap-free numbers.</summary>
public sealed class FacturacionInstanciasTests
{
    private static async Task<List<Guid>> PendientesAsync(BlendPosApp app, FakeAfip afip, int cantidad)
    {
        await ConfigurarAsync(app, afip, CondicionIvaEmisor.ResponsableInscripto, 7);
        var cajero = await PersonaAsync(app, "cajero", 3);
        var sesion = (await CajaKit.AbiertaAsync(cajero)).Id();
        var codigo = await ProductoAsync(app, 150m, 21m);
        afip.Caido(true);
        var ids = new List<Guid>();
        for (var i = 0; i < cantidad; i++)
            ids.Add((await VenderAsync(cajero, sesion, [(codigo, i + 1)], new { tipo = "factura_b" })).ComprobanteId());
        foreach (var id in ids) await app.EsperarAsync(id, c => c.Intentos > 0); // the queue tried and AFIP was down
        return ids;
    }

    [Fact]
    public async Task A_restarted_app_emits_the_rows_the_previous_one_left_pending()
    {
        await using var afip = await FakeAfip.StartAsync();
        await using var db = await TestDatabase.CreateAsync();
        List<Guid> ids;
        await using (var primera = NuevaApp(db, afip))
        {
            primera.Start();
            ids = await PendientesAsync(primera, afip, 2);
        }
        afip.Caido(false);

        await using var segunda = NuevaApp(db, afip);
        segunda.Start();
        Assert.Equal(2, await segunda.BarrerAsync());

        var filas = await Task.WhenAll(ids.Select(segunda.FilaAsync));
        Assert.All(filas, f => Assert.Equal(EstadoComprobante.Emitido, f.Estado));
        Assert.Equal([1L, 2L], filas.Select(f => f.Numero!.Value).Order());
        Assert.Equal(2, afip.Autorizados.Count);
    }

    [Fact]
    public async Task Two_instances_sweeping_at_once_issue_one_CAE_each_without_gaps()
    {
        await using var afip = await FakeAfip.StartAsync();
        await using var db = await TestDatabase.CreateAsync();
        await using var a = NuevaApp(db, afip);
        await using var b = NuevaApp(db, afip);
        a.Start();
        b.Start();
        var ids = await PendientesAsync(a, afip, 6);
        afip.Lento(TimeSpan.FromMilliseconds(30), procesarIgual: true); // widen the windows where the two could collide
        afip.Caido(false);

        await a.WithDbAsync(x => x.Comprobantes.ExecuteUpdateAsync(s => s.SetProperty(c => c.ProximoIntentoAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        var trabajo = new List<Task> { a.BarrerAsync(vencerEsperas: false), b.BarrerAsync(vencerEsperas: false) };
        trabajo.AddRange(ids.SelectMany(id => new[] { a.ProcesarAsync(id), b.ProcesarAsync(id) }));
        await Task.WhenAll(trabajo);

        var filas = await Task.WhenAll(ids.Select(a.FilaAsync));
        Assert.All(filas, f => Assert.Equal(EstadoComprobante.Emitido, f.Estado));
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], filas.Select(f => f.Numero!.Value).Order());
        var autorizados = afip.Autorizados;
        Assert.Equal(6, autorizados.Count);
        Assert.Equal(filas.Select(f => f.Cae).Order(), autorizados.Select(x => (string?)x.Cae).Order());
        foreach (var f in filas) Assert.Equal(f.MontoTotal, Assert.Single(afip.En(f)).ImpTotal);
    }
}
