using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.EndToEnd.Admin;

/// <summary>
/// The certificate page in Chromium against the running demo box: a key of another certificate,
/// an expired certificate and a wrong PKCS#12 password are refused naming their field; a PEM pair
/// and then a PKCS#12 file made here are each presented by the next TLS connection, no restart.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CertificatePageTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task AnUploadedCertificateIsPresentedByTheNextConnectionAndBadOnesAreRefusedByField()
    {
        var now = DateTimeOffset.UtcNow;
        using var good = Make("CN=pbx.example.test", now.AddDays(-1), now.AddDays(90));
        using var expired = Make("CN=old.example.test", now.AddDays(-30), now.AddDays(-1));
        using var other = Make("CN=other.example.test", now.AddDays(-1), now.AddDays(90));
        using var pkcs12 = Make("CN=pfx.example.test", now.AddDays(-1), now.AddDays(30));
        await using var box = await WebBox.StartAsync("demo");
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(admin, "admin", "demo");
        await admin.GotoAsync("/certificate");
        await Assertions.Expect(admin.Locator("#subject")).ToContainTextAsync("SparkleCC appliance");

        await UploadAsync(admin, Pem("cert.pem", good.ExportCertificatePem()), Pem("key.pem", KeyPem(other)));
        await Assertions.Expect(admin.Locator("#upload .field-error[data-field='key']"))
            .ToContainTextAsync("does not match");
        await Browser.ScreenshotAsync(admin, "certificate-refused");
        await UploadAsync(admin, Pem("cert.pem", expired.ExportCertificatePem()), Pem("key.pem", KeyPem(expired)));
        await Assertions.Expect(admin.Locator("#upload .field-error[data-field='certificate']"))
            .ToContainTextAsync("not now");
        var beforeGood = await PresentedAsync(box);
        await UploadAsync(admin, Pem("cert.pem", good.ExportCertificatePem()), Pem("key.pem", KeyPem(good)));
        await Assertions.Expect(admin.Locator("#applied")).ToContainTextAsync("CN=pbx.example.test installed");
        await Assertions.Expect(admin.Locator("#sha256"))
            .ToHaveTextAsync(string.Join(':', good.GetCertHashString(HashAlgorithmName.SHA256).Chunk(2)
                .Select(c => new string(c))));
        await Browser.ScreenshotAsync(admin, "certificate");
        var afterGood = await PresentedAsync(box);
        var pfx = new FilePayload
        {
            Name = "box.pfx",
            MimeType = "application/x-pkcs12",
            Buffer = pkcs12.Export(X509ContentType.Pkcs12, "s3cret"),
        };
        await admin.FillAsync("#password", "wrong");
        await UploadAsync(admin, pfx, null);
        await Assertions.Expect(admin.Locator("#upload .field-error[data-field='password']"))
            .ToContainTextAsync("password is wrong");
        await admin.FillAsync("#password", "s3cret");
        await UploadAsync(admin, pfx, null);
        await Assertions.Expect(admin.Locator("#applied")).ToContainTextAsync("CN=pfx.example.test installed");
        var afterPfx = await PresentedAsync(box);

        await admin.GotoAsync("/admin");

        await Assertions.Expect(admin.Locator("#audit")).ToContainTextAsync("certificate.replaced");
        Assert.Equal("CN=SparkleCC appliance", beforeGood.Subject);
        Assert.Equal(good.GetCertHashString(HashAlgorithmName.SHA256), afterGood.GetCertHashString(HashAlgorithmName.SHA256));
        Assert.Equal(pkcs12.GetCertHashString(HashAlgorithmName.SHA256), afterPfx.GetCertHashString(HashAlgorithmName.SHA256));
    }

    private static X509Certificate2 Make(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    private static string KeyPem(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey()!;
        return key.ExportPkcs8PrivateKeyPem();
    }

    private static FilePayload Pem(string name, string text) => new()
    {
        Name = name,
        MimeType = "application/x-pem-file",
        Buffer = Encoding.ASCII.GetBytes(text),
    };

    private static async Task UploadAsync(IPage page, FilePayload certificate, FilePayload? key)
    {
        await page.Locator("#certificate").SetInputFilesAsync(certificate);
        if (key is null)
        {
            await page.Locator("#key").SetInputFilesAsync(Array.Empty<FilePayload>());
        }
        else
        {
            await page.Locator("#key").SetInputFilesAsync(key);
        }

        await page.ClickAsync("#upload button[type=submit]");
    }

    // A new TCP connection and TLS handshake, as a browser opening the page afresh would make.
    private static async Task<X509Certificate2> PresentedAsync(WebBox box)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, box.HttpsPort);
        X509Certificate2? presented = null;
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) =>
        {
            // Whichever certificate it is, the test reads it; a missing one fails the handshake.
            presented = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return presented is not null;
        });
        await tls.AuthenticateAsClientAsync("127.0.0.1");
        return presented ?? throw new InvalidOperationException("The box presented no certificate.");
    }
}
