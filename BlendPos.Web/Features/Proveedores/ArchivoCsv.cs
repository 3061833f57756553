using BlendPos.Domain.Proveedores;
using BlendPos.Web.Infrastructure.Errors;

namespace BlendPos.Web.Features.Proveedores;

/// <summary>An uploaded price list, checked the same way for /v1/csv/import and the «Importar lista» page.</summary>
public static class ArchivoCsv
{
    /// <summary>
    /// What browsers and tools send for a .csv: text/csv by the standard, application/vnd.ms-excel from Windows machines
    /// with Excel installed, text/plain or application/octet-stream from some others. The content is checked anyway.
    /// </summary>
    private static readonly string[] TiposAceptados =
        ["text/csv", "application/csv", "text/comma-separated-values", "application/vnd.ms-excel", "text/plain"];

    public static async Task<(byte[] Contenido, string Nombre)> LeerAsync(IFormFile? archivo, CancellationToken ct)
    {
        if (archivo is null || archivo.Length == 0)
            throw new ValidationException("archivo", "Elegí el archivo CSV con la lista de precios.");
        if (archivo.Length > ListaDePreciosCsv.MaxBytes)
            throw new ArchivoDemasiadoGrandeException($"El archivo supera el máximo de {ListaDePreciosCsv.MaxBytes / (1024 * 1024)} MB: dividilo en partes.");

        var tipo = (archivo.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var nombre = Path.GetFileName(archivo.FileName ?? "lista.csv");
        var esCsvPorNombre = nombre.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        if (!TiposAceptados.Contains(tipo) && !(tipo is "" or "application/octet-stream" && esCsvPorNombre))
            throw new ArchivoNoSoportadoException($"El archivo debe ser un CSV (text/csv), no {(tipo.Length > 0 ? tipo : "un archivo sin tipo")}.");

        await using var stream = archivo.OpenReadStream();
        using var buffer = new MemoryStream((int)archivo.Length);
        await stream.CopyToAsync(buffer, ct);
        var contenido = buffer.ToArray();
        if (ListaDePreciosCsv.ValidarContenido(contenido) is { } motivo) throw new ArchivoNoSoportadoException(motivo);
        return (contenido, nombre.Length > 255 ? nombre[..255] : nombre);
    }
}
