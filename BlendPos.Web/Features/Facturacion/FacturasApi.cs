using System.Security.Claims;
using BlendPos.Domain;
using BlendPos.Domain.Facturacion;
using BlendPos.Web.Features.Facturacion.Documentos;
using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Errors;

namespace BlendPos.Web.Features.Facturacion;

/// <summary>/v1/facturas (API.md "Invoices").</summary>
public static class FacturasApi
{
    public static void MapFacturasApi(this RouteGroupBuilder v1)
    {
        var g = v1.MapGroup("/facturas"); // cajero and up
        g.MapPost("/", async (FacturaRequest body, FacturacionService s, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var c = await s.SolicitarAsync(body, Actor.From(user), ct);
            return Results.Accepted($"/v1/facturas/{c.Id}", c);
        });
        g.MapGet("/{id:guid}", async (Guid id, FacturacionService s, ClaimsPrincipal user, CancellationToken ct) =>
            ComprobanteDto.From(await s.GetAsync(id, Actor.From(user), ct)));
        g.MapGet("/{id:guid}/pdf", async (Guid id, FacturacionService s, IFacturaDocumentos documentos, IServiceProvider services,
            ClaimsPrincipal user, CancellationToken ct) =>
        {
            var c = await s.GetAsync(id, Actor.From(user), ct);
            var pdf = services.GetService<IFacturaPdf>() ?? throw new ConflictException("Este servidor todavía no genera el PDF de los comprobantes.");
            var doc = await documentos.ArmarAsync(id, ct) ?? throw new NotFoundException("El comprobante no existe.");
            var nombre = $"{c.Tipo.Nombre().Replace(' ', '-')}-{c.PuntoDeVenta:D5}-{c.Numero ?? 0:D8}.pdf";
            return Results.File(pdf.Render(doc), "application/pdf", nombre);
        });

        var supervisor = g.MapGroup("").RequireAuthorization(Policies.Supervisor);
        supervisor.MapGet("/", async (Guid? venta_id, string? estado, DateOnly? desde, DateOnly? hasta, int? page, int? size,
            FacturacionService s, CancellationToken ct) =>
        {
            var filtroEstado = IndexModel.ParseEstado(estado);
            if (!string.IsNullOrEmpty(estado) && filtroEstado is null)
                throw new ValidationException("estado", "El estado es pendiente, emitido o error.");
            var p = await s.ListAsync(new FacturaFiltro(venta_id, filtroEstado, desde, hasta), page, size, ct);
            return new PageOf<ComprobanteDto>(p.Items.Select(f => f.Comprobante).ToList(), p.Total, p.Page, p.Size);
        });
        supervisor.MapPost("/{id:guid}/reintentar", async (Guid id, FacturacionService s, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var c = await s.ReintentarAsync(id, Actor.From(user), ct);
            return Results.Accepted($"/v1/facturas/{c.Id}", c);
        });
    }
}
