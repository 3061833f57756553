using BlendPos.Domain;
using BlendPos.Domain.Usuarios;
using BlendPos.Domain.Ventas;
using BlendPos.Domain.Caja;
using BlendPos.Web.Infrastructure.Config;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Ventas;

/// <summary>
/// The sales list's filters. Dates are Argentina calendar days (inclusive). A cashier's query is always narrowed to
/// their own sales, whatever else it asks for.
/// </summary>
public sealed record VentaListadoFiltro(
    DateOnly? Desde = null, DateOnly? Hasta = null, Guid? SesionCajaId = null, Guid? UsuarioId = null,
    int? PuntoDeVenta = null, EstadoVenta? Estado = null, bool ConConflictos = false);

/// <summary>One row of the sales list, ready to render.</summary>
public sealed record VentaFila(
    Guid Id, string Ticket, DateTimeOffset CreatedAt, string Cajero, int PuntoDeVenta, int Unidades, decimal Total,
    IReadOnlyList<MetodoPago> Metodos, EstadoVenta Estado, string? MotivoAnulacion, string? AnuladaPor, DateTimeOffset? AnuladaAt,
    bool Conflicto, bool SesionAbierta, bool TieneFactura = false);

public sealed record MetodoTotal(MetodoPago Metodo, decimal Monto);

/// <summary>
/// Totals of the whole filtered set (not just the page). <see cref="TotalVendido"/> counts completed sales only;
/// <see cref="PorMetodo"/> is what each payment method took for them, cash net of change, so it adds up to it.
/// </summary>
public sealed record VentasTotales(
    int Cantidad, int Completadas, int Anuladas, decimal TotalVendido, decimal TotalAnulado, IReadOnlyList<MetodoTotal> PorMetodo);

/// <param name="Totales">
/// null when the filtered set holds a sale of a session whose expected amounts the reader may not see (blind count,
/// <see cref="BlendPos.Domain.Caja.ConteoCiego"/>: a cashier's own open drawer); they are then not even computed.
/// </param>
public sealed record VentasListado(PageOf<VentaFila> Pagina, VentasTotales? Totales);

/// <summary>A session the list can be narrowed to.</summary>
public sealed record SesionListado(Guid Id, DateTimeOffset OpenedAt, int PuntoDeVenta, EstadoSesionCaja Estado, string Usuario);

/// <summary>The sales list (/ventas): filters, rows and totals of the filtered set.</summary>
public sealed partial class VentaService
{
    private static readonly MetodoPago[] OrdenMetodos = [MetodoPago.Efectivo, MetodoPago.Debito, MetodoPago.Credito, MetodoPago.Transferencia];

    public async Task<VentasListado> ListadoAsync(VentaListadoFiltro f, Actor actor, BlendPosOptions options, int? page, int? size,
        CancellationToken ct = default)
    {
        var (p, s) = Paging.Normalize(page, size);
        var query = Filtrar(f, actor, TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone));

        // Blind count: a cashier adding up their open drawer's sales would know what it is expected to hold.
        var ciegas = SesionesCiegas(actor);
        var totales = await query.AnyAsync(v => ciegas.Contains(v.SesionCajaId), ct) ? null : await TotalesAsync(query, ct);
        var cantidad = totales?.Cantidad ?? await query.CountAsync(ct);

