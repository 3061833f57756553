using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Facturacion;
using BlendPos.Domain.Ventas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlendPos.Web.Data.Configurations;

public class SesionCajaConfiguration : IEntityTypeConfiguration<SesionCaja>
{
    public void Configure(EntityTypeBuilder<SesionCaja> b)
    {
        b.ToTable("sesiones_caja");
        b.Property(s => s.DesvioPct).HasPrecision(7, 2);
        b.HasIndex(s => new { s.UsuarioId, s.Estado });
        b.HasIndex(s => s.OpenedAt);
        // One open session per user and per punto de venta, enforced by the database (no check-then-insert race).
        b.HasIndex(s => s.UsuarioId).IsUnique().HasFilter("estado = 'abierta'").HasDatabaseName("ux_sesiones_caja_usuario_abierta");
        b.HasIndex(s => s.PuntoDeVenta).IsUnique().HasFilter("estado = 'abierta'").HasDatabaseName("ux_sesiones_caja_pdv_abierta");
        b.HasOne<Usuario>().WithMany().HasForeignKey(s => s.UsuarioId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Usuario>().WithMany().HasForeignKey(s => s.CerradaPorId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Movimientos).WithOne().HasForeignKey(m => m.SesionCajaId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class MovimientoCajaConfiguration : IEntityTypeConfiguration<MovimientoCaja>
{
    public void Configure(EntityTypeBuilder<MovimientoCaja> b)
    {
        b.ToTable("movimientos_caja");
        b.Property(m => m.Descripcion).HasMaxLength(300);
        b.HasIndex(m => m.SesionCajaId);
        b.HasIndex(m => m.ReferenciaId);
        b.HasOne<Venta>().WithMany().HasForeignKey(m => m.ReferenciaId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Usuario>().WithMany().HasForeignKey(m => m.UsuarioId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class ArqueoConfiguration : IEntityTypeConfiguration<Arqueo>
{
    public void Configure(EntityTypeBuilder<Arqueo> b)
    {
        b.ToTable("arqueos");
        // A declaration is taken once per session.
        b.HasIndex(a => a.SesionCajaId).IsUnique();
        b.HasOne<SesionCaja>().WithMany().HasForeignKey(a => a.SesionCajaId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Usuario>().WithMany().HasForeignKey(a => a.UsuarioId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class VentaConfiguration : IEntityTypeConfiguration<Venta>
{
    public void Configure(EntityTypeBuilder<Venta> b)
    {
        b.ToTable("ventas");
        b.HasIndex(v => new { v.PuntoDeVenta, v.NumeroTicket }).IsUnique();
        b.HasIndex(v => v.SesionCajaId);
        b.HasIndex(v => v.CreatedAt, "ix_ventas_created_at").HasDatabaseName("ix_ventas_created_at");
        b.HasIndex(v => v.UsuarioId);
        // Reports (Features/Reportes): voids by when they were voided, offline conflicts by date; both are a sliver of
        // the sales, so partial indexes.
        b.HasIndex(v => v.AnuladaAt, "ix_ventas_anulada_at").HasFilter("anulada_at IS NOT NULL").HasDatabaseName("ix_ventas_anulada_at");
        b.HasIndex(v => v.CreatedAt, "ix_ventas_conflictos_created_at")
            .HasFilter("conflicto_stock OR conflicto_precio OR conflicto_sesion OR conflicto_fecha").HasDatabaseName("ix_ventas_conflictos_created_at");
        b.Property(v => v.MotivoAnulacion).HasMaxLength(300);
        b.HasOne<SesionCaja>().WithMany().HasForeignKey(v => v.SesionCajaId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Usuario>().WithMany().HasForeignKey(v => v.UsuarioId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Usuario>().WithMany().HasForeignKey(v => v.AnuladaPorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Usuario>().WithMany().HasForeignKey(v => v.ConflictoRevisadoPorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Usuario>().WithMany().HasForeignKey(v => v.SincronizadaPorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Usuario>().WithMany().HasForeignKey(v => v.DescuentoAutorizadoPorId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(v => v.Items).WithOne().HasForeignKey(i => i.VentaId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(v => v.Pagos).WithOne().HasForeignKey(p => p.VentaId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class VentaItemConfiguration : IEntityTypeConfiguration<VentaItem>
{
    public void Configure(EntityTypeBuilder<VentaItem> b)
    {
        b.ToTable("venta_items", t => t.HasCheckConstraint("ck_venta_items_cantidad", "cantidad > 0"));
        b.Property(i => i.PrecioUnitario).HasPrecision(10, 2);
        b.Property(i => i.DescuentoItem).HasPrecision(10, 2);
        b.Property(i => i.AlicuotaIva).HasPrecision(5, 2);
        b.Property(i => i.CodigoBarras).HasMaxLength(14);
        b.Property(i => i.Nombre).HasMaxLength(200);
        b.HasIndex(i => i.VentaId);
        b.HasIndex(i => i.ProductoId);
        b.HasOne<Producto>().WithMany().HasForeignKey(i => i.ProductoId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class VentaPagoConfiguration : IEntityTypeConfiguration<VentaPago>
{
    public void Configure(EntityTypeBuilder<VentaPago> b)
    {
        b.ToTable("venta_pagos", t => t.HasCheckConstraint("ck_venta_pagos_monto", "monto > 0"));
        b.HasIndex(p => p.VentaId);
    }
}

public class ContadorTicketConfiguration : IEntityTypeConfiguration<ContadorTicket>
{
    public void Configure(EntityTypeBuilder<ContadorTicket> b)
    {
        b.ToTable("contadores_ticket");
        b.HasKey(c => c.PuntoDeVenta);
        b.Property(c => c.PuntoDeVenta).ValueGeneratedNever();
    }
}

public class ComprobanteConfiguration : IEntityTypeConfiguration<Comprobante>
{
    public void Configure(EntityTypeBuilder<Comprobante> b)
    {
        b.ToTable("comprobantes");
        b.Property(c => c.Detalle).HasColumnType("jsonb");
        b.Property(c => c.Cae).HasMaxLength(14);
        b.Property(c => c.ReceptorCuit).HasMaxLength(11);
        b.Property(c => c.ReceptorNombre).HasMaxLength(200);
        b.Property(c => c.CondicionIvaReceptor).HasMaxLength(40);
        b.HasIndex(c => c.VentaId);
        b.HasIndex(c => new { c.Estado, c.ProximoIntentoAt });
        b.Property(c => c.Entorno).HasMaxLength(20);
        b.Property(c => c.ReceptorEmail).HasMaxLength(200);
        b.Property(c => c.CorreoEstado).HasConversion<SnakeCaseEnumConverter<EstadoCorreo>>().HasMaxLength(20);
        // AFIP numbers are unique per environment, issuer, punto de venta and type once assigned: never two CAEs for one number.
        b.HasIndex(c => new { c.Entorno, c.CuitEmisor, c.PuntoDeVenta, c.Tipo, c.Numero }).IsUnique().HasFilter("numero IS NOT NULL");
        b.HasIndex(c => new { c.CorreoEstado, c.CorreoProximoIntentoAt }).HasFilter("correo_estado IS NOT NULL");
        b.HasOne<Venta>().WithMany().HasForeignKey(c => c.VentaId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Comprobante>().WithMany().HasForeignKey(c => c.ComprobanteAsociadoId).OnDelete(DeleteBehavior.Restrict);
    }
}
