using System.Globalization;
using System.Text.RegularExpressions;

namespace BlendPos.Domain.Ventas;

/// <summary>A line of the till's cart: a barcode and how many.</summary>
public sealed record LineaCarrito(string Barcode, int Cantidad);

/// <summary>What the cashier typed in the code field: a code with its quantity, or why it is not one.</summary>
public sealed record EntradaCarrito(string? Codigo, int Cantidad, string? Error);

/// <summary>
/// The cart rules of the till (/pos), pure: <c>3*código</c>, one line per product (the same code again adds to it),
/// the quantity and line limits. The page keeps the cart in the browser and sends it back with every request; these
/// rules read it, add to it and edit it. The sale endpoint (/v1/ventas) checks the same limits, and the JS preview
/// (wwwroot-src/src/lib/cart.js, MAX_CANTIDAD) uses the same number (a test compares them).
/// </summary>
public static partial class Carrito
{
    /// <summary>The most units of one product in one sale (page, API and JS).</summary>
    public const int MaxCantidad = 9_999;

    /// <summary>The most lines in one sale.</summary>
    public const int MaxLineas = 200;

    public static string MensajeCantidad => $"La cantidad debe ser entre 1 y {MaxCantidad}.";

    public static string MensajeLineas => $"Una venta admite hasta {MaxLineas} líneas.";

    /// <summary>Barcodes are digits only, 4 to 14 long (internal short codes up to ITF-14).</summary>
    public static bool PareceCodigo(string s) => s.Length is >= 4 and <= 14 && s.All(char.IsAsciiDigit);

    [GeneratedRegex(@"^(?<n>[0-9]{1,5})\s*[*xX]\s*(?<codigo>\S+)$")]
    private static partial Regex ConCantidad();

    /// <summary>"7790001234567" is one unit; "3*7790001234567" (or "3x…") three.</summary>
    public static EntradaCarrito Interpretar(string? texto)
    {
        var s = texto?.Trim() ?? "";
        var cantidad = 1;
        if (ConCantidad().Match(s) is { Success: true } m)
        {
            cantidad = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            s = m.Groups["codigo"].Value;
            if (cantidad is < 1 or > MaxCantidad) return new EntradaCarrito(null, 0, MensajeCantidad);
        }
        if (s.Length == 0 || !s.All(char.IsAsciiDigit))
            return new EntradaCarrito(null, 0, $"«{s}» no es un código de barras. Para buscar por nombre usá F2.");
        return new EntradaCarrito(s, cantidad, null);
    }

    /// <summary>
    /// The cart as the page sent it (barcode and quantity per line, in order): a malformed pair is dropped (the page only
    /// writes what the server rendered), repeated codes merge, and at most <see cref="MaxLineas"/> lines are read.
    /// </summary>
    public static List<LineaCarrito> Leer(IReadOnlyList<string?> barcodes, IReadOnlyList<string?> cantidades)
    {
        var lineas = new List<LineaCarrito>();
        for (var i = 0; i < barcodes.Count && lineas.Count < MaxLineas; i++)
        {
            var barcode = barcodes[i]?.Trim();
            var texto = i < cantidades.Count ? cantidades[i] : null;
            if (string.IsNullOrEmpty(barcode) || !PareceCodigo(barcode)) continue;
            if (!int.TryParse(texto, NumberStyles.None, CultureInfo.InvariantCulture, out var cantidad) || cantidad is < 1 or > MaxCantidad) continue;
            var previa = lineas.FindIndex(l => l.Barcode == barcode);
            if (previa >= 0) lineas[previa] = lineas[previa] with { Cantidad = Math.Min(MaxCantidad, lineas[previa].Cantidad + cantidad) };
            else lineas.Add(new LineaCarrito(barcode, cantidad));
        }
        return lineas;
    }

    /// <summary>Adds units of a product: to its line, or a new line at the end. Null when done, else why not.</summary>
    public static string? Agregar(List<LineaCarrito> lineas, string barcode, int cantidad)
    {
        if (cantidad is < 1 or > MaxCantidad) return MensajeCantidad;
        var i = lineas.FindIndex(l => l.Barcode == barcode);
        if (i >= 0)
        {
            if (lineas[i].Cantidad + cantidad > MaxCantidad) return MensajeCantidad;
            lineas[i] = lineas[i] with { Cantidad = lineas[i].Cantidad + cantidad };
            return null;
        }
        if (lineas.Count >= MaxLineas) return MensajeLineas;
        lineas.Add(new LineaCarrito(barcode, cantidad));
        return null;
    }

    /// <summary>
    /// A line edit: "mas" and "menos" one unit (never below 1 nor above the limit), "quitar" removes it. Returns whether
    /// the line still exists (to keep it selected).
    /// </summary>
    public static bool Editar(List<LineaCarrito> lineas, string barcode, string? op)
    {
        var i = lineas.FindIndex(l => l.Barcode == barcode);
        if (i < 0) return false;
        switch (op)
        {
            case "mas" when lineas[i].Cantidad < MaxCantidad: lineas[i] = lineas[i] with { Cantidad = lineas[i].Cantidad + 1 }; break;
            case "menos" when lineas[i].Cantidad > 1: lineas[i] = lineas[i] with { Cantidad = lineas[i].Cantidad - 1 }; break;
            case "quitar": lineas.RemoveAt(i); return false;
        }
        return true;
    }
}
