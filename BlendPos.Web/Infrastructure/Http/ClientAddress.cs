using System.Net;

namespace BlendPos.Web.Infrastructure.Http;

/// <summary>
/// The client address that rate limits and login-failure counts are keyed by. It is the connection's address: the app
/// trusts no X-Forwarded-For of its own accord. Behind the production proxy, compose.prod.yml sets
/// ASPNETCORE_FORWARDEDHEADERS_ENABLED so the host rewrites it from Traefik's header (Traefik overwrites whatever the
/// client sent, and the app's port is reachable only through Traefik).
/// </summary>
public static class ClientAddress
{
    public const string Unknown = "unknown";

    public static string Of(HttpContext http) => Key(http.Connection.RemoteIpAddress);

    /// <summary>
    /// IPv4 as is (an IPv4-mapped IPv6 address counts as its IPv4); IPv6 by its /64, since one client commonly owns a
    /// whole /64 and could otherwise take a fresh address for every attempt.
    /// </summary>
    public static string Key(IPAddress? address)
    {
        if (address is null) return Unknown;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
