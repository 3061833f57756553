using Npgsql;

namespace BlendPos.Web.Infrastructure.Config;

/// <summary>
/// Accepts the seed's URL forms (<c>postgresql+asyncpg://user:pass@host:5432/db</c>, <c>redis://host:6379/0</c>)
/// as well as the native Npgsql / StackExchange.Redis strings, so one .env works for every deployment.
/// </summary>
public static class ConnectionUrls
{
    public static string ToNpgsql(string value)
    {
        value = value.Trim();
        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0) return value; // already "Host=…;Database=…"

        var scheme = value[..schemeEnd];
        if (!scheme.StartsWith("postgres", StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"DATABASE_URL must be a postgres:// URL or an Npgsql connection string (got scheme '{scheme}').");

        var uri = new Uri("postgres" + value[schemeEnd..]);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) builder.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv.Length == 2 && kv[0].Equals("sslmode", StringComparison.OrdinalIgnoreCase))
                builder.SslMode = Enum.Parse<SslMode>(kv[1], ignoreCase: true);
        }
        return builder.ConnectionString;
    }

    public static string ToRedis(string value)
    {
        value = value.Trim();
        if (!value.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) &&
            !value.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
            return value; // already "host:port,option=…"

        var uri = new Uri(value);
        var parts = new List<string> { $"{uri.Host}:{(uri.Port > 0 ? uri.Port : 6379)}" };
        var db = uri.AbsolutePath.Trim('/');
        if (int.TryParse(db, out var dbNumber)) parts.Add($"defaultDatabase={dbNumber}");
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var userInfo = uri.UserInfo.Split(':', 2);
            if (userInfo.Length == 2)
            {
                if (userInfo[0].Length > 0) parts.Add($"user={Uri.UnescapeDataString(userInfo[0])}");
                parts.Add($"password={Uri.UnescapeDataString(userInfo[1])}");
            }
        }
        if (uri.Scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase)) parts.Add("ssl=true");
        return string.Join(',', parts);
    }
}
