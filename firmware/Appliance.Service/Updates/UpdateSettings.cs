using Appliance.Service.Configuration;
using Microsoft.Extensions.Configuration;

namespace Appliance.Service.Updates;

/// <summary>
/// The <c>Update:</c> settings: <c>Update:SlotsFile</c>, where the image's boot script writes
/// what each root slot holds (default <c>/run/sparklecc/slots.env</c>; a box without it has no
/// A/B slots), and <c>Update:Rauc</c>, the RAUC program that checks and installs bundles.
/// </summary>
internal sealed class UpdateSettings
{
    /// <summary>Every key this class reads, for the unknown-key warning.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["Update:SlotsFile", "Update:Rauc"];

    public required string SlotsFile { get; init; }

    public required string Rauc { get; init; }

    /// <summary>Where uploaded bundles wait to be installed: the data partition.</summary>
    public required string UploadDirectory { get; init; }

    /// <exception cref="ConfigurationException">A value is empty; the key is named.</exception>
    public static UpdateSettings Load(IConfiguration configuration, ApplianceSettings settings)
    {
        var read = new ConfigurationReader(configuration);
        return new UpdateSettings
        {
            SlotsFile = read.String("Update:SlotsFile", "/run/sparklecc/slots.env"),
            Rauc = read.String("Update:Rauc", "rauc"),
            UploadDirectory = Path.Combine(settings.DataDirectory, "updates"),
        };
    }
}
