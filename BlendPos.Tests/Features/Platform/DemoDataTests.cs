using System.Net;
using System.Net.Http.Json;
using BlendPos.Domain;
using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Facturacion;
using BlendPos.Domain.Usuarios;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlendPos.Tests.Features.Platform;

/// <summary>The app started once with BLENDPOS_DEMO_DATA=true over a fresh database, on a clock that stands still.</summary>
public sealed class DemoDataFixture : IAsyncLifetime
{
    public BlendPosApp App { get; private set; } = null!;
    public FakeTimeProvider Clock { get; } =
        new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public async Task InitializeAsync()
    {
        var db = await TestDatabase.CreateAsync();
        App = new BlendPosApp(db, clock: Clock, settings: new Dictionary<string, string?> { ["BLENDPOS_DEMO_DATA"] = "true" });
        App.Start();
    }

    public async Task DisposeAsync()
    {
        if (App is null) return; // InitializeAsync failed; its exception is what the test report shows
        await App.DisposeAsync();
        await App.Database.DisposeAsync();
    }

    public async Task<T> WithDbAsync<T>(Func<BlendPosDb, Task<T>> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BlendPosDb>());
    }

    public Task<List<Producto>> ProductosAsync() => WithDbAsync(db => db.Productos.AsNoTracking().ToListAsync());
}

public sealed class DemoDataTests(DemoDataFixture fx) : IClassFixture<DemoDataFixture>
{
    private static readonly string[] Categorias = ["Bebidas", "Golosinas", "Cigarrillos", "Almacén", "Limpieza", "Perfumería"];

    [Fact]
    public async Task Loads_about_150_products_in_every_kiosk_category()
    {
        var productos = await fx.ProductosAsync();

        Assert.InRange(productos.Count, 140, 160);
        Assert.Equal(Categorias.Order(), productos.Select(p => p.Categoria).Distinct().Order());
        Assert.All(Categorias, c => Assert.True(productos.Count(p => p.Categoria == c) >= 10, $"few products in {c}"));
        Assert.Equal(productos.Count, productos.Select(p => p.Nombre).Distinct().Count());
        Assert.All(productos, p => Assert.True(p.Activo));
    }

    [Fact]
    public async Task Units_carry_an_ean13_from_779_and_packs_an_itf14_all_with_valid_check_digits()
    {
        var productos = await fx.ProductosAsync();

        Assert.All(productos, p =>
        {
            Assert.True(Gtin.IsValid(p.CodigoBarras), $"{p.Nombre}: {p.CodigoBarras}");
            Assert.True(Gtin.HasValidCheckDigit(p.CodigoBarras), $"{p.Nombre}: {p.CodigoBarras}");
            if (p.EsPadre) Assert.Equal(14, p.CodigoBarras.Length);
            else Assert.Matches("^779[0-9]{10}$", p.CodigoBarras);
        });
        Assert.Equal(productos.Count, productos.Select(p => p.CodigoBarras).Distinct().Count());
    }

    [Fact]
    public async Task Two_suppliers_with_valid_company_cuits_supply_every_product()
    {
        var proveedores = await fx.WithDbAsync(db => db.Proveedores.AsNoTracking().ToListAsync());
        var productos = await fx.ProductosAsync();

        Assert.Equal(
            ["Distribuidora Norte S.A.", "Mayorista Golosinas del Sur S.R.L."],
            proveedores.Select(p => p.RazonSocial).Order());
        Assert.All(proveedores, p =>
        {
            Assert.True(Cuit.IsValid(p.Cuit), p.Cuit);
            Assert.StartsWith("30", p.Cuit);
            Assert.False(string.IsNullOrWhiteSpace(p.Telefono));
            Assert.Contains("@", p.Email);
            Assert.False(string.IsNullOrWhiteSpace(p.Direccion));
        });
        Assert.Equal(["30 días", "contado"], proveedores.Select(p => p.CondicionPago!).Order(StringComparer.Ordinal));
        Assert.All(productos, p => Assert.Contains(p.ProveedorId, proveedores.Select(s => (Guid?)s.Id)));
        Assert.All(proveedores, s => Assert.Contains(productos, p => p.ProveedorId == s.Id));
    }

