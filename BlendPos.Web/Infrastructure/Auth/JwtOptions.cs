using System.Security.Cryptography;
using System.Text;

namespace BlendPos.Web.Infrastructure.Auth;

public sealed class JwtOptions
{
    public const string Issuer = "blendpos";
    public const string Audience = "blendpos";

    public required byte[] Key { get; init; }
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(8);
    /// <summary>Refresh tokens outlive a shift so a terminal left open overnight can renew in the morning.</summary>
    public TimeSpan RefreshTokenLifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// JWT_SECRET is required outside Development; in Development a random key is used (tokens die on restart).
    /// </summary>
    public static JwtOptions FromConfiguration(IConfiguration config, IHostEnvironment env)
    {
        var secret = config["JWT_SECRET"];
        byte[] key;
        if (string.IsNullOrWhiteSpace(secret))
        {
            if (!env.IsDevelopment() && !env.IsEnvironment("Testing"))
                throw new InvalidOperationException("JWT_SECRET is not set. Set it to a random value of at least 32 characters.");
            key = RandomNumberGenerator.GetBytes(32);
        }
        else
        {
            key = Encoding.UTF8.GetBytes(secret);
            if (key.Length < 32)
                throw new InvalidOperationException("JWT_SECRET must be at least 32 characters (256 bits).");
        }

        var hours = config.GetValue("JWT_EXPIRATION_HOURS", 8.0);
        return new JwtOptions { Key = key, AccessTokenLifetime = TimeSpan.FromHours(hours) };
    }
}
