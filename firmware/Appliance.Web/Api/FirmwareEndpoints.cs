using Appliance.Web.Security;
using Appliance.Web.Updates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Serilog;

namespace Appliance.Web.Api;

/// <summary>
/// The admin's firmware page: which version runs, what each root slot holds, and the upload of an
/// update bundle, which the box checks and writes into the slot it is not running from.
/// </summary>
internal static class FirmwareEndpoints
{
    /// <summary>A bundle holds a whole root file system; a slot is 1 GiB.</summary>
    private const long MaxBundleBytes = 1L << 30;

    /// <summary>One install at a time: RAUC refuses a second anyway, but later and less clearly.</summary>
    private static readonly SemaphoreSlim s_installing = new(1, 1);

    public static void Map(IEndpointRouteBuilder app, IFirmwareUpdates? updates, ILogger log)
    {
        var admin = app.MapGroup("/api/admin/firmware").RequireAuthorization(Roles.AdminPolicy).WithTags("Admin");

        admin.MapGet("/", () => Results.Ok(updates?.Status() ?? new FirmwareStatus(Version(), [], null)));
        admin.MapPost("/update", (HttpContext http, AuditTrail audit) =>
                InstallAsync(http, updates, audit, log))
            .AddEndpointFilter<CsrfFilter>();
    }

    /// <summary>The body is the bundle itself (application/octet-stream), streamed to the data
    /// partition: a form upload would be buffered in /tmp, which is memory on the box.</summary>
    private static async Task<IResult> InstallAsync(
        HttpContext http,
        IFirmwareUpdates? updates,
        AuditTrail audit,
        ILogger log)
    {
        var errors = new FieldErrors();
        if (updates is null || updates.Status().Slots.Count == 0)
        {
            return Results.Problem(
                title: "This box has no update slots",
                detail: "Updates install into the other root slot of a box flashed with the SparkleCC image.",
                statusCode: StatusCodes.Status409Conflict);
        }

        if (http.Request.ContentLength is null or 0 || http.Request.ContentLength > MaxBundleBytes)
        {
            errors.Add("bundle", "is required: a .raucb update bundle of at most 1 GiB");
            return errors.ToResult();
        }

        if (!await s_installing.WaitAsync(0, http.RequestAborted).ConfigureAwait(false))
        {
            return Results.Problem(
                title: "An update is being installed already",
                statusCode: StatusCodes.Status409Conflict);
        }

        var path = Path.Combine(updates.UploadDirectory, $"upload-{Guid.NewGuid():N}.raucb");
        try
        {
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxBundleBytes;
            }

            var saved = await SaveAsync(http, path).ConfigureAwait(false);
            if (saved is not null)
            {
                errors.Add("bundle", saved);
                return errors.ToResult();
            }

            var outcome = await updates.InstallAsync(path, http.RequestAborted).ConfigureAwait(false);
            if (!outcome.Installed)
            {
                audit.Record(http, "firmware.refused", outcome.Problem);
                errors.Add("bundle", $"was refused: {outcome.Problem}");
                return errors.ToResult();
            }

            audit.Record(http, "firmware.installed", $"{outcome.Version} into slot {outcome.Slot}");
            return Results.Ok(outcome);
        }
        finally
        {
            Delete(path, log);
            s_installing.Release();
        }
    }

    /// <returns>Null when saved, else what went wrong in words for the admin.</returns>
    private static async Task<string?> SaveAsync(HttpContext http, string path)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var file = new FileStream(
                path,
                FileMode.CreateNew,
                FileAccess.Write,
                FileShare.None,
                1 << 16,
                useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                await http.Request.Body.CopyToAsync(file, http.RequestAborted).ConfigureAwait(false);
            }

            return null;
        }
        catch (BadHttpRequestException ex)
        {
            return $"did not arrive whole ({ex.Message})";
        }
        catch (IOException ex)
        {
            return $"could not be stored on the data partition ({ex.Message})";
        }
    }

    private static void Delete(string path, ILogger log)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            log.Warning("Uploaded bundle {BundlePath} could not be deleted: {Reason}", path, ex.Message);
        }
    }

    private static string Version() =>
        typeof(FirmwareEndpoints).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>()
            .FirstOrDefault()?.InformationalVersion ?? "unknown";
}
