namespace BlendPos.Domain.Ventas;

/// <summary>A sale (seed 6.2). Its id may be made by the terminal (offline), which makes it idempotent.</summary>
public class Venta
{
    public Guid Id { get; set; }
    /// <summary>Gap-free per punto de venta, printed as 0003-00000123.</summary>
    public long NumeroTicket { get; set; }
    public int PuntoDeVenta { get; set; }
    public Guid SesionCajaId { get; set; }
    public Guid UsuarioId { get; set; }
    public decimal Subtotal { get; set; }
    public decimal DescuentoTotal { get; set; }
    public decimal Total { get; set; }
    public decimal Vuelto { get; set; }
    public EstadoVenta Estado { get; set; } = EstadoVenta.Completada;
    public bool ConflictoStock { get; set; }
    public bool ConflictoPrecio { get; set; }
    /// <summary>Sold into a session that was already closed when it arrived (offline replay).</summary>
    public bool ConflictoSesion { get; set; }
    /// <summary>
    /// Offline: the terminal's time of sale fell outside [session opened − tolerance, received + tolerance]; the server's
    /// receipt time is <see cref="SyncedAt"/>.
    /// </summary>
    public bool ConflictoFecha { get; set; }
    /// <summary>Offline: who delivered it, when not its own cashier (a supervisor replaying another terminal's sales).</summary>
    public Guid? SincronizadaPorId { get; set; }
    /// <summary>The supervisor who authorized the discount (a supervisor's own sale: themselves); null without discount.</summary>
    public Guid? DescuentoAutorizadoPorId { get; set; }
    public bool Offline { get; set; }
    /// <summary>When a supervisor reviewed its conflicts.</summary>
    public DateTimeOffset? ConflictoRevisadoAt { get; set; }
    public Guid? ConflictoRevisadoPorId { get; set; }
    public string? MotivoAnulacion { get; set; }
    public Guid? AnuladaPorId { get; set; }
    public DateTimeOffset? AnuladaAt { get; set; }
    /// <summary>Server time of registration; for offline sales, the terminal's time of sale.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SyncedAt { get; set; }

    public List<VentaItem> Items { get; set; } = [];
    public List<VentaPago> Pagos { get; set; } = [];
}

public class VentaItem
{
    public Guid Id { get; set; }
    public Guid VentaId { get; set; }
    public Guid ProductoId { get; set; }
    /// <summary>Copied at sale time so a receipt reads the same after the catalog changes.</summary>
    public string CodigoBarras { get; set; } = "";
    public string Nombre { get; set; } = "";
    public int Cantidad { get; set; }
    public decimal PrecioUnitario { get; set; }
    public decimal DescuentoItem { get; set; }
    public decimal Subtotal { get; set; }
    public decimal AlicuotaIva { get; set; } = 21m;
}

public class VentaPago
{
    public Guid Id { get; set; }
    public Guid VentaId { get; set; }
    public MetodoPago Metodo { get; set; }
    public decimal Monto { get; set; }
}

/// <summary>The gap-free ticket number of one punto de venta; one row each, locked by the sale that takes a number.</summary>
public class ContadorTicket
{
    public int PuntoDeVenta { get; set; }
    public long UltimoNumero { get; set; }
}
