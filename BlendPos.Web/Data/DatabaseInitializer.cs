using System.Security.Cryptography;
using BlendPos.Domain.Usuarios;
using BlendPos.Web.Infrastructure.Config;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Data;

/// <summary>
/// Start-up: apply migrations, make sure the roles and a first admin exist, and load the demo data set when asked.
/// Credentials go to standard output (not the log), once: a generated admin password is never stored in clear.
/// </summary>
public static class DatabaseInitializer
{
    public const string AdminUserName = "admin";

    public static async Task InitializeDatabaseAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var options = sp.GetRequiredService<BlendPosOptions>();
        var db = sp.GetRequiredService<BlendPosDb>();
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));

        if (options.MigrateOnStartup)
        {
            await db.Database.MigrateAsync();
            logger.LogInformation("Database migrated");
        }

        var roles = sp.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.NewGuid() });
        }

        await EnsureAdminAsync(sp, options);

        if (options.DemoData)
        {
            var demo = sp.GetRequiredService<DemoData>();
            if (await demo.LoadIfEmptyAsync())
                logger.LogInformation("Demo data loaded");
            Console.WriteLine($"Usuarios de demostración: {DemoData.CajeroUserName} / {DemoData.CajeroPassword} (cajero), " +
                              $"{DemoData.SupervisorUserName} / {DemoData.SupervisorPassword} (supervisor)");
        }
    }

    private static async Task EnsureAdminAsync(IServiceProvider sp, BlendPosOptions options)
    {
        var users = sp.GetRequiredService<UserManager<Usuario>>();
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        if (admins.Count > 0)
        {
            Console.WriteLine($"Administrador: {AdminUserName} (contraseña: la de BLENDPOS_ADMIN_PASSWORD o la mostrada en el primer arranque)");
            return;
        }

        var clock = sp.GetRequiredService<TimeProvider>();
        var password = string.IsNullOrWhiteSpace(options.AdminPassword) ? GeneratePassword() : options.AdminPassword;
        var admin = new Usuario
        {
            Id = Guid.NewGuid(),
            UserName = AdminUserName,
            NombreCompleto = "Administrador",
            PuntoDeVenta = 1,
            Activo = true,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
            throw new InvalidOperationException("Could not create the first admin: " +
                                                string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(admin, Roles.Admin);

        Console.WriteLine(string.IsNullOrWhiteSpace(options.AdminPassword)
            ? $"Administrador creado: usuario {AdminUserName}, contraseña {password}  (guardala: no se vuelve a mostrar)"
            : $"Administrador creado: usuario {AdminUserName}, contraseña de BLENDPOS_ADMIN_PASSWORD");
    }

    /// <summary>12 characters from an alphabet without look-alikes, always with a digit (Identity's rule).</summary>
    public static string GeneratePassword()
    {
        const string letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        var chars = new char[12];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = i % 4 == 3 ? digits[RandomNumberGenerator.GetInt32(digits.Length)] : letters[RandomNumberGenerator.GetInt32(letters.Length)];
        return new string(chars);
    }
}
