using BlendPos.Domain.Usuarios;
using BlendPos.Web.Data;
using Coravel.Queuing.Interfaces;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace BlendPos.Web.Infrastructure.Mail;

/// <summary>
/// Tells the shop's admins something needs them (e.g. a permanent invoicing error). Best effort: queued, one e-mail to
/// every active admin with an address, nothing stored, never throws to the caller — a lost notice must not fail the
/// work that raised it (the caller keeps its own durable state, e.g. the comprobante's error and the badge).
/// </summary>
public interface INotificadorAdmins
{
    Task NotificarAsync(string asunto, string cuerpo, CancellationToken ct);
}

public sealed class NotificadorAdmins(
    IEnviadorCorreo enviador,
    IQueue queue,
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<NotificadorAdmins> logger) : INotificadorAdmins
{
    public Task NotificarAsync(string asunto, string cuerpo, CancellationToken ct)
    {
        try
        {
            if (!enviador.Habilitado)
            {
                logger.LogWarning("Admin notice not e-mailed (SMTP_HOST is not set): {Asunto}", asunto);
                return Task.CompletedTask;
            }
            queue.QueueAsyncTask(() => EnviarAsync(asunto, cuerpo, lifetime.ApplicationStopping));
        }
        catch (Exception e)
        {
            logger.LogError(e, "Admin notice could not be queued: {Asunto}", asunto);
        }
        return Task.CompletedTask;
    }

    private async Task EnviarAsync(string asunto, string cuerpo, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var admins = await AdminsAsync(scope.ServiceProvider.GetRequiredService<BlendPosDb>(), ct);
            if (admins.Count == 0)
            {
                logger.LogWarning("Admin notice not e-mailed: no active admin has an e-mail address: {Asunto}", asunto);
                return;
            }
            var mensaje = new MimeMessage { Subject = asunto, Date = clock.GetUtcNow() };
            mensaje.From.Add(enviador.Remitente!);
            foreach (var (nombre, email) in admins) mensaje.To.Add(new MailboxAddress(nombre, email));
            mensaje.Body = new TextPart("plain") { Text = cuerpo };
            await enviador.EnviarAsync(mensaje, ct);
            logger.LogInformation("Admin notice e-mailed to {Cantidad} admin(s): {Asunto}", admins.Count, asunto);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Admin notice could not be e-mailed: {Asunto}", asunto);
        }
    }

    private static async Task<List<(string Nombre, string Email)>> AdminsAsync(BlendPosDb db, CancellationToken ct)
    {
        var filas = await (
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where r.Name == Roles.Admin && u.Activo && u.Email != null && u.Email != ""
            orderby u.UserName
            select new { u.NombreCompleto, Email = u.Email! }).AsNoTracking().ToListAsync(ct);
        return filas.Where(f => FacturaCorreo.EsDireccion(f.Email)).Select(f => (f.NombreCompleto, f.Email)).Distinct().ToList();
    }
}
