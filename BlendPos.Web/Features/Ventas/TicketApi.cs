namespace BlendPos.Web.Features.Ventas;

public static class TicketApi
{
    /// <summary>
    /// <c>GET /v1/ventas/{id}/ticket</c> (API.md): the printable receipt is a page, so this redirects to it keeping the
    /// query (<c>?ancho=58</c>, <c>?print=1</c>). The page authorizes by cookie or bearer like /v1 (own sale or supervisor).
    /// Map it on the /v1 group: <c>v1.MapTicketApi();</c>
    /// </summary>
    public static void MapTicketApi(this RouteGroupBuilder v1) =>
        v1.MapGet("/ventas/{id:guid}/ticket", (Guid id, HttpRequest request) =>
            Results.Redirect($"/ventas/{id}/ticket{request.QueryString}"));
}
