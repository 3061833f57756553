using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Domain.Ventas;

namespace BlendPos.Web.Features.Caja;

public sealed partial class CajaService
{
    /// <summary>
    /// One movement per payment of a sale, with what each leaves in the drawer (VentaRules.Cobrar: cash is paid
    /// minus change). Runs inside the sale's transaction, which saves and commits.
    /// </summary>
    internal void RegistrarIngresosVenta(SesionCaja sesion, Guid ventaId, string ticket, IReadOnlyList<Pago> ingresos, Guid usuarioId)
    {
        var now = clock.GetUtcNow();
        foreach (var p in ingresos)
        {
            db.MovimientosCaja.Add(new MovimientoCaja
            {
                Id = Guid.NewGuid(), SesionCajaId = sesion.Id, Tipo = TipoMovimientoCaja.Venta, MetodoPago = p.Metodo, Monto = p.Monto,
                Descripcion = $"Venta {ticket}", ReferenciaId = ventaId, UsuarioId = usuarioId, CreatedAt = now,
            });
        }
    }
}
