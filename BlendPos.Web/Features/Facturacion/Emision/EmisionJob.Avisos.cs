using BlendPos.Domain.Facturacion;

namespace BlendPos.Web.Features.Facturacion.Emision;

public sealed partial class EmisionJob
{
    /// <summary>
    /// A permanent error needs a person: the navigation's badge counts these rows for admins (FacturacionService
    /// .ErroresPermanentesAsync); the e-mail to the admins goes through the mail branch's notifier once merged.
    /// </summary>
    private Task AvisarAdminsAsync(Comprobante c, string mensaje, CancellationToken ct)
    {
        _ = (c, mensaje, ct);
        return Task.CompletedTask;
    }
}
