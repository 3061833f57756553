using BlendPos.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BlendPos.Web.Infrastructure.Mail;

/// <summary>An e-mail this worker now owns: the comprobante, where it goes, and which attempt this is (1-based).</summary>
public sealed record CorreoReclamado(Guid ComprobanteId, string Destinatario, int Intento);

/// <summary>
/// The durable state of a document's e-mail, kept in its <c>comprobantes</c> row (correo_estado, correo_intentos,
/// correo_proximo_intento_at, correo_error). A worker claims a due e-mail with one atomic UPDATE that bumps the attempt
/// and moves correo_proximo_intento_at past a lease, so two instances (or the queue and the sweep) never send the same
/// one twice. Single statements in autocommit: nothing here stays open while SMTP is spoken. Never touches <c>estado</c>.
/// </summary>
public sealed class CorreoComprobantes(BlendPosDb db)
{
    /// <summary>Pending and due now; false when there is no such comprobante.</summary>
    public Task<bool> MarcarPendienteAsync(Guid id, string destinatario, DateTimeOffset ahora, CancellationToken ct) =>
        EjecutarAsync("""
            UPDATE comprobantes SET receptor_email = $2, correo_estado = 'pendiente', correo_intentos = 0,
                   correo_proximo_intento_at = $3, correo_error = NULL, updated_at = $3
            WHERE id = $1
            """, ct, id, destinatario, ahora);

    /// <summary>Error without any attempt (e-mail off, or an unusable address): shown on the invoices list.</summary>
    public Task<bool> MarcarErrorSinIntentoAsync(Guid id, string destinatario, string error, DateTimeOffset ahora, CancellationToken ct) =>
        EjecutarAsync("""
            UPDATE comprobantes SET receptor_email = $2, correo_estado = 'error', correo_intentos = 0,
                   correo_proximo_intento_at = NULL, correo_error = $3, updated_at = $4
            WHERE id = $1
            """, ct, id, destinatario, error, ahora);

    /// <summary>Claims this comprobante's e-mail if it is pending and due; null when someone else has it or it is not due.</summary>
    public async Task<CorreoReclamado?> ReclamarAsync(Guid id, DateTimeOffset ahora, TimeSpan reserva, CancellationToken ct) =>
        (await ConsultarAsync("""
            UPDATE comprobantes SET correo_intentos = correo_intentos + 1, correo_proximo_intento_at = $3
            WHERE id = $1 AND correo_estado = 'pendiente' AND correo_proximo_intento_at <= $2 AND receptor_email IS NOT NULL
            RETURNING id, receptor_email, correo_intentos
            """, ct, id, ahora, ahora + reserva)).SingleOrDefault();

    /// <summary>
    /// Claims up to <paramref name="limite"/> due e-mails, oldest first. Rows another worker is claiming are skipped
    /// (SKIP LOCKED), and one it already claimed is no longer due: each e-mail goes to exactly one worker.
    /// </summary>
    public Task<List<CorreoReclamado>> ReclamarVencidosAsync(DateTimeOffset ahora, TimeSpan reserva, int limite, CancellationToken ct) =>
        ConsultarAsync("""
            UPDATE comprobantes c SET correo_intentos = c.correo_intentos + 1, correo_proximo_intento_at = $2
            FROM (SELECT id FROM comprobantes
                  WHERE correo_estado = 'pendiente' AND correo_proximo_intento_at <= $1 AND receptor_email IS NOT NULL
                  ORDER BY correo_proximo_intento_at
                  LIMIT $3
                  FOR UPDATE SKIP LOCKED) vencidos
            WHERE c.id = vencidos.id
            RETURNING c.id, c.receptor_email, c.correo_intentos
            """, ct, ahora, ahora + reserva, limite);

    public Task<bool> MarcarEnviadoAsync(Guid id, DateTimeOffset ahora) =>
        EjecutarAsync("""
            UPDATE comprobantes SET correo_estado = 'enviado', correo_proximo_intento_at = NULL, correo_error = NULL, updated_at = $2
            WHERE id = $1
            """, CancellationToken.None, id, ahora);

    /// <summary>A failed attempt: retried at <paramref name="reintentoAt"/>, or in error for good when it is null.</summary>
    public Task<bool> MarcarFalloAsync(Guid id, string error, DateTimeOffset? reintentoAt, DateTimeOffset ahora) =>
        EjecutarAsync("""
            UPDATE comprobantes SET correo_estado = CASE WHEN $3::timestamptz IS NULL THEN 'error' ELSE 'pendiente' END,
                   correo_proximo_intento_at = $3::timestamptz, correo_error = $2, updated_at = $4
            WHERE id = $1
            """, CancellationToken.None, id, error, (object?)reintentoAt ?? DBNull.Value, ahora);

    private async Task<bool> EjecutarAsync(string sql, CancellationToken ct, params object[] valores)
    {
        await using var cmd = await ComandoAsync(sql, valores, ct);
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    private async Task<List<CorreoReclamado>> ConsultarAsync(string sql, CancellationToken ct, params object[] valores)
    {
        await using var cmd = await ComandoAsync(sql, valores, ct);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var filas = new List<CorreoReclamado>();
        while (await reader.ReadAsync(ct))
            filas.Add(new CorreoReclamado(reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2)));
        return filas;
    }

    private async Task<NpgsqlCommand> ComandoAsync(string sql, object[] valores, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct); // the context closes it when the scope ends
        var cmd = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection());
        foreach (var v in valores) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return cmd;
    }
}