        var rows = await query.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.NumeroTicket).Skip((p - 1) * s).Take(s)
            .Select(v => new
            {
                v.Id, v.NumeroTicket, v.PuntoDeVenta, v.CreatedAt, v.UsuarioId, v.Total, v.Estado, v.MotivoAnulacion, v.AnuladaPorId, v.AnuladaAt,
                Unidades = v.Items.Sum(i => i.Cantidad),
                Metodos = v.Pagos.Select(x => x.Metodo).ToList(),
                Conflicto = v.ConflictoStock || v.ConflictoPrecio || v.ConflictoSesion || v.ConflictoFecha,
                SesionAbierta = db.SesionesCaja.Any(x => x.Id == v.SesionCajaId && x.Estado == EstadoSesionCaja.Abierta),
                TieneFactura = db.Comprobantes.Any(c => c.VentaId == v.Id && c.ComprobanteAsociadoId == null),
            })
            .AsSplitQuery().ToListAsync(ct);

        var userIds = rows.Select(r => r.UsuarioId).Concat(rows.Where(r => r.AnuladaPorId != null).Select(r => r.AnuladaPorId!.Value)).Distinct().ToList();
        var nombres = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName!, ct);

        var filas = rows.Select(r => new VentaFila(
            r.Id, VentaDto.Ticket(r.PuntoDeVenta, r.NumeroTicket), r.CreatedAt, nombres.GetValueOrDefault(r.UsuarioId, "?"), r.PuntoDeVenta,
            r.Unidades, r.Total, OrdenMetodos.Where(r.Metodos.Contains).ToList(), r.Estado, r.MotivoAnulacion,
            r.AnuladaPorId is { } a ? nombres.GetValueOrDefault(a) : null, r.AnuladaAt, r.Conflicto, r.SesionAbierta, r.TieneFactura)).ToList();
        return new VentasListado(new PageOf<VentaFila>(filas, cantidad, p, s), totales);
    }

    /// <summary>Totals of the whole filtered set: sold, voided, and what each payment method took (cash net of change).</summary>
    private async Task<VentasTotales> TotalesAsync(IQueryable<Venta> query, CancellationToken ct)
    {
        var porEstado = await query.GroupBy(v => v.Estado)
            .Select(g => new { Estado = g.Key, Cantidad = g.Count(), Total = g.Sum(v => v.Total), Vuelto = g.Sum(v => v.Vuelto) })
            .ToListAsync(ct);
        var completadas = porEstado.FirstOrDefault(e => e.Estado == EstadoVenta.Completada);
        var anuladas = porEstado.FirstOrDefault(e => e.Estado == EstadoVenta.Anulada);

        var idsCompletadas = query.Where(v => v.Estado == EstadoVenta.Completada).Select(v => v.Id);
        var pagos = await db.VentaPagos.AsNoTracking().Where(x => idsCompletadas.Contains(x.VentaId))
            .GroupBy(x => x.Metodo).Select(g => new { Metodo = g.Key, Monto = g.Sum(x => x.Monto) })
            .ToDictionaryAsync(x => x.Metodo, x => x.Monto, ct);
        // The change always comes out of cash (VentaRules.Cobrar), so what cash took is cash paid minus change.
        if (pagos.ContainsKey(MetodoPago.Efectivo)) pagos[MetodoPago.Efectivo] -= completadas?.Vuelto ?? 0m;
        var porMetodo = OrdenMetodos.Where(pagos.ContainsKey).Select(m => new MetodoTotal(m, pagos[m])).ToList();

        return new VentasTotales(
            (completadas?.Cantidad ?? 0) + (anuladas?.Cantidad ?? 0), completadas?.Cantidad ?? 0, anuladas?.Cantidad ?? 0,
            completadas?.Total ?? 0m, anuladas?.Total ?? 0m, porMetodo);
    }

    /// <summary>
    /// Recent sessions for the list's selector, newest first: a cashier's own; for a supervisor everyone's, or one user's.
    /// </summary>
    public async Task<IReadOnlyList<SesionListado>> SesionesParaListadoAsync(Actor actor, Guid? usuarioId, int take = 30,
        CancellationToken ct = default)
    {
        var query = db.SesionesCaja.AsNoTracking();
        if (!Roles.AtLeast(actor.Rol, Roles.Supervisor)) query = query.Where(x => x.UsuarioId == actor.Id);
        else if (usuarioId is { } u) query = query.Where(x => x.UsuarioId == u);
        return await query.OrderByDescending(x => x.OpenedAt).Take(take)
            .Join(db.Users, x => x.UsuarioId, u => u.Id, (x, u) => new SesionListado(x.Id, x.OpenedAt, x.PuntoDeVenta, x.Estado, u.UserName!))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The sessions whose expected amounts <paramref name="actor"/> may not see yet (the domain's <see cref="ConteoCiego"/>
    /// rule, the one the cash pages apply), as a query to compose: the list hides its totals when it includes one.
    /// </summary>
    private IQueryable<Guid> SesionesCiegas(Actor actor)
    {
        var propias = Enum.GetValues<EstadoSesionCaja>().Where(e => !ConteoCiego.PuedeVerEsperado(actor.Rol, esDueno: true, e)).ToList();
        var ajenas = Enum.GetValues<EstadoSesionCaja>().Where(e => !ConteoCiego.PuedeVerEsperado(actor.Rol, esDueno: false, e)).ToList();
        return db.SesionesCaja.Where(s => s.UsuarioId == actor.Id ? propias.Contains(s.Estado) : ajenas.Contains(s.Estado)).Select(s => s.Id);
    }

    private IQueryable<Venta> Filtrar(VentaListadoFiltro f, Actor actor, TimeZoneInfo tz)
    {
        var query = db.Ventas.AsNoTracking();
        if (!Roles.AtLeast(actor.Rol, Roles.Supervisor)) query = query.Where(v => v.UsuarioId == actor.Id);
        else if (f.UsuarioId is { } usuario) query = query.Where(v => v.UsuarioId == usuario);
        if (f.SesionCajaId is { } sesion) query = query.Where(v => v.SesionCajaId == sesion);
        if (f.PuntoDeVenta is { } pdv) query = query.Where(v => v.PuntoDeVenta == pdv);
        if (f.Estado is { } estado) query = query.Where(v => v.Estado == estado);
        if (f.Desde is { } desde) { var from = Inicio(desde, tz); query = query.Where(v => v.CreatedAt >= from); }
        if (f.Hasta is { } hasta) { var to = Inicio(hasta.AddDays(1), tz); query = query.Where(v => v.CreatedAt < to); }
        if (f.ConConflictos) query = query.Where(v => v.ConflictoStock || v.ConflictoPrecio || v.ConflictoSesion || v.ConflictoFecha);
        return query;
    }
}
