namespace BlendPos.Domain.Usuarios;

/// <summary>
/// The four-eyes rule (issue 16): an approval about someone's own work — closing or justifying their own critical
/// cash session, voiding their own sale, reviewing a conflict of their own sales — must come from another supervisor
/// or an admin. A shop with a single person able to approve would be stuck, so an admin may act alone when no other
/// active supervisor or admin exists; a supervisor never may (an admin can always be created).
/// </summary>
public static class CuatroOjos
{
    /// <summary>Whether <paramref name="aprobador"/> may approve what <paramref name="autor"/> did.</summary>
    /// <param name="hayOtroAprobador">another active user (not the approver) holds the supervisor or admin role.</param>
    public static bool PuedeAprobar(Guid aprobador, string? rolAprobador, Guid autor, bool hayOtroAprobador)
    {
        if (!Roles.AtLeast(rolAprobador, Roles.Supervisor)) return false;
        if (aprobador != autor) return true;
        return rolAprobador == Roles.Admin && !hayOtroAprobador;
    }

    /// <summary>The refusal, in Spanish, for <paramref name="que"/> ("cerrar tu propia caja", "anular tu propia venta"…).</summary>
    public static string Motivo(string que) =>
        $"No podés {que}: tiene que hacerlo otro supervisor o un administrador.";
}
