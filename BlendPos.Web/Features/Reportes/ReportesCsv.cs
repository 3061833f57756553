using System.Globalization;
using BlendPos.Domain.Reportes;
using CsvHelper;

namespace BlendPos.Web.Features.Reportes;

/// <summary>
/// The reports as CSV for Excel in Spanish: <c>;</c> between fields, decimal comma without thousands dots
/// (<c>1234,50</c>), dates <c>27/11/2026 14:05</c> in Argentina time, UTF-8 with a BOM (else Excel reads «Débito» as
/// Latin-1). CsvHelper quotes what needs quoting (a reason with a «;» or a line break), and a text starting with
/// <c>= + - @</c> (a product named «=HYPERLINK(…)») is escaped so the spreadsheet does not run it as a formula.
/// </summary>
public static class ReportesCsv
{
    public static readonly CultureInfo EsAr = CultureInfo.GetCultureInfo("es-AR");

    public const char Separador = ';';

    public static CsvWriterOptions Opciones => new()
    {
        Separator = Separador, WriteByteOrderMark = true, Injection = CsvInjection.Escape, FormatProvider = EsAr,
    };

    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>A money field: written <c>1234,50</c> (typed, so a negative stays a number and is not escaped as a formula).</summary>
    public static Importe Monto(decimal value) => new(Domain.Money.Round(value));

    public static object Pct(decimal? value) => value is { } v ? new Importe(v) : "";

    public static string Fecha(DateTimeOffset? when, TimeZoneInfo tz) =>
        when is { } w ? TimeZoneInfo.ConvertTime(w, tz).ToString("dd/MM/yyyy HH:mm", EsAr) : "";

    public static string Dia(DateOnly dia) => dia.ToString("dd/MM/yyyy", EsAr);

    public static object Entero(int value) => value;

    /// <summary>A number with 2 decimals in a CSV row.</summary>
    public readonly record struct Importe(decimal Valor);

    /// <summary>The file name of a report: <c>ventas_2026-11-01_2026-11-30.csv</c>.</summary>
    public static string Nombre(string reporte, Periodo p) =>
        $"{reporte}_{p.Desde.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}_{p.Hasta.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv";

    /// <param name="filas">each field a string (text), an int or an <see cref="Importe"/>.</param>
    public static byte[] Escribir(IReadOnlyList<string> encabezado, IEnumerable<IReadOnlyList<object>> filas)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Opciones, leaveOpen: true))
        {
            foreach (var campo in encabezado) csv.WriteField(campo);
            csv.EndRecord();
            foreach (var fila in filas)
            {
                foreach (var campo in fila)
                {
                    switch (campo)
                    {
                        case Importe i: csv.WriteField(i.Valor, "0.00", EsAr); break;
                        case int n: csv.WriteField(n, "0", EsAr); break;
                        default: csv.WriteField(campo.ToString()); break;
                    }
                }
                csv.EndRecord();
            }
        }
        return stream.ToArray();
    }

    public static byte[] Ventas(ReporteVentas r) => Escribir(
        ["Día", "Tickets", "Total", "Ticket promedio", "Anuladas", "Total anulado"],
        r.PorDia.Select(d => (IReadOnlyList<object>)[Dia(d.Dia), Entero(d.Tickets), Monto(d.Total), Monto(Agregados.TicketPromedio(d.Total, d.Tickets)),
            Entero(d.Anuladas), Monto(d.TotalAnulado)]));

    public static byte[] VentasPorCajero(ReporteVentas r) => Escribir(
        ["Cajero", "Tickets", "Total", "Ticket promedio", "Anuladas"],
        r.PorCajero.Select(c => (IReadOnlyList<object>)[c.Usuario, Entero(c.Tickets), Monto(c.Total), Monto(c.TicketPromedio), Entero(c.Anuladas)]));

    public static byte[] VentasPorMetodo(ReporteVentas r) => Escribir(
        ["Medio de pago", "Total"],
        r.PorMetodo.Select(m => (IReadOnlyList<object>)[Formato.Metodo(m.Metodo), Monto(m.Monto)]));

    public static byte[] Productos(ReporteProductos r) => Escribir(
        ["Código", "Producto", "Unidades", "Ingresos", "Costo", "Margen", "Margen %"],
        r.Filas.Select(f => (IReadOnlyList<object>)[f.CodigoBarras, f.Nombre, Entero(f.Unidades), Monto(f.Ingresos), Monto(f.Costo),
            Monto(f.Margen), Pct(f.MargenPct)]));

    public static byte[] Caja(ReporteCaja r, TimeZoneInfo tz) => Escribir(
        ["Apertura", "Cierre", "Usuario", "Punto de venta", "Estado", "Esperado", "Declarado", "Desvío", "Desvío %", "Clasificación", "Cerrada por", "Observaciones"],
        r.Sesiones.Select(s => (IReadOnlyList<object>)[Fecha(s.OpenedAt, tz), Fecha(s.ClosedAt, tz), s.Usuario, Entero(s.PuntoDeVenta), Formato.Estado(s.Estado),
            Monto(s.Esperado), Monto(s.Declarado), Monto(s.Desvio), Pct(s.DesvioPct), Formato.Clasificacion(s.Clasificacion), s.CerradaPor ?? "",
            s.Observaciones ?? ""]));

    public static byte[] Anulaciones(ReporteAnulaciones r, TimeZoneInfo tz) => Escribir(
        ["Ticket", "Vendida", "Anulada", "Cajero", "Autorizó", "Punto de venta", "Total", "Motivo"],
        r.Filas.Select(a => (IReadOnlyList<object>)[a.Ticket, Fecha(a.VendidaAt, tz), Fecha(a.AnuladaAt, tz), a.Cajero, a.AutorizadaPor ?? "",
            Entero(a.PuntoDeVenta), Monto(a.Total), a.Motivo ?? ""]));

    public static byte[] Conflictos(ReporteConflictos r, TimeZoneInfo tz) => Escribir(
        ["Ticket", "Vendida", "Cajero", "Punto de venta", "Total", "Conflictos", "Estado", "Revisada", "Revisó"],
        r.Filas.Select(c => (IReadOnlyList<object>)[c.Ticket, Fecha(c.VendidaAt, tz), c.Cajero, Entero(c.PuntoDeVenta), Monto(c.Total),
            string.Join(", ", TiposConflicto(c)), c.Estado == Domain.EstadoVenta.Anulada ? "Anulada" : "Completada", Fecha(c.RevisadaAt, tz),
            c.RevisadaPor ?? ""]));

    /// <summary>The kinds of difference a flagged sale has, in Spanish.</summary>
    public static IEnumerable<string> TiposConflicto(Conflicto c)
    {
        if (c.Stock) yield return "Stock";
        if (c.Precio) yield return "Precio";
        if (c.Sesion) yield return "Caja cerrada";
        if (c.Fecha) yield return "Fecha";
    }
}
