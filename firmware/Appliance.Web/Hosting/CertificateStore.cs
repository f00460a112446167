using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Serilog;

namespace Appliance.Web.Hosting;

/// <summary>
/// The HTTPS certificate: generated (self-signed, RSA 2048, ten years) on first boot into
/// <c>web/https.pfx</c> under the data folder, replaceable by an uploaded PKCS#12 file. The
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

    /// <summary>Replaces the certificate with an uploaded PKCS#12 file that holds a private key.</summary>
    /// <returns>Null when it was installed; otherwise why it was refused.</returns>
    public string? Replace(byte[] pkcs12, string? password)
    {
        ArgumentNullException.ThrowIfNull(pkcs12);
        X509Certificate2 loaded;
        try
        {
            loaded = X509CertificateLoader.LoadPkcs12(pkcs12, password, X509KeyStorageFlags.Exportable);
        }
        catch (CryptographicException)
        {
            return "the file is not a PKCS#12 (.pfx) file, or the password is wrong";
        }

        if (!loaded.HasPrivateKey)
        {
            loaded.Dispose();
            return "the certificate has no private key";
        }

        WritePrivately(_path, loaded.Export(X509ContentType.Pkcs12));
        Volatile.Write(ref _current, loaded);
        _log.Information(
            "HTTPS certificate replaced by {Subject}, valid until {NotAfter}",
            loaded.Subject,
            loaded.NotAfter);
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
