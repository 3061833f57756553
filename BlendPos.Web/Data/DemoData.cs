using BlendPos.Domain.Usuarios;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Data;

/// <summary>The demo kiosk: catalog, suppliers, packs and two demo users. Loaded once, into an empty catalog.</summary>
public sealed class DemoData(BlendPosDb db, UserManager<Usuario> users, TimeProvider clock)
{
    public const string CajeroUserName = "cajero";
    public const string CajeroPassword = "cajero1234";
    public const string SupervisorUserName = "supervisor";
    public const string SupervisorPassword = "super1234";

    /// <summary>Loads the demo set when the catalog is empty; false when there was already data.</summary>
    public async Task<bool> LoadIfEmptyAsync(CancellationToken ct = default)
    {
        if (await db.Productos.AnyAsync(ct)) return false;
        await EnsureUserAsync(CajeroUserName, CajeroPassword, "Carla Cajera", Roles.Cajero, 1);
        await EnsureUserAsync(SupervisorUserName, SupervisorPassword, "Sergio Supervisor", Roles.Supervisor, 1);
        return true;
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
