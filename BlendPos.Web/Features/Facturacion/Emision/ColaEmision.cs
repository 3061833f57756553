using Coravel.Invocable;
using Coravel.Queuing.Interfaces;

namespace BlendPos.Web.Features.Facturacion.Emision;

/// <summary>
/// After a sale (or a void, or a retry) commits, its comprobante id goes on Coravel's in-memory queue to be issued
/// within a second or so. The queue is only a shortcut: the row is the job, and the sweep finds it if this process dies.
/// </summary>
public sealed class ColaEmision(IQueue queue, IServiceScopeFactory scopes, ILogger<ColaEmision> logger)
{
    public void Encolar(Guid comprobanteId) => queue.QueueAsyncTask(async () =>
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<EmisionJob>().ProcesarAsync(comprobanteId);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Comprobante {Comprobante} could not be processed from the queue; the sweep retries it", comprobanteId);
        }
    });
}

/// <summary>The scheduled sweep (every 30 s on every instance): due pending rows, claimed with FOR UPDATE SKIP LOCKED.</summary>
public sealed class BarridoPendientes(EmisionJob job) : IInvocable
{
    public Task Invoke() => job.BarrerAsync();
}
