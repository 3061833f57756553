using System.Globalization;
using BlendPos.Domain;
using BlendPos.Domain.Facturacion;
using BlendPos.Web.Features.Facturacion.Configuracion;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Facturacion;

/// <summary>What the issuer form posts, as typed (money as 1234,50; dates as yyyy-MM-dd).</summary>
public sealed class ConfiguracionInput
{
    public string Modo { get; set; } = "deshabilitado";
    public string? Cuit { get; set; }
    public string? RazonSocial { get; set; }
    public string? Domicilio { get; set; }
    public string? CondicionIva { get; set; }
    public string? IngresosBrutos { get; set; }
    public DateOnly? InicioActividades { get; set; }
    public int? PuntoDeVenta { get; set; }
    public string? Umbral { get; set; }
}

/// <summary>
/// /facturacion/configuracion (admin): the issuer, the mode, the AFIP certificate and key (validated, stored protected,
/// never shown back: only their subject and expiry), and «Probar conexión».
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class ConfiguracionModel(ConfiguracionFacturacionService servicio, TimeProvider clock, BlendPosOptions options) : PageModel
{
    public static readonly TimeSpan AvisoVencimiento = TimeSpan.FromDays(30);

    [BindProperty] public ConfiguracionInput Input { get; set; } = new();
    [BindProperty] public IFormFile? Certificado { get; set; }
    [BindProperty] public IFormFile? ClavePrivada { get; set; }

    public ConfiguracionFacturacion? Actual { get; private set; }
    public (bool Ok, string Mensaje)? Prueba { get; private set; }
    public string? ErrorCredenciales { get; private set; }
    public TimeZoneInfo Zona => Formato.Zona(options);

    public bool CertificadoPorVencer => Actual?.CertificadoVenceAt is { } v && v - clock.GetUtcNow() < AvisoVencimiento && v > clock.GetUtcNow();
    public bool CertificadoVencido => Actual?.CertificadoVenceAt is { } v && v <= clock.GetUtcNow();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await CargarAsync(ct);
        if (Actual is { } c)
            Input = new ConfiguracionInput
            {
                Modo = ModoParam(c.Modo), Cuit = c.Cuit is null ? null : Domain.Facturacion.Cuit.Format(c.Cuit), RazonSocial = c.RazonSocial,
                Domicilio = c.Domicilio, CondicionIva = c.CondicionIva is { } iva ? CondicionParam(iva) : null, IngresosBrutos = c.IngresosBrutos,
                InicioActividades = c.InicioActividades, PuntoDeVenta = c.PuntoDeVenta, Umbral = Formato.Plain(c.UmbralConsumidorFinal),
            };
        else Input.Umbral = Formato.Plain(ConfiguracionFacturacion.UmbralConsumidorFinalPorDefecto);
    }

    public async Task<IActionResult> OnPostGuardarAsync(CancellationToken ct)
    {
        var v = new Validator();
        var umbral = Formato.ParseMonto(Input.Umbral, "umbral_consumidor_final", v);
        var modo = ParseModo(Input.Modo);
        if (modo is null) v.Add("modo", "Elegí el modo.");
        CondicionIvaEmisor? condicion = Input.CondicionIva switch
        {
            "responsable_inscripto" => CondicionIvaEmisor.ResponsableInscripto,
            "monotributo" => CondicionIvaEmisor.Monotributo,
            _ => null,
        };
        try
        {
            v.ThrowIfAny();
            await servicio.GuardarDatosAsync(new DatosEmisorInput(modo!.Value, Input.Cuit, Input.RazonSocial, Input.Domicilio, condicion,
                Input.IngresosBrutos, Input.InicioActividades, Input.PuntoDeVenta, umbral), Actor.From(User), ct);
            TempData["Ok"] = modo == ModoFacturacion.Deshabilitado
                ? "Guardado. La facturación electrónica está deshabilitada: las ventas imprimen solo tickets internos."
                : $"Guardado. Las facturas se emiten en {(modo == ModoFacturacion.Produccion ? "producción" : "homologación")}.";
            return RedirectToPage();
        }
        catch (ValidationException e)
        {
            foreach (var (campo, mensajes) in e.Errors)
                foreach (var m in mensajes) ModelState.AddModelError(Campo(campo), m);
            await CargarAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostCredencialesAsync(CancellationToken ct)
    {
        try
        {
            var cert = await LeerAsync(Certificado, ct);
            var clave = await LeerAsync(ClavePrivada, ct);
            var ok = await servicio.GuardarCredencialesAsync(cert, clave, Actor.From(User), ct);
            TempData["Ok"] = $"Certificado guardado: {ok.Sujeto}, vence el {Formato.Fecha(ok.VenceAt, Zona)}.";
            return RedirectToPage();
        }
        catch (ValidationException e)
        {
            ErrorCredenciales = e.Detail;
            await OnGetAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostProbarAsync(CancellationToken ct)
    {
        Prueba = await servicio.ProbarConexionAsync(ct);
        await OnGetAsync(ct);
        return Page();
    }

    private async Task CargarAsync(CancellationToken ct) => Actual = await servicio.LeerAsync(ct);

    private static async Task<byte[]> LeerAsync(IFormFile? f, CancellationToken ct)
    {
        if (f is null || f.Length == 0) return [];
        if (f.Length > CredencialesAfip.TamanoMaximo) throw new ValidationException("certificado", "Los archivos del certificado y la clave son de pocos KB: ese es demasiado grande.");
        using var ms = new MemoryStream();
        await f.CopyToAsync(ms, ct);
        return ms.ToArray();
    }

    /// <summary>The service's snake_case field → the form's input name, so each message sits under its field.</summary>
    private static string Campo(string campo) => campo switch
    {
        "cuit" => "Input.Cuit",
        "razon_social" => "Input.RazonSocial",
        "domicilio" => "Input.Domicilio",
        "condicion_iva" => "Input.CondicionIva",
        "ingresos_brutos" => "Input.IngresosBrutos",
        "inicio_actividades" => "Input.InicioActividades",
        "punto_de_venta" => "Input.PuntoDeVenta",
        "umbral_consumidor_final" => "Input.Umbral",
        "modo" => "Input.Modo",
        _ => "",
    };

    public static string ModoParam(ModoFacturacion m) => m switch
    {
        ModoFacturacion.Homologacion => "homologacion",
        ModoFacturacion.Produccion => "produccion",
        _ => "deshabilitado",
    };

    public static ModoFacturacion? ParseModo(string? s) => s switch
    {
        "deshabilitado" => ModoFacturacion.Deshabilitado,
        "homologacion" => ModoFacturacion.Homologacion,
        "produccion" => ModoFacturacion.Produccion,
        _ => null,
    };

    public static string CondicionParam(CondicionIvaEmisor c) => c == CondicionIvaEmisor.Monotributo ? "monotributo" : "responsable_inscripto";

    public static string Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
