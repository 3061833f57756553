namespace BlendPos.Domain.Catalogo;

/// <summary>A sellable item (seed 6.1). <c>margen_pct</c> is computed by the database from cost and price.</summary>
public class Producto
{
    public Guid Id { get; set; }
    public string CodigoBarras { get; set; } = "";
    public string Nombre { get; set; } = "";
    public string? Descripcion { get; set; }
    public string Categoria { get; set; } = "";
    public decimal PrecioCosto { get; set; }
    public decimal PrecioVenta { get; set; }
    /// <summary>Markup over cost in percent; a generated column, never written by the app.</summary>
    public decimal? MargenPct { get; private set; }
    /// <summary>VAT rate in percent (21, 10.5, 27, 0…), used when invoicing.</summary>
    public decimal AlicuotaIva { get; set; } = 21m;
    public int StockActual { get; set; }
    public int StockMinimo { get; set; } = 5;
    public string UnidadMedida { get; set; } = "unidad";
    public bool EsPadre { get; set; }
    public Guid? ProveedorId { get; set; }
    public Proveedor? Proveedor { get; set; }
    public bool Activo { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>
    /// Id of the last transaction that changed the row, set by a database trigger; the offline catalog's delta
    /// cursor. Transaction ids (unlike timestamps) let the sync skip nothing that commits late.
    /// </summary>
    public long Version { get; private set; }

    /// <summary>Packs this product opens into (this product is the parent).</summary>
    public List<ProductoHijo> Hijos { get; set; } = [];
    /// <summary>Packs that open into this product (this product is the child).</summary>
    public List<ProductoHijo> Padres { get; set; } = [];
}

/// <summary>A pack link: one <see cref="ProductoPadreId"/> opens into <see cref="UnidadesPorPadre"/> children.</summary>
public class ProductoHijo
{
    public Guid Id { get; set; }
    public Guid ProductoPadreId { get; set; }
    public Producto? ProductoPadre { get; set; }
    public Guid ProductoHijoId { get; set; }
    public Producto? ProductoHijoRef { get; set; }
    public int UnidadesPorPadre { get; set; }
    public bool DesarmeAuto { get; set; } = true;
}

/// <summary>Price history: one row per price change, so offline sales can be checked against past prices.</summary>
public class PrecioHistorial
{
    public long Id { get; set; }
    public Guid ProductoId { get; set; }
    public decimal PrecioCosto { get; set; }
    public decimal PrecioVenta { get; set; }
    public Guid? UsuarioId { get; set; }
    public DateTimeOffset VigenteDesde { get; set; }
}
