namespace BlendPos.Domain.Inventario;

/// <summary>
/// Append-only stock ledger: every change of <c>productos.stock_actual</c> writes one row, so a product's stock
/// can be explained line by line (the kardex).
/// </summary>
public class MovimientoStock
{
    public long Id { get; set; }
    public Guid ProductoId { get; set; }
    public TipoMovimientoStock Tipo { get; set; }
    /// <summary>Signed change in units (negative = out).</summary>
    public int Cantidad { get; set; }
    /// <summary>Stock after this change.</summary>
    public int StockResultante { get; set; }
    /// <summary>The sale, void or adjustment that caused it, when there is one.</summary>
    public Guid? ReferenciaId { get; set; }
    public string? Motivo { get; set; }
    public Guid? UsuarioId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
