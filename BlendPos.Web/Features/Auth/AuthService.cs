using System.Threading.RateLimiting;
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
/// Sign-in for /v1 (bearer tokens) and the pages (cookie), and a supervisor's authorization at a cashier's terminal: one
/// credential check for all three (<see cref="CheckCredentialsAsync"/>). It counts attempts per (user, client address)
/// and locks that pair only (<see cref="LoginAttempts"/>); Identity's account lockout is not used, so a stranger cannot
/// keep a user out. Refresh tokens are single-use: a reused one revokes every refresh token of that user.
/// </summary>
public sealed class AuthService(
    BlendPosDb db,
    UserManager<Usuario> users,
    SignInManager<Usuario> signIn,
    TokenService tokens,
    LoginAttempts attempts,
    UnknownUserHash unknownUserHash,
    [FromKeyedServices(AuthSetup.SupervisorRateLimit)] PartitionedRateLimiter<string> supervisorRateLimit,
    TimeProvider clock,
    ILogger<AuthService> logger)
{
    public const string BadCredentials = "Usuario o contraseña incorrectos.";
    public const string BadSupervisorCredentials = "Usuario o contraseña de supervisor incorrectos.";
    public const string LockedOut = "Demasiados intentos fallidos con este usuario desde este equipo: esperá unos minutos y volvé a intentar.";
    public const string TooManyAuthorizations = "Demasiados intentos de autorización desde este equipo: esperá un minuto y volvé a intentar.";

    public async Task<TokenResponse> LoginAsync(LoginRequest request, string clientAddress, CancellationToken ct = default)
    {
        Validate(request);
        var user = await CheckCredentialsAsync(request.Username!, request.Password!, clientAddress, BadCredentials, accept: null, ct);
        logger.LogInformation("Login by {User} through the API", user.UserName);
        return await IssueAsync(user, ct);
    }

    /// <summary>The page login: same checks and messages as the API, but it signs in with Identity's cookie.</summary>
    public async Task SignInWithCookieAsync(LoginRequest request, string clientAddress, CancellationToken ct = default)
    {
        Validate(request);
        var user = await CheckCredentialsAsync(request.Username!, request.Password!, clientAddress, BadCredentials, accept: null, ct);
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "pwd");
        logger.LogInformation("Login by {User} on the pages", user.UserName);
    }

    /// <summary>
    /// A supervisor authorizes something at another user's terminal (the POS void): their credentials are checked like
    /// a login — nobody is signed in or out — and they must be at least supervisor. A cashier's right password is
    /// refused exactly like a wrong one (same message, counted as a failure), so the typist learns nothing from it.
    /// Rate limited per client address on top of the per-user lockout.
    /// </summary>
    public async Task<(Usuario Usuario, string Rol)> AuthorizeSupervisorAsync(string username, string password, string clientAddress,
        CancellationToken ct = default)
    {
        using var lease = supervisorRateLimit.AttemptAcquire(clientAddress);
        if (!lease.IsAcquired)
        {
            logger.LogWarning("Supervisor authorization rate limited for a client address");
            throw new TooManyRequestsException(TooManyAuthorizations);
        }
        string? rol = null;
        var user = await CheckCredentialsAsync(username, password, clientAddress, BadSupervisorCredentials,
            accept: async u => Roles.AtLeast(rol = Roles.Highest(await users.GetRolesAsync(u)), Roles.Supervisor), ct);
        return (user, rol!);
    }

    /// <summary>
    /// Ends the device's refresh token (API logout). Idempotent: an unknown, used or already revoked token answers the
    /// same, so the call reveals nothing. The 8-hour access token is not stateful and simply runs out.
    /// </summary>
    public async Task LogoutAsync(RefreshRequest request, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
            throw new ValidationException("refresh_token", "Falta el refresh_token.");
        var hash = TokenService.Hash(request.RefreshToken);
        var now = clock.GetUtcNow();
        var revoked = await db.RefreshTokens.Where(t => t.TokenHash == hash && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        if (revoked > 0) logger.LogInformation("Logout through the API: refresh token revoked");
    }

    public Task SignOutAsync() => signIn.SignOutAsync();

    /// <summary>
    /// The one credential check. Unknown user, wrong password, inactive user and (for <paramref name="accept"/>) a user
    /// who is not allowed all answer the same <paramref name="refusal"/> after the same work: an unknown user's password
    /// is verified against a dummy hash, and a known user's password is verified before anything else is looked at, so
    /// neither the answer nor its time tells them apart. The <see cref="LoginAttempts.MaxFailures"/>th failure of a
    /// (user, address) pair, and every attempt while it is locked, answer 429 instead.
    /// </summary>
    private async Task<Usuario> CheckCredentialsAsync(string username, string password, string clientAddress, string refusal,
        Func<Usuario, Task<bool>>? accept, CancellationToken ct)
    {
        var name = username.Trim().ToLowerInvariant();
        var user = await users.FindByNameAsync(name);
        var attempt = await attempts.CountAsync(user?.Id, name, clientAddress, ct);
        if (attempt > LoginAttempts.MaxFailures)
        {
            logger.LogWarning("Sign-in refused: {User} is locked out at this client address", user?.UserName ?? "an unknown user");
            throw new TooManyRequestsException(LockedOut);
        }

        bool ok;
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(UnknownUserHash.User, unknownUserHash.Get(users.PasswordHasher), password);
            ok = false;
        }
        else
        {
            ok = await users.CheckPasswordAsync(user, password)
                 && await signIn.CanSignInAsync(user)
                 && !await users.IsLockedOutAsync(user) // an administrative lock, if one is ever set
                 && (accept is null || await accept(user));
        }

        if (ok)
        {
            await attempts.ClearAsync(user!.Id, name, clientAddress, ct);
            return user;
        }
        // An unknown name is not logged: it is often a password typed into the wrong field.
        logger.LogInformation("Sign-in refused for {User} (bad password, inactive or not allowed), attempt {Attempt}",
            user?.UserName ?? "an unknown user", attempt);
        if (attempt == LoginAttempts.MaxFailures) throw new TooManyRequestsException(LockedOut);
        throw new UnauthorizedException(refusal);
    }

    private static void Validate(LoginRequest request) => new Validator()
        .When(string.IsNullOrWhiteSpace(request.Username), "username", "Ingresá el usuario.")
        .When(string.IsNullOrEmpty(request.Password), "password", "Ingresá la contraseña.")
        .ThrowIfAny();

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
