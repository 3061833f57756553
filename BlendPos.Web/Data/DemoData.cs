using BlendPos.Domain;
using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Facturacion;
using BlendPos.Domain.Inventario;
using BlendPos.Domain.Usuarios;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Data;

/// <summary>The demo kiosk: catalog, suppliers, packs and two demo users. Loaded once, into an empty catalog.</summary>
public sealed partial class DemoData(BlendPosDb db, UserManager<Usuario> users, TimeProvider clock)
{
    public const string CajeroUserName = "cajero";
    public const string CajeroPassword = "cajero1234";
    public const string SupervisorUserName = "supervisor";
    public const string SupervisorPassword = "super1234";

    public const string MotivoStockInicial = "Stock inicial (datos de demostración)";

    // Held for the transaction, so two instances started together cannot both find the catalog empty.
    private const long LoadLock = 0x426C656E64506F73; // "BlendPos"

    // A made-up GS1 company prefix under Argentina's 779: the codes are the same on every run.
    private const string EanPrefix = "7798100";

    /// <summary>Loads the demo set when the catalog is empty; false when there was already data.</summary>
    public async Task<bool> LoadIfEmptyAsync(CancellationToken ct = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear(); // a retry starts from what the database holds, not from the failed attempt
            await using var tx = await db.Database.BeginTransactionAsync(token);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LoadLock})", token);
            if (await db.Productos.AnyAsync(token)) return false;

            await EnsureUserAsync(CajeroUserName, CajeroPassword, "Carla Cajera", Roles.Cajero, 1);
            await EnsureUserAsync(SupervisorUserName, SupervisorPassword, "Sergio Supervisor", Roles.Supervisor, 1);
            await AddCatalogAsync(token);
            await db.SaveChangesAsync(token);

            await tx.CommitAsync(token);
            return true;
        }, ct);
    }

    private async Task AddCatalogAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var norte = await SupplierAsync("Distribuidora Norte S.A.", CompanyCuit(71234567), "011 4754-2210",
            "pedidos@distribuidoranorte.com.ar", "Av. Bartolomé Mitre 2450, Munro, Buenos Aires", "30 días", now, ct);
        var sur = await SupplierAsync("Mayorista Golosinas del Sur S.R.L.", CompanyCuit(70845129), "011 4209-8835",
            "ventas@golosinasdelsur.com.ar", "Av. Hipólito Yrigoyen 5120, Lanús, Buenos Aires", "contado", now, ct);

        var byName = new Dictionary<string, (Producto Producto, decimal Markup)>();
        var sequence = 0;
        foreach (var categoria in Catalogo)
        {
            var proveedor = categoria.Distribuidor == Distribuidor.Norte ? norte : sur;
            foreach (var linea in categoria.Lineas)
            {
                var body = EanPrefix + (++sequence).ToString("D5");
                var codigo = body + Gtin.ComputeCheckDigit(body);
                var producto = NewProducto(codigo, linea.Nombre, categoria.Nombre, linea.Costo, categoria.Markup,
                    linea.Stock, linea.Minimo, proveedor, now);
                producto.AlicuotaIva = linea.Iva;
                producto.UnidadMedida = linea.Unidad;
                byName.Add(linea.Nombre, (producto, categoria.Markup));
            }
        }

        // A box's ITF-14 is its unit's EAN-13 behind a packaging-level digit (1, 2…), as GS1 numbers them.
        var unidadBase = new Dictionary<Producto, Producto>();
        var packLevels = new Dictionary<Producto, int>();
        foreach (var pack in Packs)
        {
            var (hijo, markup) = byName[pack.Hijo];
            var unidad = unidadBase.GetValueOrDefault(hijo, hijo);
            var level = packLevels[unidad] = packLevels.GetValueOrDefault(unidad) + 1;
            var body = level + unidad.CodigoBarras[..^1];
            var padre = NewProducto(body + Gtin.ComputeCheckDigit(body), pack.Nombre, hijo.Categoria,
                hijo.PrecioCosto * pack.Unidades, markup, pack.Stock, pack.Minimo, hijo.Proveedor!, now);
            padre.EsPadre = true;
            padre.Descripcion = $"Contiene {pack.Unidades} × {hijo.Nombre}";
            padre.Hijos.Add(new ProductoHijo
            {
                Id = Guid.NewGuid(), ProductoHijoRef = hijo, UnidadesPorPadre = pack.Unidades, DesarmeAuto = true,
            });
            unidadBase.Add(padre, unidad);
            byName.Add(pack.Nombre, (padre, markup));
        }

        var productos = byName.Values.Select(v => v.Producto).ToList();
        db.Productos.AddRange(productos);
        db.PreciosHistorial.AddRange(productos.Select(p => new PrecioHistorial
        {
            ProductoId = p.Id, PrecioCosto = p.PrecioCosto, PrecioVenta = p.PrecioVenta, VigenteDesde = now,
        }));
        db.MovimientosStock.AddRange(productos.Where(p => p.StockActual > 0).Select(p => new MovimientoStock
        {
            ProductoId = p.Id, Tipo = TipoMovimientoStock.Alta, Cantidad = p.StockActual,
            StockResultante = p.StockActual, Motivo = MotivoStockInicial, CreatedAt = now,
        }));
    }

    private static Producto NewProducto(string codigo, string nombre, string categoria, decimal costo, decimal markup,
        int stock, int minimo, Proveedor proveedor, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), CodigoBarras = codigo, Nombre = nombre, Categoria = categoria,
        PrecioCosto = costo, PrecioVenta = SalePrice(costo, markup), StockActual = stock, StockMinimo = minimo,
        Proveedor = proveedor, ProveedorId = proveedor.Id, CreatedAt = now, UpdatedAt = now,
    };

    /// <summary>Cost plus the category's markup, rounded to $10 the way a kiosk marks its shelf.</summary>
    private static decimal SalePrice(decimal costo, decimal markup) =>
        Math.Round(costo * (1m + markup) / 10m, MidpointRounding.AwayFromZero) * 10m;

    /// <summary>A company CUIT (prefix 30); numbers whose check digit would be 10 are skipped, as AFIP never issues them.</summary>
    private static string CompanyCuit(int number)
    {
        while (true)
        {
            var firstTen = "30" + number.ToString("D8");
            if (Cuit.ComputeCheckDigit(firstTen) is { } digit) return firstTen + digit;
            number++;
        }
    }

    private async Task<Proveedor> SupplierAsync(string razonSocial, string cuit, string telefono, string email,
        string direccion, string condicionPago, DateTimeOffset now, CancellationToken ct)
    {
        // Suppliers outlive an emptied catalog; reuse rather than trip over the unique CUIT.
        var existing = await db.Proveedores.FirstOrDefaultAsync(p => p.Cuit == cuit, ct);
        if (existing is not null) return existing;
        var proveedor = new Proveedor
        {
            Id = Guid.NewGuid(), RazonSocial = razonSocial, Cuit = cuit, Telefono = telefono, Email = email,
            Direccion = direccion, CondicionPago = condicionPago, CreatedAt = now, UpdatedAt = now,
        };
        db.Proveedores.Add(proveedor);
        return proveedor;
    }

    private async Task EnsureUserAsync(string userName, string password, string nombre, string rol, int pdv)
    {
        if (await users.FindByNameAsync(userName) is not null) return;
        var user = new Usuario
        {
            Id = Guid.NewGuid(), UserName = userName, NombreCompleto = nombre, PuntoDeVenta = pdv, Activo = true,
            CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, rol);
    }
}
