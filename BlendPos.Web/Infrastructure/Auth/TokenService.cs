using System.Security.Cryptography;
using System.Text;
using BlendPos.Web.Data;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BlendPos.Web.Infrastructure.Auth;

/// <summary>Makes access tokens (JWT HS256) and refresh tokens (random, stored only as a SHA-256 hash).</summary>
public sealed class TokenService(JwtOptions options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public (string Token, int ExpiresInSeconds) CreateAccessToken(Usuario user, string rol)
    {
        var now = clock.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            [Policies.UserIdClaim] = user.Id.ToString(),
            [Policies.NameClaim] = user.UserName ?? "",
            [Policies.RoleClaim] = rol,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString(),
            [StampClaim] = StampOf(user.SecurityStamp),
        };
        if (user.PuntoDeVenta is { } pdv) claims[Policies.PuntoDeVentaClaim] = pdv;

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = JwtOptions.Issuer,
            Audience = JwtOptions.Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + options.AccessTokenLifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(options.Key), SecurityAlgorithms.HmacSha256),
        });
        return (token, (int)options.AccessTokenLifetime.TotalSeconds);
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = JwtOptions.Issuer,
        ValidAudience = JwtOptions.Audience,
        IssuerSigningKey = new SymmetricSecurityKey(options.Key),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = Policies.NameClaim,
        RoleClaimType = Policies.RoleClaim,
        AuthenticationType = AuthSetup.BearerAuthenticationType,
        ClockSkew = TimeSpan.FromSeconds(30),
        // Expiry is judged by the same injected clock that stamped the token, not by the machine's.
        LifetimeValidator = (notBefore, expires, _, p) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return expires is { } exp && now < exp + p.ClockSkew && (notBefore is not { } nbf || nbf - p.ClockSkew <= now);
        },
    };

    /// <summary>A new refresh token: the raw value goes to the client, the entity (hash only) to the database.</summary>
    public (string Raw, RefreshToken Entity) CreateRefreshToken(Guid usuarioId)
    {
        var raw = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        return (raw, new RefreshToken
        {
            Id = Guid.NewGuid(),
            UsuarioId = usuarioId,
            TokenHash = Hash(raw),
            CreatedAt = now,
            ExpiresAt = now + options.RefreshTokenLifetime,
        });
    }

    public static string Hash(string raw) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)));

    /// <summary>
    /// Identity's security stamp changes when a user is deactivated, changes role or gets a new password; the token
    /// carries a digest of the stamp it was issued under, so those changes end it at once (see UserStatusCache).
    /// </summary>
    public const string StampClaim = "sst";

    public static string StampOf(string? securityStamp) => Hash("stamp:" + securityStamp)[..16];
}
