using BlendPos.Domain.Usuarios;
using BlendPos.Web.Data;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Auth;

public sealed record LoginRequest(string? Username, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record UsuarioResumen(Guid Id, string Username, string Rol, int? PuntoDeVenta);

public sealed record TokenResponse(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn, UsuarioResumen Usuario);

/// <summary>
/// Bearer sign-in for /v1. Identity checks the password, counts failures and locks out; our sign-in manager refuses
/// deactivated users. Refresh tokens are single-use: a reused one revokes every refresh token of that user.
/// </summary>
public sealed class AuthService(
    BlendPosDb db,
    UserManager<Usuario> users,
    SignInManager<Usuario> signIn,
    TokenService tokens,
    TimeProvider clock,
    ILogger<AuthService> logger)
{
    public const string BadCredentials = "Usuario o contraseña incorrectos.";
    public const string LockedOut = "Demasiados intentos fallidos: la cuenta quedó bloqueada unos minutos.";

    public async Task<TokenResponse> LoginAsync(LoginRequest request, CancellationToken ct = default)
    {
        new Validator()
            .When(string.IsNullOrWhiteSpace(request.Username), "username", "Ingresá el usuario.")
            .When(string.IsNullOrEmpty(request.Password), "password", "Ingresá la contraseña.")
            .ThrowIfAny();

        var user = await users.FindByNameAsync(request.Username!.Trim().ToLowerInvariant());
        if (user is null)
        {
            logger.LogInformation("Login refused: unknown user");
            throw new UnauthorizedException(BadCredentials);
        }

        var result = await signIn.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            logger.LogWarning("Login refused: {User} is locked out", user.UserName);
            throw new TooManyRequestsException(LockedOut);
        }
        if (!result.Succeeded)
        {
            logger.LogInformation("Login refused for {User} (bad password or inactive)", user.UserName);
            throw new UnauthorizedException(BadCredentials);
        }

        logger.LogInformation("Login by {User} through the API", user.UserName);
        return await IssueAsync(user, ct);
    }

    /// <summary>The page login: same checks and messages as the API, but it signs in with Identity's cookie.</summary>
    public async Task SignInWithCookieAsync(LoginRequest request)
    {
        new Validator()
            .When(string.IsNullOrWhiteSpace(request.Username), "username", "Ingresá el usuario.")
            .When(string.IsNullOrEmpty(request.Password), "password", "Ingresá la contraseña.")
            .ThrowIfAny();

        var user = await users.FindByNameAsync(request.Username!.Trim().ToLowerInvariant())
                   ?? throw new UnauthorizedException(BadCredentials);
        var result = await signIn.PasswordSignInAsync(user, request.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut) throw new TooManyRequestsException(LockedOut);
        if (!result.Succeeded)
        {
            logger.LogInformation("Page login refused for {User} (bad password or inactive)", user.UserName);
            throw new UnauthorizedException(BadCredentials);
        }
        logger.LogInformation("Login by {User} on the pages", user.UserName);
    }

    public Task SignOutAsync() => signIn.SignOutAsync();

    public async Task<TokenResponse> RefreshAsync(RefreshRequest request, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
            throw new ValidationException("refresh_token", "Falta el refresh_token.");

        var hash = TokenService.Hash(request.RefreshToken);
        var now = clock.GetUtcNow();

        // Consume atomically: of two concurrent refreshes with the same token exactly one wins.
        var consumed = await db.RefreshTokens
            .Where(t => t.TokenHash == hash && t.UsedAt == null && t.RevokedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);

        var token = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (consumed == 0 || token is null)
        {
            if (token is { UsedAt: not null })
            {
                // A used token presented again means it leaked: end the whole family.
                await db.RefreshTokens.Where(t => t.UsuarioId == token.UsuarioId && t.RevokedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
                logger.LogWarning("Refresh token reuse for user {UserId}: all refresh tokens revoked", token.UsuarioId);
            }
            throw new UnauthorizedException("El refresh token no es válido, ya se usó o venció. Iniciá sesión de nuevo.");
        }

        var user = await users.FindByIdAsync(token.UsuarioId.ToString());
        if (user is null || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
            throw new UnauthorizedException("El usuario está inactivo o bloqueado.");

        return await IssueAsync(user, ct);
    }

    private async Task<TokenResponse> IssueAsync(Usuario user, CancellationToken ct)
    {
        var rol = Roles.Highest(await users.GetRolesAsync(user))
                  ?? throw new UnauthorizedException("El usuario no tiene un rol asignado.");
        var (access, expiresIn) = tokens.CreateAccessToken(user, rol);
        var (raw, entity) = tokens.CreateRefreshToken(user.Id);
        db.RefreshTokens.Add(entity);
        await db.SaveChangesAsync(ct);
        return new TokenResponse(access, raw, "bearer", expiresIn,
            new UsuarioResumen(user.Id, user.UserName!, rol, user.PuntoDeVenta));
    }
}
