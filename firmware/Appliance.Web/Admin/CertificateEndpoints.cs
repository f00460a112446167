using System.Security.Cryptography;
using System.Text;
using Appliance.Web.Api;
using Appliance.Web.Hosting;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Admin;

/// <summary>
/// The certificate page's API: what the HTTPS listener presents, and its replacement by an
/// uploaded PEM certificate and key or PKCS#12 file, taken at the next TLS handshake. Mapped only
/// while HTTPS is on.
/// </summary>
internal static class CertificateEndpoints
{
    private const int MaxUploadBytes = 1_000_000;

    public static void Map(IEndpointRouteBuilder app, CertificateStore? certificates)
    {
        if (certificates is null)
        {
            return;
        }

        var admin = app.MapGroup("/api/admin/certificate").RequireAuthorization(Roles.AdminPolicy).WithTags("Admin");
        admin.MapGet("", () => Results.Ok(Describe(certificates)))
            .WithSummary("The HTTPS certificate in use: subject, issuer, validity, SHA-256 fingerprint");
        admin.MapPost("", (HttpContext http, AuditTrail audit, TimeProvider time) =>
                ReplaceAsync(http, certificates, audit, time))
            .AddEndpointFilter<CsrfFilter>()
            .WithSummary("Replaces the HTTPS certificate (multipart: certificate, key, password)");
    }

    private static object Describe(CertificateStore certificates)
    {
        var current = certificates.Current;
        return new
        {
            subject = current.Subject,
            issuer = current.Issuer,
            notBeforeUtc = current.NotBefore.ToUniversalTime(),
            notAfterUtc = current.NotAfter.ToUniversalTime(),
            sha256 = current.GetCertHashString(HashAlgorithmName.SHA256),
            selfSigned = current.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData),
        };
    }

    private static async Task<IResult> ReplaceAsync(
        HttpContext http,
        CertificateStore certificates,
        AuditTrail audit,
        TimeProvider time)
    {
        var errors = new FieldErrors();
        if (!http.Request.HasFormContentType)
        {
            errors.Add("certificate", "is required: send the form as multipart/form-data");
            return errors.ToResult();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var certificate = await ReadAsync(form.Files.GetFile("certificate"), http.RequestAborted).ConfigureAwait(false);
        var key = await ReadAsync(form.Files.GetFile("key"), http.RequestAborted).ConfigureAwait(false);
        if (certificate is null)
        {
            errors.Add("certificate", $"is required: a PEM certificate or a .pfx file of at most {MaxUploadBytes / 1000} kB");
            return errors.ToResult();
        }

        // A PEM file starts with its armour; anything else is taken for PKCS#12.
        var pem = LooksLikePem(certificate);
        if (pem && key is null && !Encoding.ASCII.GetString(certificate).Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            errors.Add("key", "is required with a PEM certificate: its PEM private key");
            return errors.ToResult();
        }

        var now = time.GetUtcNow();
        var refusal = pem
            ? certificates.ReplacePem(
                Encoding.ASCII.GetString(certificate),
                Encoding.ASCII.GetString(key ?? certificate),
                now)
            : certificates.Replace(certificate, form["password"].ToString(), now);
        if (refusal is not null)
        {
            errors.Add(refusal.Field, refusal.Message);
            return errors.ToResult();
        }

        var current = certificates.Current;
        audit.Record(
            http,
            "certificate.replaced",
            $"{current.Subject} from {current.Issuer}, SHA-256 {current.GetCertHashString(HashAlgorithmName.SHA256)}");
        return Results.Ok(Describe(certificates));
    }

    private static async Task<byte[]?> ReadAsync(IFormFile? file, CancellationToken cancel)
    {
        if (file is null || file.Length == 0 || file.Length > MaxUploadBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancel).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static bool LooksLikePem(byte[] content) =>
        Encoding.ASCII.GetString(content, 0, Math.Min(content.Length, 4096)).Contains("-----BEGIN ", StringComparison.Ordinal);
}
