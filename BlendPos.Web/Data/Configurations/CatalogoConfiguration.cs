using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Inventario;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlendPos.Web.Data.Configurations;

public class ProductoConfiguration : IEntityTypeConfiguration<Producto>
{
    public void Configure(EntityTypeBuilder<Producto> b)
    {
        b.ToTable("productos", t =>
        {
            t.HasCheckConstraint("ck_productos_codigo_barras", "codigo_barras ~ '^[0-9]{4,14}$'");
            t.HasCheckConstraint("ck_productos_precios", "precio_costo >= 0 AND precio_venta >= 0");
        });
        b.Property(p => p.CodigoBarras).HasMaxLength(14);
        b.Property(p => p.Nombre).HasMaxLength(200);
        b.Property(p => p.Categoria).HasMaxLength(80);
        b.Property(p => p.UnidadMedida).HasMaxLength(20).HasDefaultValue("unidad");
        b.Property(p => p.PrecioCosto).HasPrecision(10, 2);
        b.Property(p => p.PrecioVenta).HasPrecision(10, 2);
        b.Property(p => p.AlicuotaIva).HasPrecision(5, 2).HasDefaultValue(21m);
        b.Property(p => p.StockMinimo).HasDefaultValue(5);
        b.Property(p => p.Activo).HasDefaultValue(true);
        // Markup over cost, computed by PostgreSQL so no write path can leave it stale.
        // numeric(12,2): a price 10,000,000× its cost still fits (a 1-cent cost is legal), so no insert overflows.
        b.Property(p => p.MargenPct)
            .HasPrecision(12, 2)
            .HasComputedColumnSql(
                "CASE WHEN precio_costo > 0 THEN round((precio_venta - precio_costo) * 100 / precio_costo, 2) END",
                stored: true);

        b.HasIndex(p => p.CodigoBarras).IsUnique();
        b.HasIndex(p => p.Nombre).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_productos_nombre_trgm");
        b.HasIndex(p => p.ProveedorId);
        b.HasIndex(p => p.Categoria);
        b.HasIndex(p => p.UpdatedAt);
        b.Property(p => p.Version).ValueGeneratedOnAddOrUpdate().HasDefaultValue(0L);
        b.HasIndex(p => p.Version);

        b.HasOne(p => p.Proveedor).WithMany().HasForeignKey(p => p.ProveedorId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class ProductoHijoConfiguration : IEntityTypeConfiguration<ProductoHijo>
{
    public void Configure(EntityTypeBuilder<ProductoHijo> b)
    {
        b.ToTable("productos_hijos", t =>
        {
            t.HasCheckConstraint("ck_productos_hijos_unidades", "unidades_por_padre > 0");
            t.HasCheckConstraint("ck_productos_hijos_no_self", "producto_padre_id <> producto_hijo_id");
        });
        b.HasIndex(h => new { h.ProductoPadreId, h.ProductoHijoId }).IsUnique();
        b.HasIndex(h => h.ProductoHijoId);
        b.Property(h => h.DesarmeAuto).HasDefaultValue(true);
        b.HasOne(h => h.ProductoPadre).WithMany(p => p.Hijos).HasForeignKey(h => h.ProductoPadreId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(h => h.ProductoHijoRef).WithMany(p => p.Padres).HasForeignKey(h => h.ProductoHijoId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class PrecioHistorialConfiguration : IEntityTypeConfiguration<PrecioHistorial>
{
    public void Configure(EntityTypeBuilder<PrecioHistorial> b)
    {
        b.ToTable("precios_historial");
        b.Property(p => p.PrecioCosto).HasPrecision(10, 2);
        b.Property(p => p.PrecioVenta).HasPrecision(10, 2);
        b.HasIndex(p => new { p.ProductoId, p.VigenteDesde });
        b.HasOne<Producto>().WithMany().HasForeignKey(p => p.ProductoId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ProveedorConfiguration : IEntityTypeConfiguration<Proveedor>
{
    public void Configure(EntityTypeBuilder<Proveedor> b)
    {
        b.ToTable("proveedores", t => t.HasCheckConstraint("ck_proveedores_cuit", "cuit ~ '^[0-9]{11}$'"));
        b.Property(p => p.RazonSocial).HasMaxLength(200);
        b.Property(p => p.Cuit).HasMaxLength(11);
        b.Property(p => p.Activo).HasDefaultValue(true);
        b.HasIndex(p => p.Cuit).IsUnique();
    }
}

public class MovimientoStockConfiguration : IEntityTypeConfiguration<MovimientoStock>
{
    public void Configure(EntityTypeBuilder<MovimientoStock> b)
    {
        b.ToTable("movimientos_stock");
        b.Property(m => m.Motivo).HasMaxLength(300);
        b.HasIndex(m => new { m.ProductoId, m.Id });
        b.HasIndex(m => m.ReferenciaId);
        b.HasOne<Producto>().WithMany().HasForeignKey(m => m.ProductoId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Usuario>().WithMany().HasForeignKey(m => m.UsuarioId).OnDelete(DeleteBehavior.Restrict);
    }
}