    [Fact]
    public async Task Packs_open_into_their_units_through_a_three_level_chain()
    {
        var links = await fx.WithDbAsync(db => db.ProductosHijos.AsNoTracking()
            .Select(h => new { Padre = h.ProductoPadre!, Hijo = h.ProductoHijoRef!, h.UnidadesPorPadre, h.DesarmeAuto })
            .ToListAsync());
        var productos = await fx.ProductosAsync();

        Assert.True(links.Count >= 4);
        Assert.All(links, l =>
        {
            Assert.True(l.Padre.EsPadre, l.Padre.Nombre);
            Assert.True(l.DesarmeAuto);
            Assert.Equal(l.Padre.Categoria, l.Hijo.Categoria);
            Assert.True(l.Padre.PrecioCosto == l.Hijo.PrecioCosto * l.UnidadesPorPadre, l.Padre.Nombre);
        });
        Assert.Equal(links.Select(l => l.Padre.Id).Order(), productos.Where(p => p.EsPadre).Select(p => p.Id).Order());

        string Opens(string padre)
        {
            var link = links.Single(l => l.Padre.Nombre == padre);
            return $"{link.UnidadesPorPadre} × {link.Hijo.Nombre}";
        }
        Assert.Equal("40 × Alfajor Guaymallén Dulce de Leche", Opens("Caja Alfajor Guaymallén x 40"));
        Assert.Equal("10 × Marlboro Box 20", Opens("Cartón Marlboro Box x 10"));
        Assert.Equal("12 × Coca-Cola 500 ml", Opens("Caja x 12 Coca-Cola 500 ml"));
        Assert.Equal("20 × Display Beldent x 12", Opens("Caja Chicle Beldent x 20 displays"));
        Assert.Equal("12 × Chicle Beldent Menta", Opens("Display Beldent x 12"));

        // Somewhere a sale will have to open a pack: a unit short of stock whose pack has some.
        Assert.Contains(links, l => l.Hijo.StockActual == 0 && l.Padre.StockActual > 0);
    }

    [Theory]
    [InlineData(DemoData.CajeroUserName, DemoData.CajeroPassword, Roles.Cajero)]
    [InlineData(DemoData.SupervisorUserName, DemoData.SupervisorPassword, Roles.Supervisor)]
    public async Task Demo_users_log_in_with_their_role(string username, string password, string rol)
    {
        var response = await fx.App.Client().PostAsJsonAsync("/v1/auth/login", new { username, password });
        var json = await response.ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(username, json.GetProperty("usuario").GetProperty("username").GetString());
        Assert.Equal(rol, json.GetProperty("usuario").GetProperty("rol").GetString());
    }

    [Fact]
    public async Task Stock_ledger_explains_every_product_stock()
    {
        var productos = await fx.ProductosAsync();
        var movimientos = await fx.WithDbAsync(db => db.MovimientosStock.AsNoTracking().ToListAsync());
        var totals = movimientos.GroupBy(m => m.ProductoId).ToDictionary(g => g.Key, g => g.Sum(m => m.Cantidad));

        Assert.All(productos, p => Assert.True(p.StockActual == totals.GetValueOrDefault(p.Id), p.Nombre));
        Assert.All(movimientos, m =>
        {
            Assert.Equal(TipoMovimientoStock.Alta, m.Tipo);
            Assert.Equal(m.Cantidad, m.StockResultante);
            Assert.True(m.Cantidad > 0);
            Assert.Equal(DemoData.MotivoStockInicial, m.Motivo);
        });
        Assert.Equal(productos.Count(p => p.StockActual > 0), movimientos.Count);
    }

