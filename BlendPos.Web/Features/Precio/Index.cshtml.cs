using BlendPos.Domain;
using BlendPos.Web.Features.Catalogo;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Errors;
using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace BlendPos.Web.Features.Precio;

/// <summary>
/// The public price-check screen (anonymous, see Program.cs): a TV or tablet on the shop floor with a barcode scanner.
/// <c>GET /precio</c> is the full screen; the scan (<c>?codigo=…</c>) comes back as the <c>_Resultado</c> partial for htmx,
/// or as the full screen with the result in it without JavaScript. Same service, limit and answer as
/// <c>GET /v1/precio/{barcode}</c>: nothing but name and price.
/// </summary>
[EnableRateLimiting(AuthSetup.PriceCheckRateLimit)]
public sealed class IndexModel(CatalogoService catalogo) : PageModel
{
    public const int DefaultResetMs = 10_000;
    public const int MinResetMs = 1_000;
    public const int MaxResetMs = 60_000;

    /// <summary>The scanned barcode.</summary>
    [BindProperty(SupportsGet = true)] public string? Codigo { get; set; }

    /// <summary>Milliseconds before a result gives way to the welcome screen again (<c>?reset=</c>, clamped).</summary>
    [BindProperty(SupportsGet = true, Name = "reset")] public int? Reset { get; set; }

    public int ResetMs => Math.Clamp(Reset ?? DefaultResetMs, MinResetMs, MaxResetMs);

    public PrecioResultado? Resultado { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var htmx = Request.IsHtmx();
        if (Codigo is not null || htmx) Resultado = await ConsultarAsync(Codigo, ct);
        return htmx ? Partial("_Resultado", Resultado) : Page();
    }

    private async Task<PrecioResultado> ConsultarAsync(string? codigo, CancellationToken ct)
    {
        try
        {
            var precio = await catalogo.PrecioAsync(codigo, ct);
            return new PrecioResultado(PrecioEstado.Encontrado, precio.Nombre, Money.Format(precio.PrecioVenta));
        }
        catch (ValidationException)
        {
            return new PrecioResultado(PrecioEstado.Invalido);
        }
        catch (NotFoundException)
        {
            return new PrecioResultado(PrecioEstado.NoEncontrado);
        }
    }
}

public enum PrecioEstado { Encontrado, NoEncontrado, Invalido }

/// <summary>What the screen shows after a scan: a name and a formatted price, or why there is none.</summary>
public sealed record PrecioResultado(PrecioEstado Estado, string? Nombre = null, string? Precio = null);
