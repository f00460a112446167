using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Appliance.Sip.Transport;

/// <summary>
/// The certificate of the SIP TLS listener: a configured PFX/PKCS#12 or PEM file, or a
/// self-signed one made on first boot and kept in the data directory so that phones that pinned
/// it keep trusting it. Thread safe (no state).
/// </summary>
public static class SipTlsCertificate
{
    /// <summary>File name of the generated certificate inside the data directory.</summary>
    public const string GeneratedFileName = "sip-tls.pfx";

    /// <summary>
    /// Loads <paramref name="path"/> (.pfx/.p12 with <paramref name="password"/>, otherwise PEM with
    /// the key in the same file or in <paramref name="keyPath"/>); with no path, loads or creates
    /// <see cref="GeneratedFileName"/> in <paramref name="dataDirectory"/>.
    /// </summary>
    /// <exception cref="CryptographicException">The file is not a certificate with a key.</exception>
    /// <exception cref="IOException">The file cannot be read or written.</exception>
    public static X509Certificate2 LoadOrCreate(
        string? path,
        string? password,
        string? keyPath,
        string dataDirectory,
        string subjectName)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentException.ThrowIfNullOrEmpty(subjectName);
        if (!string.IsNullOrEmpty(path))
        {
            return Load(path, password, keyPath);
        }

        var generated = Path.Combine(dataDirectory, GeneratedFileName);
        if (File.Exists(generated))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(generated, password: null);
        }

        Directory.CreateDirectory(dataDirectory);
        var pfx = CreateSelfSigned(subjectName).Export(X509ContentType.Pkcs12);
        File.WriteAllBytes(generated, pfx);
        if (!OperatingSystem.IsWindows())
        {
            // The file holds the private key: owner only.
            File.SetUnixFileMode(generated, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return X509CertificateLoader.LoadPkcs12(pfx, password: null);
    }

    /// <summary>An ECDSA P-256 certificate for <paramref name="subjectName"/>, valid ten years.</summary>
    public static X509Certificate2 CreateSelfSigned(string subjectName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subjectName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(subjectName, out var address))
        {
            names.AddIpAddress(address);
        }
        else
        {
            names.AddDnsName(subjectName);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));

        // Round-trip through PKCS#12 so the key is not ephemeral, which SslStream needs on some
        // platforms.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }

    private static X509Certificate2 Load(string path, string? password, string? keyPath)
    {
        var extension = Path.GetExtension(path);
        if (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }

        using var pem = X509Certificate2.CreateFromPemFile(path, string.IsNullOrEmpty(keyPath) ? null : keyPath);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
    }
}
