using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace BlendPos.Web.Features.Facturacion.Configuracion;

/// <summary>A certificate and key that belong together: the certificate as PEM (what is stored), its subject and expiry.</summary>
public sealed record CredencialesValidadas(byte[] CertificadoPem, byte[] ClavePrivadaPem, string Sujeto, DateTimeOffset VenceAt);

/// <summary>
/// Reads the certificate AFIP issued (PEM, CRT or DER) and its RSA private key (PEM, PKCS#1 or PKCS#8, unencrypted)
/// and checks that they are a pair. Messages in Spanish; nothing here logs or echoes the key.
/// </summary>
public static class CredencialesAfip
{
    public const int TamanoMaximo = 64 * 1024;

    public static (CredencialesValidadas? Credenciales, string? Error) Validar(byte[] certificado, byte[] clave)
    {
        if (certificado.Length == 0) return (null, "Elegí el archivo del certificado.");
        if (clave.Length == 0) return (null, "Elegí el archivo de la clave privada.");
        if (certificado.Length > TamanoMaximo || clave.Length > TamanoMaximo) return (null, "Los archivos del certificado y la clave son de pocos KB: ese es demasiado grande.");

        X509Certificate2 cert;
        try
        {
            cert = EsPem(certificado)
                ? X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(certificado))
                : X509CertificateLoader.LoadCertificate(certificado);
        }
        catch (CryptographicException)
        {
            return (null, "El certificado no se pudo leer: subí el .crt o .pem que entrega AFIP (PEM o DER).");
        }
        using (cert)
        {
            using var publica = cert.GetRSAPublicKey();
            if (publica is null) return (null, "El certificado no tiene una clave RSA: AFIP emite certificados RSA.");
            using var privada = RSA.Create();
            try
            {
                if (!EsPem(clave)) throw new CryptographicException();
                privada.ImportFromPem(Encoding.ASCII.GetString(clave));
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                return (null, "La clave privada no se pudo leer: subí el archivo .key en formato PEM, sin contraseña.");
            }
            var modulo = publica.ExportParameters(false).Modulus;
            if (modulo is null || !modulo.AsSpan().SequenceEqual(privada.ExportParameters(false).Modulus))
                return (null, "La clave privada no corresponde a ese certificado.");
            var pem = Encoding.ASCII.GetBytes(cert.ExportCertificatePem());
            // The key is kept as PKCS#8 PEM whatever the upload was: one format for the SOAP client to read.
            var clavePem = Encoding.ASCII.GetBytes(privada.ExportPkcs8PrivateKeyPem());
            return (new CredencialesValidadas(pem, clavePem, cert.Subject, new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero)), null);
        }
    }

    private static bool EsPem(byte[] bytes) =>
        Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 200)).Contains("-----BEGIN", StringComparison.Ordinal);
}
