using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace BlendPos.Tests.Fakes.Afip;

/// <summary>
/// The fake's certificate authority: it plays AFIP's CA, issuing the issuer certificates the tests sign WSAA requests
/// with, and it is the only root the fake WSAA trusts. Certificates carry the CUIT as AFIP's do
/// (subject SERIALNUMBER=CUIT nnnnnnnnnnn).
/// </summary>
public sealed class FakeAfipCa : IDisposable
{
    /// <summary>The CA certificate, with its private key (CreateSelfSigned keeps it).</summary>
    public X509Certificate2 Certificado { get; }
    private readonly RSA _clave;
    private readonly TimeProvider _reloj;

    public FakeAfipCa(TimeProvider reloj, string nombre = "BlendPOS Fake AFIP CA")
    {
        _reloj = reloj;
        _clave = RSA.Create(2048);
        var request = new CertificateRequest($"CN={nombre}, O=BlendPOS Tests, C=AR", _clave, HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = reloj.GetUtcNow();
        Certificado = request.CreateSelfSigned(now.AddYears(-10), now.AddYears(10));
    }

    /// <summary>An issuer certificate for <paramref name="cuit"/> and its private key, both PEM (what AFIP hands out).</summary>
    public (byte[] CertificadoPem, byte[] ClavePrivadaPem) Emitir(long cuit, DateTimeOffset? desde = null, DateTimeOffset? hasta = null)
    {
        using var clave = RSA.Create(2048);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName($"blendpos-{cuit}");
        subject.Add("2.5.4.5", $"CUIT {cuit}"); // serialNumber, where AFIP's certificates carry the CUIT
        var request = new CertificateRequest(subject.Build(), clave, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(
            X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificado, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var now = _reloj.GetUtcNow();
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using var cert = request.Create(Certificado, desde ?? now.AddDays(-1), hasta ?? now.AddYears(2), serial);
        return (Encoding.ASCII.GetBytes(cert.ExportCertificatePem()), Encoding.ASCII.GetBytes(clave.ExportPkcs8PrivateKeyPem()));
    }

    /// <summary>True when <paramref name="certificado"/> was issued by this CA (valid at the fake's time).</summary>
    public bool Confia(X509Certificate2 certificado)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Certificado);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.VerificationTime = _reloj.GetUtcNow().UtcDateTime;
        return chain.Build(certificado);
    }

    public void Dispose()
    {
        Certificado.Dispose();
        _clave.Dispose();
    }

    /// <summary>The CUIT in a certificate's subject serialNumber («CUIT 20123456786»), or null.</summary>
    public static long? CuitDe(X509Certificate2 certificado)
    {
        foreach (var rdn in certificado.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.GetSingleElementType().Value != "2.5.4.5") continue;
            var valor = rdn.GetSingleElementValue() ?? "";
            var digitos = valor.StartsWith("CUIT ", StringComparison.Ordinal) ? valor[5..] : valor;
            if (long.TryParse(digitos, out var cuit)) return cuit;
        }
        return null;
    }
}
