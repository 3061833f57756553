using BlendPos.Domain.Ventas;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Caja;
using BlendPos.Web.Features.Inventario;
using BlendPos.Web.Features.Shared;
using BlendPos.Web.Features.Ventas;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace BlendPos.Web.Features.Conflictos;

/// <summary>
/// The supervisor's review of sales flagged by the offline replay (seed 2.4: the sale is never blocked, a person looks
/// at it afterwards): list them with what differed, mark each reviewed once (who and when), and correct stock through
/// the ordinary manual adjustment, so the rules and the ledger line are InventarioService's.
/// </summary>
public sealed partial class ConflictosService(BlendPosDb db, InventarioService inventario, IMemoryCache memory, TimeProvider clock,
    BlendPosOptions options, Aprobadores aprobadores, ILogger<ConflictosService> logger)
{
    /// <summary>Cache key of the navigation badge's count; whoever flags or reviews a sale removes it.</summary>
    public const string PendientesCacheKey = "conflictos:pendientes:count";

    public async Task<PageOf<ConflictoVenta>> ListarAsync(FiltroConflictos filtro, int? page, int? size, CancellationToken ct = default)
    {
        var (p, s) = Paging.Normalize(page, size);
        return await db.InTransactionAsync(async () =>
        {
            var query = Filtrar(filtro);
            var total = await query.CountAsync(ct);
            // Pending first (in «todas»), newest sale first within each group.
            var ids = await query.OrderBy(v => v.ConflictoRevisadoAt != null).ThenByDescending(v => v.CreatedAt).ThenBy(v => v.Id)
                .Skip((p - 1) * s).Take(s).Select(v => v.Id).ToListAsync(ct);
            return new PageOf<ConflictoVenta>(await CargarAsync(ids, ct), total, p, s);
        }, ct);
    }

    /// <summary>One flagged sale, as the page shows it after an action on it.</summary>
    public async Task<ConflictoVenta> DetalleAsync(Guid ventaId, CancellationToken ct = default) =>
        await db.InTransactionAsync(async () => (await CargarAsync([ventaId], ct)).SingleOrDefault()
                                                ?? throw new NotFoundException("La venta no existe o no tiene conflictos."), ct);

    /// <summary>
    /// Records who reviewed the sale and when. One conditional UPDATE: of two supervisors clicking at once, one writes
    /// and the other is told who did it; a second review never overwrites the first. Four eyes: nobody reviews a
    /// conflict of their own sales (<see cref="Aprobadores"/>).
    /// </summary>
    public async Task<ConflictoVenta> MarcarRevisadaAsync(Guid ventaId, Actor actor, CancellationToken ct = default)
    {
        var usuarioId = actor.Id;
        var result = await db.InTransactionAsync(async () =>
        {
            var cajero = await db.Ventas.AsNoTracking().Where(v => v.Id == ventaId).Select(v => (Guid?)v.UsuarioId).FirstOrDefaultAsync(ct)
                         ?? throw new NotFoundException("La venta no existe.");
            await aprobadores.ExigirOtroAsync(actor, cajero, "revisar un conflicto de tus propias ventas", ct);
            DateTimeOffset? now = clock.GetUtcNow();
            Guid? revisor = usuarioId;
            var updated = await db.Ventas
                .Where(v => v.Id == ventaId && (v.ConflictoStock || v.ConflictoPrecio || v.ConflictoSesion || v.ConflictoFecha) && v.ConflictoRevisadoAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(v => v.ConflictoRevisadoAt, now).SetProperty(v => v.ConflictoRevisadoPorId, revisor), ct);
            if (updated == 0) throw await PorQueNoSeRevisaAsync(ventaId, ct);
            return (await CargarAsync([ventaId], ct)).Single();
        }, ct);

        memory.Remove(PendientesCacheKey);
        logger.LogInformation("Conflicts of sale {Venta} ({Ticket}) reviewed by {User}", ventaId, result.Ticket, usuarioId);
        return result;
    }

    /// <summary>
    /// Corrects a product's stock from the page through <see cref="InventarioService.AjustarAsync"/> (its validation,
    /// its transaction and its ledger line); the reason says which sale it settles. «Contado» turns the units counted
    /// into the change against the stock read just before: a sale in between those two statements would be absorbed
    /// by the count, which is what a count taken at that moment means anyway.
    /// </summary>
    public async Task<StockDto> AjustarStockAsync(Guid ventaId, AjusteConflictoRequest r, Guid usuarioId, CancellationToken ct = default)
    {
        new Validator()
            .When(r.ProductoId is null, "producto_id", "Elegí el producto.")
            .When(r.Modo is not (AjusteConflictoRequest.Contado or AjusteConflictoRequest.Ajuste), "modo",
                "Elegí si cargás la cantidad contada o un ajuste.")
            .When(r.Cantidad is null, "cantidad", "Ingresá la cantidad.")
            .When(r.Modo == AjusteConflictoRequest.Contado && r.Cantidad < 0, "cantidad", "La cantidad contada no puede ser negativa.")
            .ThrowIfAny();

        var venta = await db.Ventas.AsNoTracking().Where(v => v.Id == ventaId)
            .Select(v => new { v.PuntoDeVenta, v.NumeroTicket }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("La venta no existe.");
        var cantidad = r.Cantidad!.Value;
        if (r.Modo == AjusteConflictoRequest.Contado)
        {
            var producto = await db.Productos.AsNoTracking().Where(p => p.Id == r.ProductoId)
                .Select(p => new { p.Nombre, p.StockActual }).FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException("El producto no existe.");
            cantidad -= producto.StockActual;
            if (cantidad == 0)
                throw new ValidationException("cantidad", $"El stock de «{producto.Nombre}» ya es {producto.StockActual}: no hay nada que ajustar.");
        }

        var motivo = string.IsNullOrWhiteSpace(r.Motivo)
            ? r.Motivo // InventarioService asks for it
            : $"{r.Motivo.Trim()} (conflicto venta {VentaDto.Ticket(venta.PuntoDeVenta, venta.NumeroTicket)})";
        return await inventario.AjustarAsync(new AjusteRequest(r.ProductoId, cantidad, motivo), usuarioId, ct);
    }

    /// <summary>
    /// Flagged sales nobody reviewed yet, for the navigation badge: counted at most every 30 s, like the stock alerts'
    /// badge (InventarioService.CantidadAlertasAsync), and right after a review here.
    /// </summary>
    public async Task<int> CantidadPendientesAsync(CancellationToken ct = default) =>
        await memory.GetOrCreateAsync(PendientesCacheKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            return await db.InTransactionAsync(() => Filtrar(FiltroConflictos.Pendientes).CountAsync(ct), ct);
        });

    /// <summary>Called by whoever flags sales (the offline replay), so the badge shows them at once.</summary>
    public void InvalidarContador() => memory.Remove(PendientesCacheKey);

    private IQueryable<Venta> Filtrar(FiltroConflictos filtro)
    {
        var query = db.Ventas.AsNoTracking().Where(v => v.ConflictoStock || v.ConflictoPrecio || v.ConflictoSesion || v.ConflictoFecha);
        return filtro switch
        {
            FiltroConflictos.Pendientes => query.Where(v => v.ConflictoRevisadoAt == null),
            FiltroConflictos.Revisadas => query.Where(v => v.ConflictoRevisadoAt != null),
            _ => query,
        };
    }

    private async Task<AppException> PorQueNoSeRevisaAsync(Guid ventaId, CancellationToken ct)
    {
        var v = await db.Ventas.AsNoTracking().Where(x => x.Id == ventaId)
            .Select(x => new
            {
                x.PuntoDeVenta, x.NumeroTicket, x.ConflictoRevisadoAt,
                Flagged = x.ConflictoStock || x.ConflictoPrecio || x.ConflictoSesion || x.ConflictoFecha,
                Revisor = db.Users.Where(u => u.Id == x.ConflictoRevisadoPorId).Select(u => u.UserName).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (v is null) return new NotFoundException("La venta no existe.");
        var ticket = VentaDto.Ticket(v.PuntoDeVenta, v.NumeroTicket);
        if (!v.Flagged) return new ConflictException($"La venta {ticket} no tiene conflictos para revisar.");
        return new ConflictException(
            $"La venta {ticket} ya fue revisada por {v.Revisor ?? "otro usuario"} el {Formato.Fecha(v.ConflictoRevisadoAt!.Value, Formato.Zona(options))}.");
    }
}
