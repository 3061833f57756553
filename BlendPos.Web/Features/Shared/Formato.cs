using System.Globalization;
using BlendPos.Domain;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;

namespace BlendPos.Web.Features.Shared;

/// <summary>
/// How every page names and formats things (Spanish labels, colours, Argentina time, money and typed amounts): shared by
/// Caja, Ventas and Conflictos, so no feature reaches into another for a label.
/// </summary>
public static class Formato
{
    private static readonly CultureInfo EsAr = CultureInfo.GetCultureInfo("es-AR");

    public static IReadOnlyList<MetodoPago> Metodos { get; } = [MetodoPago.Efectivo, MetodoPago.Debito, MetodoPago.Credito, MetodoPago.Transferencia];

    public static string Estado(EstadoSesionCaja e) => e switch
    {
        EstadoSesionCaja.Abierta => "Abierta",
        EstadoSesionCaja.PendienteCierre => "Pendiente de cierre",
        _ => "Cerrada",
    };

    public static string EstadoBadge(EstadoSesionCaja e) => e switch
    {
        EstadoSesionCaja.Abierta => "badge estado-abierta",
        EstadoSesionCaja.PendienteCierre => "badge estado-pendiente",
        _ => "badge estado-cerrada",
    };

    /// <summary>The query-string value of a state (as /v1 spells it).</summary>
    public static string EstadoParam(EstadoSesionCaja e) => e switch
    {
        EstadoSesionCaja.Abierta => "abierta",
        EstadoSesionCaja.PendienteCierre => "pendiente_cierre",
        _ => "cerrada",
    };

    public static EstadoSesionCaja? ParseEstado(string? value) => value switch
    {
        "abierta" => EstadoSesionCaja.Abierta,
        "pendiente_cierre" => EstadoSesionCaja.PendienteCierre,
        "cerrada" => EstadoSesionCaja.Cerrada,
        _ => null,
    };

    public static string Clasificacion(ClasificacionDesvio c) => c switch
    {
        ClasificacionDesvio.Normal => "Normal",
        ClasificacionDesvio.Warning => "Advertencia",
        _ => "Crítico",
    };

    /// <summary>CSS class of a deviation class: green, amber, red.</summary>
    public static string ClasificacionCss(ClasificacionDesvio c) => c switch
    {
        ClasificacionDesvio.Normal => "desvio-normal",
        ClasificacionDesvio.Warning => "desvio-warning",
        _ => "desvio-critico",
    };

    public static string Metodo(MetodoPago? m) => m switch
    {
        MetodoPago.Debito => "Débito",
        MetodoPago.Credito => "Crédito",
        MetodoPago.Transferencia => "Transferencia",
        _ => "Efectivo",
    };

    public static string MetodoParam(MetodoPago m) => m switch
    {
        MetodoPago.Debito => "debito",
        MetodoPago.Credito => "credito",
        MetodoPago.Transferencia => "transferencia",
        _ => "efectivo",
    };

    public static MetodoPago? ParseMetodo(string? value) => value switch
    {
        "efectivo" => MetodoPago.Efectivo,
        "debito" => MetodoPago.Debito,
        "credito" => MetodoPago.Credito,
        "transferencia" => MetodoPago.Transferencia,
        _ => null,
    };

    public static string Tipo(TipoMovimientoCaja t) => t switch
    {
        TipoMovimientoCaja.Venta => "Venta",
        TipoMovimientoCaja.IngresoManual => "Ingreso",
        TipoMovimientoCaja.EgresoManual => "Egreso",
        _ => "Anulación",
    };

    /// <summary>A deviation in percent, signed: <c>+2,50 %</c>, <c>-12,00 %</c>, <c>0,00 %</c>.</summary>
    public static string Pct(decimal pct) => (pct > 0 ? "+" : "") + pct.ToString("0.00", EsAr) + " %";

    /// <summary>A signed amount for a difference: <c>+$ 10,00</c>, <c>-$ 5,00</c>, <c>$ 0,00</c>.</summary>
    public static string Diferencia(decimal d) => (Money.Round(d) > 0 ? "+" : "") + Money.Format(d);

    public static TimeZoneInfo Zona(BlendPosOptions options) => TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);

    /// <summary>27/11/2026 14:05 in the shop's time zone.</summary>
    public static string Fecha(DateTimeOffset when, TimeZoneInfo tz) => TimeZoneInfo.ConvertTime(when, tz).ToString("dd/MM/yyyy HH:mm", EsAr);

    public static string Fecha(DateTimeOffset? when, TimeZoneInfo tz) => when is { } w ? Fecha(w, tz) : "—";

    /// <summary>When a session closed, short when it is the day it opened: <c>18:02</c>, else <c>28/11/2026 09:10</c>.</summary>
    public static string Cierre(DateTimeOffset opened, DateTimeOffset closed, TimeZoneInfo tz) =>
        TimeZoneInfo.ConvertTime(opened, tz).Date == TimeZoneInfo.ConvertTime(closed, tz).Date ? Hora(closed, tz) : Fecha(closed, tz);

    public static string Hora(DateTimeOffset when, TimeZoneInfo tz) => TimeZoneInfo.ConvertTime(when, tz).ToString("HH:mm", EsAr);

    /// <summary>
    /// Reads an amount typed in a form (<c>1234,50</c>, <c>1.234,50</c>, <c>1234.50</c>). Empty is null, or 0 when
    /// <paramref name="emptyIsZero"/>; anything unreadable adds a Spanish error under <paramref name="field"/>.
    /// </summary>
    public static decimal? ParseMonto(string? text, string field, Validator v, bool emptyIsZero = false)
    {
        if (string.IsNullOrWhiteSpace(text)) return emptyIsZero ? 0m : null;
        if (Money.TryParse(text, out var value)) return value;
        v.Add(field, "Ingresá un importe válido, por ejemplo 1234,50 (hasta 2 decimales).");
        return null;
    }

    /// <summary>The amount as it goes back into a text input: <c>4.000,00</c>.</summary>
    public static string Plain(decimal value) => Money.FormatPlain(value);

    /// <summary>A face value for the counter's labels: <c>20.000</c>, <c>500</c>, <c>1</c>.</summary>
    public static string Denominacion(decimal valor) => valor.ToString("#,0", EsAr);
}
