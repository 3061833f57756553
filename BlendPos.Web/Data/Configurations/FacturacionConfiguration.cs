using BlendPos.Domain;
using BlendPos.Domain.Facturacion;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlendPos.Web.Data.Configurations;

public class ConfiguracionFacturacionConfiguration : IEntityTypeConfiguration<ConfiguracionFacturacion>
{
    public void Configure(EntityTypeBuilder<ConfiguracionFacturacion> b)
    {
        b.ToTable("configuracion_facturacion", t => t.HasCheckConstraint("ck_configuracion_facturacion_unica", "id = 1"));
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Modo).HasConversion<SnakeCaseEnumConverter<ModoFacturacion>>().HasMaxLength(20);
        b.Property(c => c.CondicionIva).HasConversion<SnakeCaseEnumConverter<CondicionIvaEmisor>>().HasMaxLength(30);
        b.Property(c => c.Cuit).HasMaxLength(11);
        b.Property(c => c.RazonSocial).HasMaxLength(200);
        b.Property(c => c.Domicilio).HasMaxLength(300);
        b.Property(c => c.IngresosBrutos).HasMaxLength(30);
        b.Property(c => c.CertificadoSujeto).HasMaxLength(500);
        b.Property(c => c.UmbralConsumidorFinal).HasPrecision(14, 2);
    }
}

public class AfipTicketAccesoConfiguration : IEntityTypeConfiguration<AfipTicketAcceso>
{
    public void Configure(EntityTypeBuilder<AfipTicketAcceso> b)
    {
        b.ToTable("afip_tickets");
        b.HasKey(t => new { t.Entorno, t.Cuit, t.Servicio });
        b.Property(t => t.Entorno).HasMaxLength(20);
        b.Property(t => t.Servicio).HasMaxLength(40);
    }
}
