using System.Net;
using BlendPos.Tests.Features.Caja;
using BlendPos.Tests.Infrastructure;
using static BlendPos.Tests.Features.Reportes.ReportesKit;
using static BlendPos.Tests.Features.Ventas.SyncBatchKit;

namespace BlendPos.Tests.Features.Reportes;

/// <summary>
/// The sales every report test reads, made once through the real API at the fixture's clock:
/// <list type="bullet">
/// <item>14/10 23:50 (Argentina): ana (pdv 401) sells 2 × A (cost 700) for $ 2.000 in cash, paying 5.000 (change 3.000).</item>
/// <item>A's cost goes to 800 at 00:05 of the 15th (price history); then ana sells 1 × B ($ 250, debit); beto (pdv 402)
/// sells 1 × A + 2 × B = 1.500 (debit 1.000 + cash 1.000, change 500) and 4 × B = 1.000 by transfer, voided by sup;
/// beto's terminal replays an offline sale of 1 × B at $ 999, a price B never had (conflicto_precio).</item>
/// <item>sup works a till of their own (pdv 403, open): 1 × A, $ 1.000 cash. sup2 is another supervisor.</item>
/// <item>ana counts her drawer $ 100 short (warning).</item>
/// <item>At 00:10 of the 15th the summary job summarizes the 14th (ended): every report over the 14th reads its summary
/// rows, the 15th is read live, and the tests' sums against the database hold across both.</item>
/// </list>
/// </summary>
public sealed record Escenario(Persona Ana, Persona Beto, Persona Sup, Persona Sup2, Persona Cajero, Guid SesionAna, Guid SesionSup,
    Guid Anulada, string CodigoA, string CodigoB)
{
    public const int PdvAna = 401, PdvBeto = 402, PdvSup = 403;

    public static async Task<Escenario> CrearAsync(ReportesAppFixture fx)
    {
        var app = fx.App;
        var (idA, codigoA) = await ProductoAsync(app, "Alfajor Reporte", 700m, 1000m);
        var (_, codigoB) = await ProductoAsync(app, "Chicle Reporte", 100m, 250m);
        var ana = await fx.CajeroAsync(PdvAna);
        var beto = await fx.CajeroAsync(PdvBeto);
        var sup = await fx.PersonaAsync("supervisor", PdvSup);
        var sup2 = await fx.SupervisorAsync();
        var cajero = await fx.CajeroAsync();
        var sesionAna = (await CajaKit.AbiertaAsync(ana)).Id();
        var sesionBeto = (await CajaKit.AbiertaAsync(beto)).Id();

        await VenderAsync(ana, sesionAna, [(codigoA, 2)], ("efectivo", 5000m));

        fx.Clock.Advance(TimeSpan.FromMinutes(15)); // 00:05 of the 15th in Argentina
        await CambiarCostoAsync(app, idA, "Alfajor Reporte", codigoA, 800m, 1000m);
        await VenderAsync(ana, sesionAna, [(codigoB, 1)], ("debito", 250m));
        await VenderAsync(beto, sesionBeto, [(codigoA, 1), (codigoB, 2)], ("debito", 1000m), ("efectivo", 1000m));
        var anulada = await VenderAsync(beto, sesionBeto, [(codigoB, 4)], ("transferencia", 1000m));
        await AnularAsync(sup, anulada, "Cliente se arrepintió; pagó con otra tarjeta");
        var offline = await beto.Client.SyncAsync(Venta(Guid.NewGuid(), sesionBeto, fx.Clock.GetUtcNow(), [Item(codigoB, 1, 999m)],
            [Pago("efectivo", 999m)])).ResultadosAsync();
        Assert.True(offline.Single().GetProperty("conflicto_precio").GetBoolean());

        var sesionSup = (await CajaKit.AbiertaAsync(sup)).Id();
        await VenderAsync(sup, sesionSup, [(codigoA, 1)], ("efectivo", 1000m));

        await (await CajaKit.ArqueoAsync(ana.Client, sesionAna, efectivo: 2900m, debito: 250m)).ShouldBeAsync(HttpStatusCode.OK);
        fx.Clock.Advance(TimeSpan.FromMinutes(5)); // 00:10
        Assert.Equal(1, await app.ResumenAsync(r => r.ResumirPendientesAsync()));
        return new Escenario(ana, beto, sup, sup2, cajero, sesionAna, sesionSup, anulada, codigoA, codigoB);
    }

    public Actor SupActor => new(Sup.Id, BlendPos.Domain.Usuarios.Roles.Supervisor);
    public Actor Sup2Actor => new(Sup2.Id, BlendPos.Domain.Usuarios.Roles.Supervisor);
}