    [Fact]
    public async Task Alerts_have_something_to_show_some_products_at_or_below_minimum_and_some_out_of_stock()
    {
        var productos = await fx.ProductosAsync();

        Assert.Contains(productos, p => p.StockActual == 0);
        Assert.Contains(productos, p => p.StockActual > 0 && p.StockActual <= p.StockMinimo);
        Assert.True(productos.Count(p => p.StockActual > p.StockMinimo) > productos.Count / 2, "most shelves are stocked");
        Assert.All(productos.Where(p => !p.EsPadre), p => Assert.InRange(p.StockMinimo, 5, 24));
    }

    [Fact]
    public async Task Prices_are_whole_tens_above_cost_with_a_positive_margin_from_the_database()
    {
        var productos = await fx.ProductosAsync();

        Assert.All(productos, p =>
        {
            Assert.True(p.PrecioCosto > 0, p.Nombre);
            Assert.Equal(0m, p.PrecioVenta % 10m);
            Assert.NotNull(p.MargenPct);
            Assert.True(p.MargenPct > 0, $"{p.Nombre}: {p.MargenPct}");
            Assert.Equal(Margen.Pct(p.PrecioCosto, p.PrecioVenta), p.MargenPct);
        });
        Assert.All(productos.Where(p => p.Categoria == "Cigarrillos"), p => Assert.InRange(p.MargenPct!.Value, 10m, 14m));
        Assert.All(productos.Where(p => p.Categoria == "Golosinas"), p => Assert.InRange(p.MargenPct!.Value, 30m, 50m));
        Assert.Contains(productos, p => p.AlicuotaIva == 10.5m);
        Assert.All(productos, p => Assert.Contains(p.AlicuotaIva, new[] { 21m, 10.5m }));
    }

    [Fact]
    public async Task Every_product_has_its_opening_price_in_the_history()
    {
        var productos = await fx.ProductosAsync();
        var historial = await fx.WithDbAsync(db => db.PreciosHistorial.AsNoTracking().ToListAsync());

        Assert.Equal(productos.Count, historial.Count);
        Assert.All(productos, p =>
        {
            var h = Assert.Single(historial, h => h.ProductoId == p.Id);
            Assert.Equal((p.PrecioCosto, p.PrecioVenta), (h.PrecioCosto, h.PrecioVenta));
        });
    }

    [Fact]
    public async Task Timestamps_come_from_the_injected_clock()
    {
        var now = fx.Clock.GetUtcNow();
        var productos = await fx.ProductosAsync();
        var proveedores = await fx.WithDbAsync(db => db.Proveedores.AsNoTracking().ToListAsync());
        var historial = await fx.WithDbAsync(db => db.PreciosHistorial.AsNoTracking().Select(h => h.VigenteDesde).ToListAsync());
        var movimientos = await fx.WithDbAsync(db => db.MovimientosStock.AsNoTracking().Select(m => m.CreatedAt).ToListAsync());

        Assert.All(productos, p => Assert.Equal((now, now), (p.CreatedAt, p.UpdatedAt)));
        Assert.All(proveedores, p => Assert.Equal((now, now), (p.CreatedAt, p.UpdatedAt)));
        Assert.All(historial, t => Assert.Equal(now, t));
        Assert.All(movimientos, t => Assert.Equal(now, t));
    }

    [Fact]
    public async Task Loading_again_returns_false_and_adds_nothing()
    {
        var before = await CountsAsync();

        await using (var scope = fx.App.Services.CreateAsyncScope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<DemoData>().LoadIfEmptyAsync());

        Assert.Equal(before, await CountsAsync());
    }

    private Task<(int, int, int, int, int, int)> CountsAsync() => fx.WithDbAsync(async db => (
        await db.Productos.CountAsync(), await db.ProductosHijos.CountAsync(), await db.Proveedores.CountAsync(),
        await db.PreciosHistorial.CountAsync(), await db.MovimientosStock.CountAsync(), await db.Users.CountAsync()));
}
