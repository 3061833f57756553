using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace BlendPos.Web.Infrastructure.Afip;

/// <summary>Loads the issuer's certificate with its private key, as the configuration page stores them.</summary>
public static class AfipCredenciales
{
    /// <summary>
    /// PEM certificate + PEM key (what AFIP's portal and openssl give), DER certificate + PEM key, or a PFX without
    /// password when <paramref name="clavePrivadaPem"/> is null.
    /// </summary>
    public static X509Certificate2 Cargar(byte[] certificado, byte[]? clavePrivadaPem)
    {
        try
        {
            if (clavePrivadaPem is null || clavePrivadaPem.Length == 0)
                return X509CertificateLoader.LoadPkcs12(certificado, password: null);
            var clave = Encoding.ASCII.GetString(clavePrivadaPem);
            if (EsPem(certificado))
                return X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(certificado), clave);
            using var publico = X509CertificateLoader.LoadCertificate(certificado);
            using var rsa = RSA.Create();
            rsa.ImportFromPem(clave);
            return publico.CopyWithPrivateKey(rsa);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // The exception text may quote PEM content: keep only its type.
            throw new AfipNoDisponibleException(
                $"El certificado o la clave privada de AFIP no se pueden leer, o no se corresponden ({e.GetType().Name}).");
        }
    }

    private static bool EsPem(byte[] bytes) =>
        Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 200)).Contains("-----BEGIN", StringComparison.Ordinal);
}
