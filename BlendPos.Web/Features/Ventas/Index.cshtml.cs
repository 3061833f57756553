using System.Globalization;
using BlendPos.Domain;
using BlendPos.Domain.Usuarios;
using BlendPos.Web.Features.Caja;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;
using Htmx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Ventas;

/// <summary>What the sales table renders: the page of rows, the totals, and a message after a void (ok or refused).</summary>
public sealed record VentasVista(
    VentasListado Listado, bool Supervisor, bool HayFiltros, Func<int, string> Url, TimeZoneInfo Zona,
    string? Aviso = null, string? Error = null, Guid? ErrorVentaId = null,
    Facturacion.Configuracion.EmisorFacturacion? Emisor = null);

/// <summary>
/// The sales list. A cashier sees their own sales of one session (their open one by default); a supervisor sees
/// everyone's with filters, and voids from here. Filters swap the table only (htmx), like /caja/sesiones.
/// </summary>
[Authorize(Policy = Policies.Cajero)]
public sealed class VentasModel(VentaService ventas, CajaService caja, BlendPosOptions options,
    Facturacion.FacturacionService facturacion, Facturacion.Configuracion.ConfiguracionFacturacionService configuracionFacturacion) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public DateOnly? Desde { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Hasta { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Sesion { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Usuario { get; set; }
    [BindProperty(SupportsGet = true, Name = "pdv")] public int? PuntoDeVenta { get; set; }
    [BindProperty(SupportsGet = true)] public string? Estado { get; set; }
    [BindProperty(SupportsGet = true)] public bool Conflictos { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int Pagina { get; set; } = 1;

    [BindProperty(Name = "venta_id")] public Guid? VentaId { get; set; }
    [BindProperty(Name = "motivo")] public string? Motivo { get; set; }
    [BindProperty(Name = "factura_doc")] public string? FacturaDoc { get; set; }
    [BindProperty(Name = "factura_nombre")] public string? FacturaNombre { get; set; }
    [BindProperty(Name = "factura_condicion")] public string? FacturaCondicion { get; set; }

    public bool Supervisor => User.IsAtLeast(Roles.Supervisor);
    public IReadOnlyList<SesionListado> Sesiones { get; private set; } = [];
    public IReadOnlyList<UsuarioCaja> Usuarios { get; private set; } = [];
    public IReadOnlyList<int> PuntosDeVenta { get; private set; } = [];
    public VentasVista Vista { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        Sesiones = await ventas.SesionesParaListadoAsync(actor, Supervisor ? Usuario : null, ct: ct);
        // A cashier always looks at one session: the open one, else the latest.
        if (!Supervisor && Sesion is null)
            Sesion = Sesiones.FirstOrDefault(s => s.Estado == EstadoSesionCaja.Abierta)?.Id ?? Sesiones.FirstOrDefault()?.Id;
        await CargarVistaAsync(actor, ct);
        if (Request.IsHtmx()) return Partial("_VentasTabla", Vista);
        await CargarFiltrosAsync(actor, ct);
        return Page();
    }

    /// <summary>The supervisor signed in voids a sale with a reason; the table comes back with the current filters.</summary>
    public async Task<IActionResult> OnPostAnularAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        string? error = null;
        var anulada = false;
        try
        {
            new Validator()
                .When(VentaId is null, "venta_id", "Elegí la venta que se anula.")
                .When(string.IsNullOrWhiteSpace(Motivo), "motivo", "Indicá el motivo de la anulación.")
                .ThrowIfAny();
            await ventas.AnularAsync(VentaId!.Value, new AnularRequest(Motivo), actor, ct);
            anulada = true;
        }
        catch (AppException e)
        {
            error = e is ValidationException v ? string.Join(" ", v.Errors.SelectMany(kv => kv.Value)) : e.Detail;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity; // htmx swaps 422: the message shows in the table
        }
        await CargarVistaAsync(actor, ct, error);
        if (anulada)
        {
            var ticket = Vista.Listado.Pagina.Items.FirstOrDefault(f => f.Id == VentaId)?.Ticket;
            Vista = Vista with { Aviso = ticket is null ? "Venta anulada." : $"Venta {ticket} anulada." };
        }
        if (Request.IsHtmx()) return Partial("_VentasTabla", Vista);
        Sesiones = await ventas.SesionesParaListadoAsync(actor, Supervisor ? Usuario : null, ct: ct);
        await CargarFiltrosAsync(actor, ct);
        return Page();
    }

    /// <summary>«Facturar» a sale that has no invoice (POST /v1/facturas's rules); the table comes back with the current filters.</summary>
    public async Task<IActionResult> OnPostFacturarAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        string? error = null;
        try
        {
            if (VentaId is null) throw new ValidationException("venta_id", "Elegí la venta que se factura.");
            var emisor = await configuracionFacturacion.EmisorAsync(ct) ?? throw new ConflictException(Facturacion.NuevoComprobante.Deshabilitada);
            var condicion = Domain.Facturacion.CondicionIvaReceptor.Parse(FacturaCondicion) ?? Domain.Facturacion.CondicionIvaReceptor.ConsumidorFinal;
            var tipo = Domain.Facturacion.TiposComprobante.Factura(emisor.CondicionIva, condicion);
            await facturacion.SolicitarAsync(new Facturacion.FacturaRequest(VentaId, tipo, FacturaDoc, FacturaNombre, condicion.Codigo), actor, ct);
        }
        catch (AppException e)
        {
            error = e is ValidationException v ? string.Join(" ", v.Errors.SelectMany(kv => kv.Value)) : e.Detail;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        await CargarVistaAsync(actor, ct, error);
        if (error is null) Vista = Vista with { Aviso = "Factura pedida: AFIP la autoriza en segundos (ver Facturación)." };
        if (Request.IsHtmx()) return Partial("_VentasTabla", Vista);
        Sesiones = await ventas.SesionesParaListadoAsync(actor, Supervisor ? Usuario : null, ct: ct);
        await CargarFiltrosAsync(actor, ct);
        return Page();
    }

    private async Task CargarVistaAsync(Actor actor, CancellationToken ct, string? error = null)
    {
        var filtro = Supervisor
            ? new VentaListadoFiltro(Desde, Hasta, Sesion, Usuario, PuntoDeVenta, ParseEstado(Estado), Conflictos)
            : new VentaListadoFiltro(SesionCajaId: Sesion);
        var listado = await ventas.ListadoAsync(filtro, actor, options, Pagina, PageSize, ct);
        var hayFiltros = Supervisor && (Desde is not null || Hasta is not null || Sesion is not null || Usuario is not null ||
                                        PuntoDeVenta is not null || ParseEstado(Estado) is not null || Conflictos);
        Vista = new VentasVista(listado, Supervisor, hayFiltros, PageUrl, Formato.Zona(options), null, error, error is null ? null : VentaId,
            await configuracionFacturacion.EmisorAsync(ct));
    }

    private async Task CargarFiltrosAsync(Actor actor, CancellationToken ct)
    {
        if (!Supervisor) return;
        Usuarios = await caja.UsuariosConSesionesAsync(actor, ct);
        PuntosDeVenta = await caja.PuntosDeVentaConSesionesAsync(actor, ct);
    }

    public static EstadoVenta? ParseEstado(string? value) => value switch
    {
        "completada" => EstadoVenta.Completada,
        "anulada" => EstadoVenta.Anulada,
        _ => null,
    };

    public static string Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The query string of the current filters with another page.</summary>
    public string PageUrl(int page)
    {
        var query = new QueryBuilder();
        if (Desde is { } desde) query.Add("desde", Iso(desde));
        if (Hasta is { } hasta) query.Add("hasta", Iso(hasta));
        if (Sesion is { } s) query.Add("sesion", s.ToString());
        if (Usuario is { } u) query.Add("usuario", u.ToString());
        if (PuntoDeVenta is { } pdv) query.Add("pdv", pdv.ToString(CultureInfo.InvariantCulture));
        if (ParseEstado(Estado) is { } e) query.Add("estado", e == EstadoVenta.Anulada ? "anulada" : "completada");
        if (Conflictos) query.Add("conflictos", "true");
        query.Add("page", page.ToString(CultureInfo.InvariantCulture));
        return "/ventas" + query.ToQueryString();
    }
}
