using System.Net.Sockets;
using Npgsql;

namespace BlendPos.Web.Infrastructure.Errors;

/// <summary>
/// Tells "PostgreSQL cannot be reached right now" (down, restarting, refusing connections, connection cut) from a bug.
/// Those failures are transient: the client should retry (the POS queues the sale offline), so the API answers 503,
/// not 500. EF wraps them (retry limit, DbUpdateException), so the whole inner chain is searched.
/// </summary>
public static class DatabaseUnavailable
{
    public const string Title = "Servicio no disponible";
    public const string Detail = "La base de datos no responde en este momento. Reintentá en unos segundos; " +
                                 "las ventas ya confirmadas están guardadas.";

    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // 08: connection exception; 57P01–57P03: admin shutdown, crash shutdown, cannot connect now (starting up).
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal):
                    return true;
                case PostgresException:
                    return false; // any other server error is an answer from a working database
                case NpgsqlException { IsTransient: true }:
                case NpgsqlException { InnerException: SocketException or IOException or TimeoutException }:
                    return true;
            }
        }
        return false;
    }
}
