using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vigil.Linux.Checkers.Tests;

/// <summary>Certificates made in the test with System.Security.Cryptography.</summary>
internal static class Certificates
{
    public static X509Certificate2 SelfSigned(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        return req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>Writes the certificate and its (encrypted) PKCS#8 key as PEM files, as an SSL block would name them.</summary>
    public static (string Cert, string Key) WritePem(X509Certificate2 cert, string password)
    {
        var dir = Path.Combine(Path.GetTempPath(), "vigil-pem-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var certFile = Path.Combine(dir, "client.crt");
        var keyFile = Path.Combine(dir, "client.key");
        File.WriteAllText(certFile, cert.ExportCertificatePem());
        using var key = cert.GetECDsaPrivateKey()!;
        var pbe = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000);
        File.WriteAllText(keyFile, new string(PemEncoding.Write("ENCRYPTED PRIVATE KEY", key.ExportEncryptedPkcs8PrivateKey(password, pbe))));
        return (certFile, keyFile);
    }
}
