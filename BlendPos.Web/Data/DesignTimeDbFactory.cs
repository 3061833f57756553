using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BlendPos.Web.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the app or reaching a database.</summary>
public sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<BlendPosDb>
{
    public BlendPosDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<BlendPosDb>()
        .UseNpgsql("Host=localhost;Database=blendpos_design")
        .UseSnakeCaseNamingConvention()
        .Options);
}
