namespace BlendPos.Domain.Proveedores;

/// <summary>
/// The record of one applied price-list import: who, when, for which supplier, what it did, and the rows it refused
/// (as the CSV the user downloads), so a supplier's page can show its last import.
/// </summary>
public class ImportacionLista
{
    public Guid Id { get; set; }
    public Guid ProveedorId { get; set; }
    public Guid UsuarioId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string Archivo { get; set; } = "";
    public int Total { get; set; }
    public int Ok { get; set; }
    public int Nuevos { get; set; }
    public int ConCambioDePrecio { get; set; }
    public int Actualizados { get; set; }
    public int SinCambios { get; set; }
    public int Errores { get; set; }
    /// <summary>The refused rows as CSV (<c>fila;codigo_barras;motivo</c>), empty when there were none.</summary>
    public string ErroresCsv { get; set; } = "";
}
