using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Proveedores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlendPos.Web.Data.Configurations;

public class ImportacionListaConfiguration : IEntityTypeConfiguration<ImportacionLista>
{
    public void Configure(EntityTypeBuilder<ImportacionLista> b)
    {
        b.ToTable("importaciones_lista");
        b.Property(i => i.Archivo).HasMaxLength(255);
        // A supplier's page shows its last import: newest first per supplier.
        b.HasIndex(i => new { i.ProveedorId, i.CreatedAt });
        b.HasOne<Proveedor>().WithMany().HasForeignKey(i => i.ProveedorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Usuario>().WithMany().HasForeignKey(i => i.UsuarioId).OnDelete(DeleteBehavior.Restrict);
    }
}
