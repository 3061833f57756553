using System.Text;
using BlendPos.Web.Features.Facturacion.Documentos;
using BlendPos.Web.Infrastructure.Pdf;
using MimeKit;

namespace BlendPos.Web.Infrastructure.Mail;

/// <summary>The e-mail of a fiscal document to its receptor, in Spanish, with the PDF attached.</summary>
public static class MensajeFactura
{
    /// <summary>«Factura B 00001-00000012 de Kiosco Don Pepe».</summary>
    public static string Asunto(FacturaDocumento d) => $"{TextosFactura.Comprobante(d)} de {d.Emisor.NombreFantasia}";

    public static MimeMessage Armar(FacturaDocumento d, byte[] pdf, MailboxAddress remitente, string destinatario, DateTimeOffset ahora)
    {
        var mensaje = new MimeMessage { Subject = Asunto(d), Date = ahora };
        // The shop's name as the sender's name when SMTP_FROM gives none.
        mensaje.From.Add(string.IsNullOrEmpty(remitente.Name) ? new MailboxAddress(d.Emisor.NombreFantasia, remitente.Address) : remitente);
        mensaje.To.Add(new MailboxAddress(d.Receptor.Nombre ?? "", destinatario));

        var cuerpo = new BodyBuilder { TextBody = Texto(d) };
        cuerpo.Attachments.Add(TextosFactura.NombreArchivo(d), pdf, new ContentType("application", "pdf"));
        mensaje.Body = cuerpo.ToMessageBody();
        return mensaje;
    }

    private static string Texto(FacturaDocumento d)
    {
        var e = d.Emisor;
        var texto = new StringBuilder();
        texto.AppendLine(string.IsNullOrWhiteSpace(d.Receptor.Nombre) ? "Hola:" : $"Hola, {d.Receptor.Nombre}:");
        texto.AppendLine();
        texto.Append($"Te enviamos la {TextosFactura.Comprobante(d)} de {e.NombreFantasia}");
        if (d.ComprobanteAsociado is { } asociado) texto.Append($", que corresponde a la {asociado}");
        texto.AppendLine($", del {TextosFactura.Fecha(d.Fecha)}, por {TextosFactura.Dinero(d.MontoTotal)}.");
        if (d.Cae is not null)
            texto.AppendLine($"CAE {d.Cae}, con vencimiento el {TextosFactura.Fecha(d.CaeVencimiento)}.");
        texto.AppendLine();
        texto.AppendLine($"El comprobante va adjunto en PDF ({TextosFactura.NombreArchivo(d)}).");
        texto.AppendLine();
        texto.AppendLine("Gracias por tu compra.");
        texto.AppendLine(e.NombreFantasia);
        var datos = new[]
        {
            e.RazonSocial,
            string.IsNullOrWhiteSpace(e.Cuit) ? null : "CUIT " + TextosFactura.Cuit(e.Cuit),
            e.Domicilio,
        }.Where(s => !string.IsNullOrWhiteSpace(s));
        if (datos.Any()) texto.AppendLine(string.Join(" · ", datos));
        return texto.ToString();
    }
}
