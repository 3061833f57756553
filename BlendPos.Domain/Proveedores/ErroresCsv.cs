using System.Text;
using CsvHelper;

namespace BlendPos.Domain.Proveedores;

/// <summary>The refused rows of an import as a CSV the owner opens in a spreadsheet next to the original file.</summary>
public static class ErroresCsv
{
    public static string Escribir(IEnumerable<ResultadoDeFila> errores)
    {
        var sb = new StringBuilder();
        using (var text = new StringWriter(sb))
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions
               {
                   Separator = ';', // what a spreadsheet in es-AR opens in columns
                   Injection = CsvInjection.Escape, // a name like "=HYPERLINK(…)" stays text in Excel
               }, leaveOpen: true))
        {
            csv.WriteRecord(["fila", "codigo_barras", "nombre", "motivo"]);
            foreach (var e in errores)
                csv.WriteRecord([e.Fila.ToString(System.Globalization.CultureInfo.InvariantCulture), e.CodigoBarras, e.Nombre, e.Motivo ?? ""]);
        }
        return sb.ToString();
    }
}
