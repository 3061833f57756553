using System.Text.RegularExpressions;
using BlendPos.Domain.Usuarios;
using BlendPos.Web.Data;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Usuarios;

public sealed record UsuarioDto(
    Guid Id, string Username, string? Email, string NombreCompleto, string Rol, int? PuntoDeVenta, bool Activo,
    DateTimeOffset CreatedAt);

/// <summary>Create or update. On update, a null field keeps its value; a password resets it.</summary>
public sealed record UsuarioRequest(
    string? Username, string? Email, string? NombreCompleto, string? Rol, int? PuntoDeVenta, string? Password, bool? Activo);

/// <summary>The users admin (admin role): one method per operation, each one transaction.</summary>
public sealed partial class UsuarioService(
    BlendPosDb db,
    UserManager<Usuario> users,
    UserStatusCache status,
    TimeProvider clock,
    ILogger<UsuarioService> logger)
{
    public async Task<PageOf<UsuarioDto>> ListAsync(string? q, bool incluirInactivos, int? page, int? size, CancellationToken ct = default)
    {
        var (p, s) = Paging.Normalize(page, size);
        var query = db.Users.AsNoTracking();
        if (!incluirInactivos) query = query.Where(u => u.Activo);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = "%" + q.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(u => EF.Functions.ILike(u.UserName!, pattern) || EF.Functions.ILike(u.NombreCompleto, pattern)
                                     || (u.Email != null && EF.Functions.ILike(u.Email, pattern)));
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(u => u.Activo).ThenBy(u => u.UserName)
            .Skip((p - 1) * s).Take(s).ToListAsync(ct);
        var roles = await RolesOfAsync(rows.Select(u => u.Id).ToList(), ct);
        return new PageOf<UsuarioDto>(rows.Select(u => ToDto(u, roles.GetValueOrDefault(u.Id))).ToList(), total, p, s);
    }

    public async Task<UsuarioDto> GetAsync(Guid id, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw NotFound();
        var roles = await RolesOfAsync([id], ct);
        return ToDto(user, roles.GetValueOrDefault(id));
    }

    public async Task<UsuarioDto> CreateAsync(UsuarioRequest request, Guid actorId, CancellationToken ct = default)
    {
        var v = new Validator();
        var username = ValidateUsername(request.Username, v);
        var email = ValidateEmail(request.Email, v);
        ValidateNombre(request.NombreCompleto, required: true, v);
        ValidateRol(request.Rol, required: true, v);
        ValidatePuntoDeVenta(request.PuntoDeVenta, v);
        v.When(string.IsNullOrEmpty(request.Password), "password", "Ingresá una contraseña inicial.");
        v.ThrowIfAny();

        await EnsureUniqueAsync(username!, email, null, ct);

        var user = new Usuario
        {
            Id = Guid.NewGuid(),
            UserName = username,
            Email = email,
            NombreCompleto = request.NombreCompleto!.Trim(),
            PuntoDeVenta = request.PuntoDeVenta,
            Activo = request.Activo ?? true,
            CreatedAt = clock.GetUtcNow(),
        };

        await InTransactionAsync(async () =>
        {
            Check(await users.CreateAsync(user, request.Password!));
            Check(await users.AddToRoleAsync(user, request.Rol!));
        }, ct);

        logger.LogInformation("User {User} created with role {Role} by {Actor}", username, request.Rol, actorId);
        return await GetAsync(user.Id, ct);
    }

    public async Task<UsuarioDto> UpdateAsync(Guid id, UsuarioRequest request, Guid actorId, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id.ToString()) ?? throw NotFound();
        var currentRol = Roles.Highest(await users.GetRolesAsync(user));

        var v = new Validator();
        var username = request.Username is null ? user.UserName! : ValidateUsername(request.Username, v);
        var email = request.Email is null ? user.Email : ValidateEmail(request.Email, v);
        ValidateNombre(request.NombreCompleto, required: false, v);
        ValidateRol(request.Rol, required: false, v);
        ValidatePuntoDeVenta(request.PuntoDeVenta, v);
        v.ThrowIfAny();

        var newRol = request.Rol ?? currentRol;
        var deactivating = request.Activo == false && user.Activo;
        if (id == actorId && deactivating) throw new ConflictException("No podés desactivar tu propio usuario.");
        if (id == actorId && newRol != Roles.Admin) throw new ConflictException("No podés quitarte el rol de administrador.");
        if (currentRol == Roles.Admin && (newRol != Roles.Admin || deactivating))
            await EnsureAnotherActiveAdminAsync(id, ct);

        await EnsureUniqueAsync(username!, email, id, ct);

        await InTransactionAsync(async () =>
        {
            user.UserName = username;
            user.Email = email;
            if (request.NombreCompleto is not null) user.NombreCompleto = request.NombreCompleto.Trim();
            if (request.PuntoDeVenta is not null) user.PuntoDeVenta = request.PuntoDeVenta;
            if (request.Activo is { } activo) user.Activo = activo;
            Check(await users.UpdateAsync(user));

            if (newRol != currentRol)
            {
                if (currentRol is not null) Check(await users.RemoveFromRoleAsync(user, currentRol));
                Check(await users.AddToRoleAsync(user, newRol!));
            }
            if (!string.IsNullOrEmpty(request.Password))
            {
                var resetToken = await users.GeneratePasswordResetTokenAsync(user);
                Check(await users.ResetPasswordAsync(user, resetToken, request.Password), "password");
            }
            if (deactivating || newRol != currentRol || !string.IsNullOrEmpty(request.Password))
                await EndSessionsAsync(user, ct);
        }, ct);

        status.Forget(id);
        logger.LogInformation("User {User} updated by {Actor} (rol {Rol}, activo {Activo})", user.UserName, actorId, newRol, user.Activo);
        return await GetAsync(id, ct);
    }

    /// <summary>Deactivates (never deletes: sales and cash movements keep pointing at the user).</summary>
    public Task<UsuarioDto> DeactivateAsync(Guid id, Guid actorId, CancellationToken ct = default) =>
        UpdateAsync(id, new UsuarioRequest(null, null, null, null, null, null, Activo: false), actorId, ct);

    public Task<UsuarioDto> ResetPasswordAsync(Guid id, string? password, Guid actorId, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(password)) throw new ValidationException("password", "Ingresá la nueva contraseña.");
        return UpdateAsync(id, new UsuarioRequest(null, null, null, null, null, password, null), actorId, ct);
    }

    /// <summary>Signs the user out everywhere: cookies fail the stamp check, refresh tokens are revoked.</summary>
    private async Task EndSessionsAsync(Usuario user, CancellationToken ct)
    {
        Check(await users.UpdateSecurityStampAsync(user));
        var now = clock.GetUtcNow();
        await db.RefreshTokens.Where(t => t.UsuarioId == user.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
    }

    private async Task EnsureAnotherActiveAdminAsync(Guid exceptId, CancellationToken ct)
    {
        var adminRoleId = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).SingleAsync(ct);
        var others = await db.UserRoles.Where(ur => ur.RoleId == adminRoleId && ur.UserId != exceptId)
            .Join(db.Users.Where(u => u.Activo), ur => ur.UserId, u => u.Id, (ur, u) => u.Id).AnyAsync(ct);
        if (!others) throw new ConflictException("Tiene que quedar al menos un administrador activo.");
    }

    private async Task EnsureUniqueAsync(string username, string? email, Guid? exceptId, CancellationToken ct)
    {
        var normalized = users.NormalizeName(username);
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized && u.Id != exceptId, ct))
            throw new ConflictException($"Ya existe un usuario '{username}'.");
        if (email is not null)
        {
            var normalizedEmail = users.NormalizeEmail(email);
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail && u.Id != exceptId, ct))
                throw new ConflictException($"El email '{email}' ya está en uso.");
        }
    }

    private async Task InTransactionAsync(Func<Task> work, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await work();
            await tx.CommitAsync(ct);
        });
    }

    private async Task<Dictionary<Guid, string>> RolesOfAsync(List<Guid> ids, CancellationToken ct)
    {
        var pairs = await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        return pairs.GroupBy(x => x.UserId)
            .ToDictionary(g => g.Key, g => Roles.Highest(g.Select(x => x.Name!)) ?? "");
    }

    private static UsuarioDto ToDto(Usuario u, string? rol) =>
        new(u.Id, u.UserName!, u.Email, u.NombreCompleto, rol ?? "", u.PuntoDeVenta, u.Activo, u.CreatedAt);

    private static string? ValidateUsername(string? username, Validator v)
    {
        var value = username?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(value)) { v.Add("username", "Ingresá el nombre de usuario."); return null; }
        if (!UsernamePattern().IsMatch(value))
            v.Add("username", "El usuario debe tener de 3 a 32 caracteres: minúsculas, números, punto, guion o guion bajo.");
        return value;
    }

    private static string? ValidateEmail(string? email, Validator v)
    {
        var value = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (value is not null && !EmailPattern().IsMatch(value)) v.Add("email", "El email no es válido.");
        return value;
    }

    private static void ValidateNombre(string? nombre, bool required, Validator v)
    {
        if (nombre is null) { if (required) v.Add("nombre_completo", "Ingresá el nombre completo."); return; }
        var t = nombre.Trim();
        if (t.Length == 0) v.Add("nombre_completo", "Ingresá el nombre completo.");
        else if (t.Length > 120) v.Add("nombre_completo", "El nombre admite hasta 120 caracteres.");
    }

    private static void ValidateRol(string? rol, bool required, Validator v)
    {
        if (rol is null) { if (required) v.Add("rol", "Elegí un rol."); return; }
        if (!Roles.IsKnown(rol)) v.Add("rol", "El rol debe ser cajero, supervisor o admin.");
    }

    private static void ValidatePuntoDeVenta(int? pdv, Validator v)
    {
        // AFIP points of sale are numbered 1 to 99999.
        if (pdv is < 1 or > 99999) v.Add("punto_de_venta", "El punto de venta debe ser un número entre 1 y 99999.");
    }

    private static void Check(IdentityResult result, string field = "password")
    {
        if (result.Succeeded) return;
        var errors = result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? field
                : e.Code.Contains("Email", StringComparison.Ordinal) ? "email"
                : e.Code.Contains("UserName", StringComparison.Ordinal) ? "username" : "general")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
        throw new ValidationException(errors, errors.First().Value[0]);
    }

    private static NotFoundException NotFound() => new("El usuario no existe.");

    [GeneratedRegex("^[a-z0-9._-]{3,32}$")]
    private static partial Regex UsernamePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
