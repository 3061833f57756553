using BlendPos.Domain;
using BlendPos.Domain.Facturacion;
using BlendPos.Web.Infrastructure.Mail;

namespace BlendPos.Web.Features.Facturacion.Emision;

public sealed partial class EmisionJob
{
    /// <summary>
    /// A permanent error needs a person: the navigation's badge counts these rows for admins
    /// (<see cref="FacturacionService.ErroresPermanentesAsync"/>) and the admins get an e-mail (the mail branch's
    /// notifier; its own failures are logged there, never the comprobante's business).
    /// </summary>
    private async Task AvisarAdminsAsync(Comprobante c, string mensaje, CancellationToken ct)
    {
        if (services.GetService<INotificadorAdmins>() is not { } notificador) return;
        var venta = await db.Ventas.FindAsync([c.VentaId], ct);
        var ticket = venta is null ? "" : $" (venta {venta.PuntoDeVenta:D4}-{venta.NumeroTicket:D8})";
        await notificador.NotificarAsync($"BlendPOS: {c.Tipo.Nombre()} con error{ticket}",
            $"AFIP no autorizó la {c.Tipo.Nombre()} por {Money.Format(c.MontoTotal)}{ticket}.\n\n{mensaje}\n\n" +
            "No se reintenta sola: revisala en Facturación y usá «Reintentar» cuando esté resuelto.", ct);
    }
}
