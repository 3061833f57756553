using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlendPos.Web.Data.Configurations;

/// <summary>Identity's tables under the seed's names: the user table is <c>usuarios</c>.</summary>
public class UsuarioConfiguration : IEntityTypeConfiguration<Usuario>
{
    public void Configure(EntityTypeBuilder<Usuario> b)
    {
        b.ToTable("usuarios");
        b.Property(u => u.UserName).HasColumnName("username").HasMaxLength(64);
        b.Property(u => u.NormalizedUserName).HasMaxLength(64);
        b.Property(u => u.PasswordHash).HasColumnName("hashed_password");
        b.Property(u => u.NombreCompleto).HasMaxLength(120);
        b.HasIndex(u => u.NormalizedEmail).IsUnique().HasDatabaseName("ix_usuarios_normalized_email");
    }
}

public class IdentityTablesConfiguration :
    IEntityTypeConfiguration<IdentityRole<Guid>>,
    IEntityTypeConfiguration<IdentityUserRole<Guid>>,
    IEntityTypeConfiguration<IdentityUserClaim<Guid>>,
    IEntityTypeConfiguration<IdentityUserLogin<Guid>>,
    IEntityTypeConfiguration<IdentityUserToken<Guid>>,
    IEntityTypeConfiguration<IdentityRoleClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityRole<Guid>> b) => b.ToTable("roles");
    public void Configure(EntityTypeBuilder<IdentityUserRole<Guid>> b) => b.ToTable("usuario_roles");
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> b) => b.ToTable("usuario_claims");
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> b) => b.ToTable("usuario_logins");
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> b) => b.ToTable("usuario_tokens");
    public void Configure(EntityTypeBuilder<IdentityRoleClaim<Guid>> b) => b.ToTable("rol_claims");
}

public class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> b)
    {
        b.ToTable("refresh_tokens");
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => t.UsuarioId);
        b.HasOne<Usuario>().WithMany().HasForeignKey(t => t.UsuarioId).OnDelete(DeleteBehavior.Cascade);
    }
}
