using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Serilog;

namespace Appliance.Web.Hosting;

/// <summary>
/// The HTTPS certificate: generated (self-signed, RSA 2048, ten years) on first boot into
/// <c>web/https.pfx</c> under the data folder, replaceable by an uploaded PKCS#12 file or PEM
/// certificate and key. The
/// listener asks <see cref="Current"/> at each TLS handshake, so an upload applies at once.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class CertificateStore
{
    private readonly string _path;
    private readonly ILogger _log;
    private X509Certificate2 _current;

    private CertificateStore(string path, X509Certificate2 current, ILogger log)
    {
        _path = path;
        _current = current;
        _log = log;
    }

    public X509Certificate2 Current => Volatile.Read(ref _current);

    /// <summary>Loads the stored certificate, or makes and stores one.</summary>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    /// <exception cref="CryptographicException">The stored file is not a usable PKCS#12.</exception>
    public static CertificateStore LoadOrCreate(string dataDirectory, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var path = Path.Combine(dataDirectory, "web", "https.pfx");
        if (File.Exists(path))
        {
            var stored = X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
            log.Information("HTTPS certificate {Subject} loaded, valid until {NotAfter}", stored.Subject, stored.NotAfter);
            return new CertificateStore(path, stored, log);
        }

        using var created = CreateSelfSigned(TimeProvider.System.GetUtcNow());
        var pfx = created.Export(X509ContentType.Pkcs12);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WritePrivately(path, pfx);
        log.Information("HTTPS certificate {Subject} generated into {CertificatePath}", created.Subject, path);
        return new CertificateStore(path, X509CertificateLoader.LoadPkcs12(pfx, password: null), log);
    }

    /// <summary>Replaces the certificate with an uploaded PKCS#12 file that holds a private key
    /// and is valid at <paramref name="now"/>.</summary>
    /// <returns>Null when it was installed; otherwise the form field at fault and why.</returns>
    public CertificateRefusal? Replace(byte[] pkcs12, string? password, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pkcs12);
        X509Certificate2 loaded;
        try
        {
            loaded = X509CertificateLoader.LoadPkcs12(pkcs12, password, X509KeyStorageFlags.Exportable);
        }
        catch (CryptographicException)
        {
            return new CertificateRefusal("password", "the file is not a PKCS#12 (.pfx) file, or the password is wrong");
        }

        if (!loaded.HasPrivateKey)
        {
            loaded.Dispose();
            return new CertificateRefusal("key", "the PKCS#12 file holds no private key");
        }

        return Install(loaded, now);
    }

    /// <summary>Replaces the certificate with a PEM certificate (the server's first, then any
    /// intermediates) and its PEM private key (PKCS#8, RSA or EC; unencrypted).</summary>
    /// <returns>Null when it was installed; otherwise the form field at fault and why.</returns>
    public CertificateRefusal? ReplacePem(string certificatePem, string keyPem, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificatePem);
        ArgumentNullException.ThrowIfNull(keyPem);
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(certificatePem);
        }
        catch (CryptographicException)
        {
            return new CertificateRefusal("certificate", "holds no PEM CERTIFICATE block that reads");
        }

        if (!HasPrivateKeyBlock(keyPem))
        {
            certificate.Dispose();
            return new CertificateRefusal("key", "holds no unencrypted PEM PRIVATE KEY block");
        }

        X509Certificate2 paired;
        using (certificate)
        {
            try
            {
                paired = X509Certificate2.CreateFromPem(certificatePem, keyPem);
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException)
            {
                // .NET says "does not match" with an ArgumentException, a key it cannot read
                // with a CryptographicException; either way the pair cannot serve.
                return new CertificateRefusal(
                    "key",
                    "does not match the certificate's public key, or is not a key this box reads");
            }
        }

        // An ephemeral PEM key cannot serve TLS on every platform; a PKCS#12 round trip makes it a
        // stored key, and is the form the file keeps anyway.
        using (paired)
        {
            var pfx = paired.Export(X509ContentType.Pkcs12);
            return Install(X509CertificateLoader.LoadPkcs12(pfx, password: null, X509KeyStorageFlags.Exportable), now);
        }
    }

    private static bool HasPrivateKeyBlock(string pem)
    {
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label];
            if (label is "PRIVATE KEY" or "RSA PRIVATE KEY" or "EC PRIVATE KEY")
            {
                return true;
            }

            rest = rest[fields.Location.End..];
        }

        return false;
    }

    private CertificateRefusal? Install(X509Certificate2 loaded, DateTimeOffset now)
    {
        if (loaded.NotAfter.ToUniversalTime() <= now.UtcDateTime || loaded.NotBefore.ToUniversalTime() > now.UtcDateTime)
        {
            var refusal = new CertificateRefusal(
                "certificate",
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"is valid from {loaded.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} to {loaded.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC, not now"));
            loaded.Dispose();
            return refusal;
        }

        WritePrivately(_path, loaded.Export(X509ContentType.Pkcs12));
        Volatile.Write(ref _current, loaded);
        _log.Information(
            "HTTPS certificate replaced by {Subject} from {Issuer}, valid until {NotAfter}, SHA-256 {Fingerprint}",
            loaded.Subject,
            loaded.Issuer,
            loaded.NotAfter,
            loaded.GetCertHashString(HashAlgorithmName.SHA256));
        return null;
    }

    private static X509Certificate2 CreateSelfSigned(DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(
            "CN=SparkleCC appliance", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName(Environment.MachineName);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        // RFC 5280 §4.2.1.12: id-kp-serverAuth, so browsers accept it for TLS once trusted.
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
    }

    private static void WritePrivately(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, options);
        file.Write(content);
    }
}
