using Appliance.Web.Prompts;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>
/// The prompts page's API over the folder the IVR plays from: list, upload (WAV or MP3, converted
/// to 8 kHz mono 16-bit WAV) and listen. A file that cannot be converted is refused naming field
/// <c>file</c> and leaves the folder as it was.
/// </summary>
internal static class PromptEndpoints
{
    /// <summary>Ten minutes of 44.1 kHz stereo is about 100 MB; a prompt is far shorter.</summary>
    public const long MaxUploadBytes = 20 * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder app, string? directory)
    {
        var admin = app.MapGroup("/api/admin/prompts").RequireAuthorization(Roles.AdminPolicy).WithTags("Admin");

        admin.MapGet("/", () => Results.Ok(List(directory)));
        admin.MapGet("/{name}/audio", (string name) =>
        {
            var path = directory is null ? null : Path.Combine(directory, name + ".wav");
            return IsName(name) && path is not null && File.Exists(path)
                ? Results.File(path, "audio/wav")
                : Results.NotFound();
        });
        admin.MapPost("/", (HttpContext http, AuditTrail audit) => UploadAsync(http, audit, directory))
            .AddEndpointFilter<CsrfFilter>();
    }

    /// <summary>The names of the prompts in <paramref name="directory"/> (none without one), as
    /// the prompts page lists them and the IVR plays them.</summary>
    public static IReadOnlySet<string> Names(string? directory) =>
        directory is null || !Directory.Exists(directory)
            ? new HashSet<string>(StringComparer.Ordinal)
            : Directory.EnumerateFiles(directory, "*.wav")
                .Select(Path.GetFileNameWithoutExtension)
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<object> List(string? directory) =>
        directory is null || !Directory.Exists(directory)
            ? []
            : Directory.EnumerateFiles(directory, "*.wav")
                .Order(StringComparer.Ordinal)
                .Select(path => new FileInfo(path))
                .Select(file => new
                {
                    name = Path.GetFileNameWithoutExtension(file.Name),
                    bytes = file.Length,
                    // 8000 samples of 2 bytes a second after a 44-byte header.
                    seconds = Math.Round(Math.Max(0, file.Length - 44) / 16000.0, 1),
                });

    private static async Task<IResult> UploadAsync(HttpContext http, AuditTrail audit, string? directory)
    {
        var errors = new FieldErrors();
        if (!http.Request.HasFormContentType)
        {
            errors.Add("file", "is required: send the form as multipart/form-data");
            return errors.ToResult();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var name = errors.Required("name", form["name"].ToString(), 40);
        Validators.Name(errors, "name", name);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            errors.Add("file", "is required: a WAV or MP3 file");
        }
        else if (file.Length > MaxUploadBytes)
        {
            errors.Add("file", $"is larger than {MaxUploadBytes / (1024 * 1024)} MB");
        }

        if (directory is null)
        {
            errors.Add("file", "cannot be stored: this box has no prompt folder");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        Directory.CreateDirectory(directory!);
        var upload = Path.Combine(directory!, $".upload-{Guid.NewGuid():N}");
        var converted = upload + ".wav";
        try
        {
            var stream = File.Create(upload);
            await using (stream.ConfigureAwait(false))
            {
                await file!.CopyToAsync(stream, http.RequestAborted).ConfigureAwait(false);
            }

            var problem = await new PromptConverter().ConvertAsync(upload, converted, http.RequestAborted)
                .ConfigureAwait(false);
            if (problem is not null)
            {
                errors.Add("file", problem);
                return errors.ToResult();
            }

            // A rename within the folder, so the IVR never reads a half-written prompt.
            File.Move(converted, Path.Combine(directory!, name + ".wav"), overwrite: true);
        }
        finally
        {
            File.Delete(upload);
            File.Delete(converted);
        }

        audit.Record(http, "prompt.uploaded", $"prompt {name} from {file!.FileName}");
        return Results.Ok(new { name });
    }

    private static bool IsName(string name) =>
        name.Length is > 0 and <= 40 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
