using System.Globalization;
using System.Text.RegularExpressions;
using BlendPos.Domain;
using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Usuarios;
using BlendPos.Domain.Ventas;
using ReglasCarrito = BlendPos.Domain.Ventas.Carrito;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Caja;
using BlendPos.Web.Features.Catalogo;
using BlendPos.Web.Features.Shared;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BlendPos.Web.Features.Ventas;

/// <summary>
/// The till (<c>/pos</c>). The cart lives in the page, not in server state: every request carries it as form fields
/// (<c>linea_barcode</c> and <c>linea_cantidad</c>, one pair per line, in order) and the server answers with the cart
/// re-rendered, prices from the catalog cache and totals from <see cref="VentaRules"/> (the server does all the
/// arithmetic). The offline issue renders the same row (<c>_PosLinea</c>, also in <c>&lt;template id="pos-linea"&gt;</c>).
/// <para>
/// The payment dialog takes one discount on the whole sale (<c>descuento_total</c>); a cashier's needs a supervisor's
/// user and password typed at the till, checked by the sale itself (issue 16). Per-line discounts stay API-only.
/// </para>
/// </summary>
[Authorize(Policy = Policies.Cajero)]
public sealed partial class PosModel(
    CajaService caja, CatalogoService catalogo, VentaService ventas, BlendPosOptions options,
    ILogger<PosModel> logger, Facturacion.Configuracion.ConfiguracionFacturacionService facturacion) : PageModel
{
    public const int UltimasVentas = 8;

    [BindProperty(Name = "linea_barcode")] public List<string?> LineaBarcode { get; set; } = [];
    [BindProperty(Name = "linea_cantidad")] public List<string?> LineaCantidad { get; set; } = [];
    [BindProperty(Name = "codigo")] public string? Codigo { get; set; }
    /// <summary>An edit of one line: "mas", "menos" or "quitar", on <see cref="Objetivo"/> (a barcode).</summary>
    [BindProperty(Name = "op")] public string? Op { get; set; }
    [BindProperty(Name = "objetivo")] public string? Objetivo { get; set; }
    /// <summary>"1": the page has no marked line and takes a scan's answer as the changed line only (<see cref="Escaneo"/>).</summary>
    [BindProperty(Name = "parcial")] public string? Parcial { get; set; }

    [BindProperty(Name = "venta_id")] public Guid? VentaId { get; set; }
    [BindProperty(Name = "pago_efectivo")] public string? PagoEfectivo { get; set; }
    [BindProperty(Name = "pago_debito")] public string? PagoDebito { get; set; }
    [BindProperty(Name = "pago_credito")] public string? PagoCredito { get; set; }
    [BindProperty(Name = "pago_transferencia")] public string? PagoTransferencia { get; set; }
    [BindProperty(Name = "descuento")] public string? Descuento { get; set; }
    [BindProperty(Name = "autoriza_usuario")] public string? AutorizaUsuario { get; set; }
    [BindProperty(Name = "autoriza_password")] public string? AutorizaPassword { get; set; }

    [BindProperty(Name = "factura")] public string? Factura { get; set; }
    [BindProperty(Name = "factura_doc")] public string? FacturaDoc { get; set; }
    [BindProperty(Name = "factura_nombre")] public string? FacturaNombre { get; set; }
    [BindProperty(Name = "factura_condicion")] public string? FacturaCondicion { get; set; }
    [BindProperty(Name = "factura_email")] public string? FacturaEmail { get; set; }

    [BindProperty(Name = "anular_venta_id")] public Guid? AnularVentaId { get; set; }
    [BindProperty(Name = "anular_usuario")] public string? AnularUsuario { get; set; }
    [BindProperty(Name = "anular_password")] public string? AnularPassword { get; set; }
    [BindProperty(Name = "anular_motivo")] public string? AnularMotivo { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }

    public SesionCajaDto? Sesion { get; private set; }
    public string Cajero => User.Identity?.Name ?? "";
    public TimeZoneInfo Zona => Formato.Zona(options);
    public PosCarritoVista Carrito { get; private set; } = PosCarritoVista.Vacio;
    public IReadOnlyList<VentaDto> Ultimas { get; private set; } = [];
    public Guid NuevaVentaId { get; } = Guid.NewGuid();
    /// <summary>A supervisor (or admin) selling discounts on their own authority: the dialog asks for no credentials.</summary>
    public bool DescuentaSinAutorizacion => Roles.AtLeast(Actor.From(User).Rol, Roles.Supervisor);
    /// <summary>The issuer when invoicing is on: the payment dialog then offers «Factura electrónica».</summary>
    public Facturacion.Configuracion.EmisorFacturacion? Facturacion { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Sesion = await caja.ActualOrNullAsync(Actor.From(User), ct);
        if (Sesion is not null) Ultimas = await UltimasAsync(Sesion.Id, ct);
        Facturacion = await facturacion.EmisorAsync(ct);
        return Page();
    }

    /// <summary>A scan (<c>codigo</c>, "3*7790001234567" for three) or a line edit (<c>op</c>): the cart comes back.</summary>
    public async Task<IActionResult> OnPostLineaAsync(CancellationToken ct)
    {
        var lineas = LeerCarrito();
        string? mensaje = null;
        string? actual = null;
        if (!string.IsNullOrWhiteSpace(Codigo))
        {
            (mensaje, actual) = await AgregarAsync(lineas, Codigo, ct);
        }
        else if (Objetivo is { } objetivo && ReglasCarrito.Editar(lineas, objetivo, Op))
        {
            actual = objetivo;
        }
        Carrito = await RenderAsync(lineas, actual, mensaje, ct);
        if (Parcial != "1") return Partial("_PosCarrito", Carrito);
        // The page asked for the scan's changes only; when the whole cart must be redrawn after all, it comes out of band.
        if (!string.IsNullOrWhiteSpace(Codigo) && Escaneo.Cambios(Carrito, lineas.Count) is { } cambios) return Partial("_PosCambios", cambios);
        ViewData["Oob"] = true;
        return Partial("_PosCarrito", Carrito);
    }

    /// <summary>The name search (F2): up to 10 active products, best match first.</summary>
    public async Task<IActionResult> OnGetBuscarAsync(CancellationToken ct)
    {
        var q = Q?.Trim() ?? "";
        IReadOnlyList<ProductoDto> items = [];
        if (q.Length >= 2)
            items = (await catalogo.ListAsync(new ProductoFiltro(Q: q), 1, 10, ct)).Items;
        return Partial("_PosBusqueda", new PosBusquedaVista(q, items));
    }

    /// <summary>Checkout: one call to <see cref="VentaService.RegistrarAsync"/> with the page's sale id (a retry is the same sale).</summary>
    public async Task<IActionResult> OnPostCobrarAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        var lineas = LeerCarrito();
        try
        {
            var sesion = await caja.ActualOrNullAsync(actor, ct)
                         ?? throw new ConflictException("No tenés una caja abierta: abrila en Caja para seguir vendiendo.");
            if (VentaId is null) throw new ValidationException("venta_id", "Falta el identificador de la venta: recargá la página.");
            var v = new Validator();
            var pagos = new List<PagoRequest>();
            foreach (var (metodo, texto) in Montos())
            {
                var monto = Formato.ParseMonto(texto, Formato.MetodoParam(metodo), v);
                if (monto is > 0) pagos.Add(new PagoRequest(metodo, monto));
            }
            var descuento = string.IsNullOrWhiteSpace(Descuento) ? null : Formato.ParseMonto(Descuento, "descuento", v);
            v.ThrowIfAny();
            var autorizacion = string.IsNullOrWhiteSpace(AutorizaUsuario) && string.IsNullOrEmpty(AutorizaPassword)
                ? null : new AutorizacionRequest(AutorizaUsuario, AutorizaPassword);
            var request = new VentaRequest(VentaId, sesion.Id,
                lineas.Select(l => new VentaItemRequest(l.Barcode, null, l.Cantidad, null)).ToList(), descuento is > 0 ? descuento : null,
                pagos, Factura == "1" ? await PedidoFacturaAsync(ct) : null, autorizacion);
            var registro = await ventas.RegistrarAsync(request, actor, ct);
            Sesion = sesion;
            Ultimas = await UltimasAsync(sesion.Id, ct);
            return Partial("_PosVendida", new PosVendidaVista(registro.Venta, VentaDto.Ticket(sesion.PuntoDeVenta, registro.Venta.NumeroTicket), Ultimas, sesion.PuntoDeVenta, Zona));
        }
        catch (AppException e)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity; // app.js swaps 422
            var mensajes = Mensajes(e, lineas, pagosEnOrden: Montos().Where(m => !string.IsNullOrWhiteSpace(m.Texto)).Select(m => m.Metodo).ToList());
            // A stock refusal names the products: the cart comes back with those lines marked, nothing else changed.
            var faltantes = e is ConflictException ? e.Detail : null;
            Carrito = await RenderAsync(lineas, null, null, ct, faltantes);
            return Partial("_PosCobroError", new PosCobroErrorVista(mensajes, e is ConflictException && faltantes!.StartsWith("Stock") ? Carrito : null));
        }
    }

    /// <summary>The «Factura» toggle: the letter follows the issuer and the receptor's condition (consumidor final by default).</summary>
    private async Task<ComprobanteRequest> PedidoFacturaAsync(CancellationToken ct)
    {
        var emisor = await facturacion.EmisorAsync(ct) ?? throw new ConflictException(Web.Features.Facturacion.NuevoComprobante.Deshabilitada);
        var condicion = string.IsNullOrWhiteSpace(FacturaCondicion)
            ? Domain.Facturacion.CondicionIvaReceptor.ConsumidorFinal
            : Domain.Facturacion.CondicionIvaReceptor.Parse(FacturaCondicion)
              ?? throw new ValidationException("comprobante.condicion_iva_receptor", Domain.Facturacion.CondicionIvaReceptor.MensajeDesconocida);
        return new ComprobanteRequest(Domain.Facturacion.TiposComprobante.Factura(emisor.CondicionIva, condicion), FacturaDoc, FacturaNombre,
            condicion.Codigo, FacturaEmail);
    }

    private IEnumerable<(MetodoPago Metodo, string? Texto)> Montos() =>
    [
        (MetodoPago.Efectivo, PagoEfectivo), (MetodoPago.Debito, PagoDebito), (MetodoPago.Credito, PagoCredito),
        (MetodoPago.Transferencia, PagoTransferencia),
    ];

    private async Task<IReadOnlyList<VentaDto>> UltimasAsync(Guid sesionId, CancellationToken ct) =>
        (await ventas.ListAsync(new VentaFiltro(SesionCajaId: sesionId), Actor.From(User), options, 1, UltimasVentas, ct)).Items;

    private List<LineaCarrito> LeerCarrito() => ReglasCarrito.Leer(LineaBarcode, LineaCantidad);

    /// <summary>"7790001234567" or "3*7790001234567": adds to the line of that product, or appends one.</summary>
    private async Task<(string? Mensaje, string? Actual)> AgregarAsync(List<LineaCarrito> lineas, string texto, CancellationToken ct)
    {
        var entrada = ReglasCarrito.Interpretar(texto);
        if (entrada is not { Codigo: { } s, Cantidad: var cantidad }) return (entrada.Error, null);
        ProductoDto producto;
        try
        {
            producto = await catalogo.ByBarcodeAsync(s, ct);
        }
        catch (NotFoundException)
        {
            return ($"No hay un producto con el código {s}.", null);
        }
        catch (ValidationException e)
        {
            return (e.Detail, null);
        }
        if (!producto.Activo) return ($"«{producto.Nombre}» está dado de baja y no se puede vender.", null);
        var error = ReglasCarrito.Agregar(lineas, producto.CodigoBarras, cantidad);
        return (error, error == ReglasCarrito.MensajeLineas ? null : producto.CodigoBarras);
    }

    /// <summary>Prices every line from the catalog cache and totals them with <see cref="VentaRules.CalcularTotales"/>.</summary>
    private async Task<PosCarritoVista> RenderAsync(List<LineaCarrito> lineas, string? actual, string? mensaje, CancellationToken ct,
        string? faltantes = null)
    {
        var vistas = new List<PosLineaVista>(lineas.Count);
        var precios = new List<LineaVenta>(lineas.Count);
        // All look-ups at once: right after a sale elsewhere, several lines may miss the cache, and their database
        // round trips overlap instead of adding up.
        var productos = await Task.WhenAll(lineas.Select(l => ProductoOrNullAsync(l.Barcode, ct)));
        var cortos = await StockCortoAsync(lineas, productos, ct);
        foreach (var (l, encontrado) in lineas.Zip(productos))
        {
            if (encontrado is not { } p) continue; // removed from the catalog meanwhile: the line goes away
            var linea = new LineaVenta(l.Cantidad, p.PrecioVenta);
            precios.Add(linea);
            string? error = null;
            var corto = cortos.TryGetValue(p.Id, out var c) ? c : (StockDeLinea?)null;
            if (!p.Activo) error = "Dado de baja: quitalo de la venta.";
            else if (faltantes is not null && faltantes.Contains($"«{p.Nombre}»", StringComparison.Ordinal))
                error = corto is { } f ? AvisoDeStock.Rechazo(f) // packs counted, like the sale
                    : p.StockActual > 0 ? $"Stock insuficiente: quedan {p.StockActual}." : "Sin stock.";
            var aviso = error is null && corto is { } a ? AvisoDeStock.Mensaje(a) : null;
            vistas.Add(PosLineaVista.From(p, l.Cantidad, linea.Subtotal, l.Barcode == actual, error, aviso));
        }
        var (totales, _) = VentaRules.CalcularTotales(precios, 0);
        return new PosCarritoVista(vistas, totales?.Total ?? 0, lineas.Sum(l => l.Cantidad), mensaje);
    }

    /// <summary>
    /// The lines the sale could not cover now, own stock and automatic pack openings counted (<see cref="AvisoDeStock"/>).
    /// The cached products carry their own stock, which settles almost every scan with no database work; only when a
    /// line asks for more than its own stock are the packs above it read, in one query.
    /// </summary>
    private async Task<IReadOnlyDictionary<Guid, StockDeLinea>> StockCortoAsync(
        List<LineaCarrito> lineas, ProductoDto?[] productos, CancellationToken ct)
    {
        var pedidos = new List<(Guid Producto, int Cantidad)>(lineas.Count);
        var stock = new Dictionary<Guid, int>(lineas.Count);
        foreach (var (l, p) in lineas.Zip(productos))
        {
            if (p is not { Activo: true }) continue;
            pedidos.Add((p.Id, l.Cantidad));
            stock[p.Id] = p.StockActual;
        }
        var posibles = AvisoDeStock.PosiblesFaltantes(pedidos, stock);
        if (posibles.Count == 0) return new Dictionary<Guid, StockDeLinea>();
        // The links above a short line come from memory (they change only when an admin edits a pack) and each pack's
        // stock from the barcode cache, like the line's own: a scan stays memory hits, no query. The warning is advice
        // (payment re-checks everything under locks), so a cached count is fine.
        var arriba = new List<PackArriba>();
        foreach (var id in posibles) arriba.AddRange(await catalogo.PacksArribaAsync(id, ct));
        if (arriba.Count == 0) return AvisoDeStock.Faltantes(pedidos, [], stock);
        foreach (var padre in arriba.DistinctBy(a => a.PadreId))
        {
            // a pack also in the cart keeps the stock its line shows; one gone from the catalog counts as empty
            if (stock.ContainsKey(padre.PadreId)) continue;
            stock[padre.PadreId] = (await ProductoOrNullAsync(padre.PadreCodigoBarras, ct))?.StockActual ?? 0;
        }
        return AvisoDeStock.Faltantes(pedidos, arriba.Select(a => new PackLink(a.PadreId, a.HijoId, a.Unidades)).Distinct(), stock);
    }

    private async Task<ProductoDto?> ProductoOrNullAsync(string barcode, CancellationToken ct)
    {
        try
        {
            return await catalogo.ByBarcodeAsync(barcode, ct);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>Spanish messages; a payment's field key ("pagos[1].monto") is told by its method's name.</summary>
    private static List<string> Mensajes(AppException e, List<LineaCarrito> lineas, List<MetodoPago> pagosEnOrden)
    {
        if (e is not ValidationException v) return [e.Detail];
        var result = new List<string>();
        foreach (var (campo, textos) in v.Errors)
        {
            var prefijo = "";
            if (Regex.Match(campo, @"^pagos\[(\d+)\]") is { Success: true } mp && int.Parse(mp.Groups[1].Value) is var ip && ip < pagosEnOrden.Count)
                prefijo = Formato.Metodo(pagosEnOrden[ip]) + ": ";
            else if (Formato.ParseMetodo(campo) is { } metodo)
                prefijo = Formato.Metodo(metodo) + ": ";
            else if (Regex.Match(campo, @"^items\[(\d+)\]") is { Success: true } mi && int.Parse(mi.Groups[1].Value) is var il && il < lineas.Count)
                prefijo = $"Código {lineas[il].Barcode}: ";
            result.AddRange(textos.Select(t => prefijo + t));
        }
        return result;
    }
}

/// <summary>
/// One cart row, all text, so that the same partial renders a real line and the <c>&lt;template&gt;</c> the offline
/// POS fills in (its placeholders are <see cref="Plantilla"/>).
/// </summary>
public sealed record PosLineaVista(string Barcode, string ProductoId, string Nombre, string Cantidad, string PrecioUnitario,
    string Precio, string Subtotal, bool Actual, string? Error, string? Aviso = null, bool EsPlantilla = false)
{
    /// <param name="error">Red: the payment refused this line (stock, product deactivated).</param>
    /// <param name="aviso">Amber: a warning at scan time (not enough stock), the line stays.</param>
    public static PosLineaVista From(ProductoDto p, int cantidad, decimal subtotal, bool actual, string? error, string? aviso = null) => new(
        p.CodigoBarras, p.Id.ToString(), p.Nombre, cantidad.ToString(CultureInfo.InvariantCulture),
        p.PrecioVenta.ToString(CultureInfo.InvariantCulture), Money.Format(p.PrecioVenta), Money.Format(subtotal), actual, error, aviso);

    public static PosLineaVista Plantilla { get; } = new("{barcode}", "{producto_id}", "{nombre}", "{cantidad}", "{precio_unitario}",
        "{precio}", "{subtotal}", false, null, EsPlantilla: true);
}

public sealed record PosCarritoVista(IReadOnlyList<PosLineaVista> Lineas, decimal Total, int Unidades, string? Mensaje)
{
    public static PosCarritoVista Vacio { get; } = new([], 0, 0, null);
    public string TotalInvariante => Total.ToString("0.00", CultureInfo.InvariantCulture);
}

public sealed record PosBusquedaVista(string Q, IReadOnlyList<ProductoDto> Items);

public sealed record PosVendidaVista(VentaDto Venta, string Ticket, IReadOnlyList<VentaDto> Ultimas, int PuntoDeVenta, TimeZoneInfo Zona);

public sealed record PosAnuladaVista(string Ticket, string Supervisor, IReadOnlyList<VentaDto> Ultimas, int PuntoDeVenta, TimeZoneInfo Zona);

public sealed record PosCobroErrorVista(IReadOnlyList<string> Mensajes, PosCarritoVista? Carrito);

public sealed record PosUltimasVista(IReadOnlyList<VentaDto> Ventas, int PuntoDeVenta, TimeZoneInfo Zona);
