using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;

namespace BlendPos.Web.Infrastructure.Auth;

/// <summary>
/// Remembers what was unprotected, by the protected bytes themselves. Every request of a signed-in cashier unprotects
/// the same three payloads — the sign-in cookie, the antiforgery cookie and the antiforgery form token — and each is
/// AES-CBC + HMAC with a key derived per payload: about a third of a scan's server CPU with 8 terminals
/// (docs/PERFORMANCE.md). They are the same bytes on every scan of a shift, so the answer is kept for two minutes.
/// Protect is untouched; a payload that fails to unprotect is never kept. The one difference: a key revoked in the key
/// ring stops being accepted up to two minutes later (expiry inside a ticket is still checked on every request).
/// </summary>
public sealed class CachingDataProtectionProvider(IDataProtectionProvider inner, MemoryCache cache, string purposes = "") : IDataProtectionProvider
{
    /// <summary>Payloads bigger than this are not kept (a cookie or token is a few hundred bytes).</summary>
    private const int MaxBytes = 4096;

    public IDataProtector CreateProtector(string purpose) => new Protector(inner.CreateProtector(purpose), cache, purposes + "\n" + purpose);

    /// <summary>Replaces the registered provider with this wrapper around it (call after AddDataProtection).</summary>
    public static void Decorate(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IDataProtectionProvider));
        services.Remove(original);
        services.AddSingleton<IDataProtectionProvider>(sp =>
        {
            var provider = (IDataProtectionProvider)(original.ImplementationInstance
                ?? original.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!));
            return new CachingDataProtectionProvider(provider, new MemoryCache(new MemoryCacheOptions { SizeLimit = 20_000 }));
        });
    }

    private sealed class Protector(IDataProtector inner, MemoryCache cache, string purposes) : IDataProtector
    {
        private static readonly MemoryCacheEntryOptions Entry = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(2), Size = 1 };

        public IDataProtector CreateProtector(string purpose) => new Protector(inner.CreateProtector(purpose), cache, purposes + "\n" + purpose);

        public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

        public byte[] Unprotect(byte[] protectedData)
        {
            if (protectedData.Length > MaxBytes) return inner.Unprotect(protectedData);
            var key = (purposes, Convert.ToBase64String(protectedData));
            if (cache.TryGetValue(key, out byte[]? plain) && plain is not null) return (byte[])plain.Clone();
            plain = inner.Unprotect(protectedData); // throws on a bad payload: nothing is kept
            cache.Set(key, (byte[])plain.Clone(), Entry);
            return plain;
        }
    }
}
