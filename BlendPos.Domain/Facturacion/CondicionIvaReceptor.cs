namespace BlendPos.Domain.Facturacion;

/// <summary>
/// The receptor's VAT condition (RG 5616, AFIP's CondicionIVAReceptorId). Stored and sent in /v1 as its snake_case code
/// («consumidor_final»); the numeric id is also accepted on input.
/// </summary>
public sealed record CondicionIvaReceptor(int Id, string Codigo, string Nombre)
{
    public static readonly CondicionIvaReceptor ResponsableInscripto = new(1, "responsable_inscripto", "IVA Responsable Inscripto");
    public static readonly CondicionIvaReceptor Exento = new(4, "exento", "IVA Sujeto Exento");
    public static readonly CondicionIvaReceptor ConsumidorFinal = new(5, "consumidor_final", "Consumidor Final");
    public static readonly CondicionIvaReceptor Monotributo = new(6, "monotributo", "Responsable Monotributo");
    public static readonly CondicionIvaReceptor NoCategorizado = new(7, "no_categorizado", "Sujeto No Categorizado");
    public static readonly CondicionIvaReceptor MonotributistaSocial = new(13, "monotributista_social", "Monotributista Social");
    public static readonly CondicionIvaReceptor IvaNoAlcanzado = new(15, "iva_no_alcanzado", "IVA No Alcanzado");
    public static readonly CondicionIvaReceptor MonotributoTrabajadorPromovido = new(16, "monotributo_trabajador_promovido",
        "Monotributo Trabajador Independiente Promovido");

    public static IReadOnlyList<CondicionIvaReceptor> Todas { get; } =
    [
        ConsumidorFinal, ResponsableInscripto, Monotributo, Exento, NoCategorizado, MonotributistaSocial, IvaNoAlcanzado,
        MonotributoTrabajadorPromovido,
    ];

    /// <summary>A Responsable Inscripto issues them a Factura A (AFIP.md "Which letter").</summary>
    public bool RecibeFacturaA => Id is 1 or 6 or 13 or 16;

    public const string MensajeDesconocida =
        "La condición frente al IVA del receptor no es válida: consumidor_final, responsable_inscripto, monotributo, exento, " +
        "no_categorizado, monotributista_social, iva_no_alcanzado o monotributo_trabajador_promovido.";

    /// <summary>By code («monotributo»), by AFIP id («6») or by its printed name, case-insensitive; null when unknown.</summary>
    public static CondicionIvaReceptor? Parse(string? texto)
    {
        var t = texto?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        if (int.TryParse(t, out var id)) return Todas.FirstOrDefault(c => c.Id == id);
        var codigo = t.Replace(' ', '_').Replace('-', '_');
        return Todas.FirstOrDefault(c => string.Equals(c.Codigo, codigo, StringComparison.OrdinalIgnoreCase)
                                         || string.Equals(c.Nombre, t, StringComparison.OrdinalIgnoreCase));
    }
}
