using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Facturacion;
using BlendPos.Domain.Inventario;
using BlendPos.Domain.Proveedores;
using BlendPos.Domain.Ventas;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Data;

public class BlendPosDb(DbContextOptions<BlendPosDb> options)
    : IdentityDbContext<Usuario, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Producto> Productos => Set<Producto>();
    public DbSet<ProductoHijo> ProductosHijos => Set<ProductoHijo>();
    public DbSet<PrecioHistorial> PreciosHistorial => Set<PrecioHistorial>();
    public DbSet<Proveedor> Proveedores => Set<Proveedor>();
    public DbSet<ImportacionLista> ImportacionesLista => Set<ImportacionLista>();
    public DbSet<MovimientoStock> MovimientosStock => Set<MovimientoStock>();
    public DbSet<SesionCaja> SesionesCaja => Set<SesionCaja>();
    public DbSet<MovimientoCaja> MovimientosCaja => Set<MovimientoCaja>();
    public DbSet<Arqueo> Arqueos => Set<Arqueo>();
    public DbSet<Venta> Ventas => Set<Venta>();
    public DbSet<VentaItem> VentaItems => Set<VentaItem>();
    public DbSet<VentaPago> VentaPagos => Set<VentaPago>();
    public DbSet<ContadorTicket> ContadoresTicket => Set<ContadorTicket>();
    public DbSet<Comprobante> Comprobantes => Set<Comprobante>();
    public DbSet<ConfiguracionFacturacion> ConfiguracionFacturacion => Set<ConfiguracionFacturacion>();
    public DbSet<AfipTicketAcceso> AfipTickets => Set<AfipTicketAcceso>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(BlendPosDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Money is numeric(12,2) unless a configuration says otherwise; never double.
        configurationBuilder.Properties<decimal>().HavePrecision(12, 2);
        configurationBuilder.Properties<MetodoPago>().HaveConversion<SnakeCaseEnumConverter<MetodoPago>>().HaveMaxLength(20);
        configurationBuilder.Properties<EstadoSesionCaja>().HaveConversion<SnakeCaseEnumConverter<EstadoSesionCaja>>().HaveMaxLength(20);
        configurationBuilder.Properties<TipoMovimientoCaja>().HaveConversion<SnakeCaseEnumConverter<TipoMovimientoCaja>>().HaveMaxLength(20);
        configurationBuilder.Properties<ClasificacionDesvio>().HaveConversion<SnakeCaseEnumConverter<ClasificacionDesvio>>().HaveMaxLength(20);
        configurationBuilder.Properties<EstadoVenta>().HaveConversion<SnakeCaseEnumConverter<EstadoVenta>>().HaveMaxLength(20);
        configurationBuilder.Properties<TipoComprobante>().HaveConversion<SnakeCaseEnumConverter<TipoComprobante>>().HaveMaxLength(20);
        configurationBuilder.Properties<EstadoComprobante>().HaveConversion<SnakeCaseEnumConverter<EstadoComprobante>>().HaveMaxLength(20);
        configurationBuilder.Properties<TipoMovimientoStock>().HaveConversion<SnakeCaseEnumConverter<TipoMovimientoStock>>().HaveMaxLength(20);
    }
}
