using BlendPos.Domain.Facturacion;
using BlendPos.Web.Features.Facturacion.Documentos;
using BlendPos.Web.Infrastructure.Mail;

namespace BlendPos.Web.Infrastructure.Pdf;

/// <summary>Settings of the printed documents.</summary>
public sealed class DocumentosOptions
{
    /// <summary><c>AFIP_QR_URL</c>: the base of the RG 4892 QR (AFIP.md ⚠: newer texts name www.arca.gob.ar).</summary>
    public string QrUrl { get; init; } = QrAfip.UrlPorDefecto;

    public static DocumentosOptions FromConfiguration(IConfiguration config) => new()
    {
        QrUrl = string.IsNullOrWhiteSpace(config["AFIP_QR_URL"]) ? QrAfip.UrlPorDefecto : config["AFIP_QR_URL"]!.Trim(),
    };
}

public static class DocumentosFiscalesSetup
{
    /// <summary>
    /// The fiscal documents: the invoice PDF (<see cref="IFacturaPdf"/>) and its e-mail (<see cref="IFacturaCorreo"/>,
    /// SMTP_* settings, queued with retries and a sweep), plus <see cref="INotificadorAdmins"/>.
    /// </summary>
    public static IServiceCollection AddDocumentosFiscales(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(DocumentosOptions.FromConfiguration(configuration));
        services.AddSingleton<FacturaPdf>();
        services.AddSingleton<IFacturaPdf>(sp => sp.GetRequiredService<FacturaPdf>());
        services.AddCorreo(configuration);
        return services;
    }
}
