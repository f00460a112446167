using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Appliance.Web.Tests.Firmware;

/// <summary>
/// Real RAUC bundles for the firmware tests, made with <c>rauc bundle</c> and keys made here: one
/// signed by the CA the box trusts, one by a stranger's CA. The box's updater is a small script
/// that checks bundles with the real <c>rauc info</c> against that keyring and, since writing a
/// root slot needs the RAUC service of a booted image (image/test-boot.sh covers that), records
/// the install instead of doing it.
/// </summary>
internal sealed class UpdateBundles : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("firmware-");
    private readonly X509Certificate2 _trusted = CertificateAuthority("SparkleCC test CA");
    private readonly X509Certificate2 _stranger = CertificateAuthority("Somebody else's CA");

    public UpdateBundles(string version)
    {
        Keyring = Write("keyring.pem", _trusted.ExportCertificatePem());
        Good = Bundle("good.raucb", version, _trusted);
        Stranger = Bundle("stranger.raucb", version, _stranger);
        InstallLog = Path.Combine(_folder.FullName, "installed.log");
        Updater = Write(
            "rauc",
            $"""
            #!/bin/sh
            case "$1" in
                info) shift; exec rauc --keyring='{Keyring}' info "$@" ;;
                install) sha256sum "$2" >> '{InstallLog}'; echo "Installing $2 succeeded"; exit 0 ;;
            esac
            echo "unexpected: $*" >&2
            exit 3
            """);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(Updater, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        SlotsFile = Write(
            "slots.env",
            "BOOTED=A\nSLOT_A_VERSION=1.0.0-factory\nSLOT_A_HEALTH=good\nSLOT_B_VERSION=\nSLOT_B_HEALTH=bad\n");
    }

    public string Keyring { get; }

    public string Good { get; }

    public string Stranger { get; }

    public string Updater { get; }

    public string InstallLog { get; }

    public string SlotsFile { get; }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public void Dispose()
    {
        _trusted.Dispose();
        _stranger.Dispose();
        _folder.Delete(recursive: true);
    }

    private static X509Certificate2 CertificateAuthority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
    }

    private string Bundle(string name, string version, X509Certificate2 authority)
    {
        using var signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=SparkleCC test signing", signingKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var now = DateTimeOffset.UtcNow;
        using var signing = request.Create(
            authority,
            now.AddDays(-1),
            now.AddMonths(6),
            RandomNumberGenerator.GetBytes(8));
        var stem = Path.GetFileNameWithoutExtension(name);
        var certificate = Write($"{stem}.cert.pem", signing.ExportCertificatePem());
        var key = Write($"{stem}.key.pem", signingKey.ExportPkcs8PrivateKeyPem());
        var authorityPem = Write($"{stem}.ca.pem", authority.ExportCertificatePem());

        var content = Directory.CreateDirectory(Path.Combine(_folder.FullName, stem));
        File.WriteAllBytes(Path.Combine(content.FullName, "rootfs.ext4"), RandomNumberGenerator.GetBytes(64 * 1024));
        File.WriteAllText(
            Path.Combine(content.FullName, "manifest.raucm"),
            $"[update]\ncompatible=sparklecc-x64\nversion={version}\n\n[bundle]\nformat=verity\n\n"
            + "[image.rootfs]\nfilename=rootfs.ext4\n");
        var bundle = Path.Combine(_folder.FullName, name);
        Run("rauc", "bundle", $"--cert={certificate}", $"--key={key}", $"--keyring={authorityPem}", content.FullName, bundle);
        return bundle;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"{program} could not be started (tools/test-deps/firmware.apt)");
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {error.Result}");
    }
}
