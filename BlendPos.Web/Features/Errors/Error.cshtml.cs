using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlendPos.Web.Features.Errors;

/// <summary>
/// The Spanish error page for every status and for unhandled exceptions. It shows no exception detail; the request
/// id lets an admin find the log line.
/// </summary>
[IgnoreAntiforgeryToken] // re-executed for failed POSTs too
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string Titulo { get; private set; } = "";
    public string Mensaje { get; private set; } = "";
    public string? RequestId { get; private set; }

    public void OnGet(int? code) => Fill(code);
    public void OnPost(int? code) => Fill(code);
    public void OnPut(int? code) => Fill(code);
    public void OnDelete(int? code) => Fill(code);

    private void Fill(int? code)
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        Code = exception ? 500 : code ?? 500;
        (Titulo, Mensaje) = Code switch
        {
            400 => ("Solicitud inválida", "El formulario venció o los datos no se pudieron leer. Volvé atrás, recargá la página e intentá de nuevo."),
            403 => ("No tenés permiso", "Tu rol no incluye esta sección."),
            404 => ("Página no encontrada", "La dirección no existe o el registro fue dado de baja."),
            405 => ("Operación no permitida", "Esa acción no está disponible desde aquí."),
            429 => ("Demasiados intentos", "Esperá un minuto y volvé a intentar."),
            >= 500 => ("Algo salió mal", "Ocurrió un error inesperado. Si se repite, avisá al administrador con el número de solicitud."),
            _ => ("Error", "No se pudo completar la solicitud."),
        };
        RequestId = HttpContext.TraceIdentifier;
        Response.StatusCode = Code;
    }
}
