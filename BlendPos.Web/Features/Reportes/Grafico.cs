using System.Text.Json;

namespace BlendPos.Web.Features.Reportes;

/// <summary>One series of a chart: its name, a value per label, and how to write them (<c>money</c> or <c>int</c>).</summary>
public sealed record SerieGrafico(string Nombre, IReadOnlyList<decimal> Valores, string Formato = "money");

/// <summary>
/// A chart as the page hands it to reportes.js: JSON in the canvas's <c>data-chart</c> attribute (the CSP forbids inline
/// script). <see cref="Descripcion"/> is the canvas's accessible name; the page's table holds the same numbers.
/// </summary>
public sealed record Grafico(string Tipo, string Titulo, string Descripcion, IReadOnlyList<string> Etiquetas, IReadOnlyList<SerieGrafico> Series,
    bool Horizontal = false, string Clase = "")
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string DataChart => JsonSerializer.Serialize(new
    {
        tipo = Tipo, horizontal = Horizontal, titulo = Titulo, etiquetas = Etiquetas,
        series = Series.Select(s => new { nombre = s.Nombre, valores = s.Valores, formato = s.Formato }),
    }, Json);
}
