namespace BlendPos.Domain.Usuarios;

/// <summary>
/// The three roles, ordered: a higher role may do everything a lower one may (admin ≥ supervisor ≥ cajero).
/// </summary>
public static class Roles
{
    public const string Cajero = "cajero";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    /// <summary>All roles from lowest to highest.</summary>
    public static IReadOnlyList<string> All { get; } = [Cajero, Supervisor, Admin];

    /// <summary>Rank of a role (cajero 1, supervisor 2, admin 3); 0 for anything unknown.</summary>
    public static int Rank(string? role) => role switch
    {
        Cajero => 1,
        Supervisor => 2,
        Admin => 3,
        _ => 0,
    };

    public static bool IsKnown(string? role) => Rank(role) > 0;

    /// <summary>True when <paramref name="role"/> is at least <paramref name="required"/>.</summary>
    public static bool AtLeast(string? role, string required)
    {
        var needed = Rank(required);
        if (needed == 0) throw new ArgumentException($"Unknown role '{required}'.", nameof(required));
        return Rank(role) >= needed;
    }

    /// <summary>The highest of several roles a user holds (null if none is known).</summary>
    public static string? Highest(IEnumerable<string> roles) =>
        roles.Where(IsKnown).OrderByDescending(Rank).FirstOrDefault();

    public static string Nombre(string role) => role switch
    {
        Cajero => "Cajero",
        Supervisor => "Supervisor",
        Admin => "Administrador",
        _ => role,
    };
}
