using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Config;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Caja;

/// <summary>
/// The blind count of the cashier's own open session. GET shows the form (nothing expected on it); POST declares once
/// and redirects to <c>?sesion=</c>, the only view that shows expected vs declared, read back from the stored count.
/// </summary>
[Authorize(Policy = Policies.Cajero)]
public sealed class ArqueoModel(CajaService caja, BlendPosOptions options) : PageModel
{
    public sealed class ArqueoInput
    {
        public Guid? SesionCajaId { get; set; }
        public string? Efectivo { get; set; }
        public string? Debito { get; set; }
        public string? Credito { get; set; }
        public string? Transferencia { get; set; }
        public string? Observaciones { get; set; }
        /// <summary>How many of each <see cref="ArqueoRules.Denominaciones"/>, by position, as typed.</summary>
        public List<string?> Cantidades { get; set; } = [];
    }

    /// <summary>Set after the count: show this session's result.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Sesion { get; set; }
    [BindProperty] public ArqueoInput Input { get; set; } = new();

    public SesionCajaDto? Abierta { get; private set; }
    public ArqueoDto? Resultado { get; private set; }
    /// <summary>A 409 on submit: this session was already counted.</summary>
    public Guid? YaContada { get; private set; }
    public TimeZoneInfo Zona => Formato.Zona(options);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        if (Sesion is { } id)
        {
            try
            {
                Resultado = await caja.ArqueoDeAsync(id, actor, ct);
                return Page();
            }
            catch (ConflictException)
            {
                return Redirect("/caja/arqueo"); // still open: nothing to show yet
            }
            catch (NotFoundException)
            {
                return NotFound();
            }
            catch (ForbiddenException)
            {
                return Forbid();
            }
        }
        Abierta = await caja.ActualOrNullAsync(actor, ct);
        Input.SesionCajaId = Abierta?.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        try
        {
            var request = ToRequest();
            var resultado = await caja.ArqueoAsync(request, actor, ct);
            return Redirect($"/caja/arqueo?sesion={resultado.SesionCajaId}");
        }
        catch (AppException e)
        {
            AddError(e);
            if (e is ConflictException) YaContada = Input.SesionCajaId;
            else if (e is ForbiddenException or NotFoundException) Input.SesionCajaId = null;
            Abierta = await caja.ActualOrNullAsync(actor, ct);
            if (Abierta is not null && Abierta.Id != Input.SesionCajaId && YaContada is null) Input.SesionCajaId = Abierta.Id;
            return Page();
        }
    }

    /// <summary>The counter's quantity for denomination <paramref name="i"/>, as typed.</summary>
    public string? Cantidad(int i) => i < Input.Cantidades.Count ? Input.Cantidades[i] : null;

    private ArqueoRequest ToRequest()
    {
        var v = new Validator();
        // Without JavaScript the counter cannot fill «Efectivo»: an empty cash field with a filled counter takes its total.
        var cantidades = new Dictionary<decimal, int>();
        for (var i = 0; i < ArqueoRules.Denominaciones.Count; i++)
        {
            var text = Cantidad(i);
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                cantidades[ArqueoRules.Denominaciones[i]] = n;
            else
                v.Add("cantidades", "Las cantidades del contador son números enteros, sin signos.");
        }
        var efectivoText = string.IsNullOrWhiteSpace(Input.Efectivo) && cantidades.Count > 0
            ? Formato.Plain(ArqueoRules.TotalDenominaciones(cantidades))
            : Input.Efectivo;
        var efectivo = Formato.ParseMonto(efectivoText, "efectivo", v, emptyIsZero: true);
        var debito = Formato.ParseMonto(Input.Debito, "debito", v, emptyIsZero: true);
        var credito = Formato.ParseMonto(Input.Credito, "credito", v, emptyIsZero: true);
        var transferencia = Formato.ParseMonto(Input.Transferencia, "transferencia", v, emptyIsZero: true);
        v.ThrowIfAny();
        return new ArqueoRequest(Input.SesionCajaId, new Declaracion(efectivo, debito, credito, transferencia),
            string.IsNullOrWhiteSpace(Input.Observaciones) ? null : Input.Observaciones);
    }

    private void AddError(AppException e)
    {
        if (e is not ValidationException v)
        {
            ModelState.AddModelError("", e.Detail);
            return;
        }
        foreach (var (field, messages) in v.Errors)
        {
            var key = field.Replace("declaracion.", "") switch
            {
                "efectivo" => "Input.Efectivo",
                "debito" => "Input.Debito",
                "credito" => "Input.Credito",
                "transferencia" => "Input.Transferencia",
                "observaciones" => "Input.Observaciones",
                "cantidades" => "Input.Cantidades",
                _ => "",
            };
            foreach (var m in messages) ModelState.AddModelError(key, m);
        }
    }
}

/// <summary>A counted session's deviation, its class and the state it left the session in.</summary>
public sealed record DesvioVista(decimal Desvio, decimal DesvioPct, ClasificacionDesvio Clasificacion, EstadoSesionCaja Estado,
    string? CerradaPor = null)
{
    public static DesvioVista From(ArqueoDto a, string? cerradaPor = null) => new(a.Desvio, a.DesvioPct, a.Clasificacion, a.Estado, cerradaPor);
}
