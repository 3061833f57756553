using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Domain.Facturacion;
using BlendPos.Domain.Ventas;
using BlendPos.Tests.Fakes.Smtp;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Facturacion.Documentos;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlendPos.Tests.Features.DocumentosFiscales;

/// <summary>
/// The app on real PostgreSQL with SMTP_* pointed at an in-process <see cref="FakeSmtp"/> that requires a login, a
/// fake clock (to reach retry times without waiting) and a fixed <see cref="IFacturaDocumentos"/> standing in for
/// invoicing's (it returns <see cref="DocumentosDePrueba.FacturaB"/> for any comprobante).
/// </summary>
public sealed class CorreoAppFixture : IAsyncLifetime
{
    public FakeSmtp Smtp { get; private set; } = null!;
    public TestDatabase Database { get; private set; } = null!;
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero));
    public BlendPosApp App { get; private set; } = null!;
    public DocumentosFijos Documentos { get; } = new();

    public async Task InitializeAsync()
    {
        Smtp = await FakeSmtp.StartAsync("kiosco", "clave-smtp");
        Database = await TestDatabase.CreateAsync();
        App = CrearApp(Database, Smtp.Settings);
        App.Start();
    }

    /// <summary>Another app over the same database and clock: a second instance.</summary>
    public BlendPosApp CrearApp(TestDatabase database, IDictionary<string, string?> settings) =>
        new(database, clock: Clock, settings: settings, configure: b => b.ConfigureServices(s => s.AddSingleton<IFacturaDocumentos>(Documentos)));

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
        if (Smtp is not null) await Smtp.DisposeAsync();
    }

    /// <summary>An emitted Factura B of a sale (its own closed session and ticket), as invoicing leaves it.</summary>
    public static async Task<Guid> NuevoComprobanteAsync(BlendPosApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlendPosDb>();
        var admin = await db.Users.Where(u => u.UserName == DatabaseInitializer.AdminUserName).Select(u => u.Id).SingleAsync();
        var ahora = DateTimeOffset.UtcNow;
        var sesion = new SesionCaja
        {
            Id = Guid.NewGuid(), PuntoDeVenta = 1, UsuarioId = admin, MontoInicial = 0, Estado = EstadoSesionCaja.Cerrada,
            OpenedAt = ahora, ClosedAt = ahora,
        };
        var venta = new Venta
        {
            Id = Guid.NewGuid(), NumeroTicket = Random.Shared.NextInt64(1, long.MaxValue), PuntoDeVenta = 1, SesionCajaId = sesion.Id,
            UsuarioId = admin, Subtotal = 2972.50m, Total = 2972.50m, CreatedAt = ahora,
        };
        var comprobante = new Comprobante
        {
            Id = Guid.NewGuid(), Tipo = TipoComprobante.FacturaB, PuntoDeVenta = 1, Numero = 12, Cae = "76123456789012",
            CaeVencimiento = new DateOnly(2026, 12, 17), Estado = EstadoComprobante.Emitido, MontoNeto = 2500m, MontoIva = 472.50m,
            MontoTotal = 2972.50m, VentaId = venta.Id, CreatedAt = ahora, UpdatedAt = ahora,
        };
        db.SesionesCaja.Add(sesion);
        db.Ventas.Add(venta);
        db.Comprobantes.Add(comprobante);
        await db.SaveChangesAsync();
        return comprobante.Id;
    }

    public static async Task<Comprobante> LeerAsync(BlendPosApp app, Guid id)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BlendPosDb>().Comprobantes.AsNoTracking().SingleAsync(c => c.Id == id);
    }
}

/// <summary>Invoicing's document builder, replaced: the same Factura B for every comprobante, counting the calls.</summary>
public sealed class DocumentosFijos : IFacturaDocumentos
{
    private int _armados;

    public int Armados => Volatile.Read(ref _armados);

    public Task<FacturaDocumento?> ArmarAsync(Guid comprobanteId, CancellationToken ct)
    {
        Interlocked.Increment(ref _armados);
        return Task.FromResult<FacturaDocumento?>(DocumentosDePrueba.FacturaB());
    }
}
