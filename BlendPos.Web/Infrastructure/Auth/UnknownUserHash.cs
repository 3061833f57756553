using System.Security.Cryptography;
using BlendPos.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace BlendPos.Web.Infrastructure.Auth;

/// <summary>
/// A hash of a random password, made once by the app's own hasher (so with the same algorithm and rounds as real
/// users' hashes). An unknown user's password is verified against it: the refusal then costs what a wrong password
/// costs, and its timing does not tell which user names exist.
/// </summary>
public sealed class UnknownUserHash
{
    /// <summary>The user passed to the hasher for the check; the stock hasher does not look at it.</summary>
    public static readonly Usuario User = new() { UserName = "" };

    private string? _hash;

    public string Get(IPasswordHasher<Usuario> hasher) =>
        _hash ??= hasher.HashPassword(User, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
}
