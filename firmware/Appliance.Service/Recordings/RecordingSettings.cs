using Appliance.Service.Configuration;
using Appliance.Storage.Recordings;

namespace Appliance.Service.Recordings;

/// <summary>
/// Reads the retention keys: <c>Recording:RetentionDays</c> (0, the default, keeps recordings
/// for ever), <c>Recording:MaxDiskMegabytes</c> (0, the default, sets no cap) and
/// <c>Recording:RetentionInterval</c> (how often they are applied, one hour by default).
/// </summary>
internal static class RecordingSettings
{
    /// <exception cref="ConfigurationException">A key is not a number or out of range.</exception>
    public static RecordingRetentionPolicy Load(ConfigurationReader read)
    {
        var days = read.Int("Recording:RetentionDays", 0, 0, 36500);
        var megabytes = read.Int("Recording:MaxDiskMegabytes", 0, 0, int.MaxValue);
        var interval = read.Duration(
            "Recording:RetentionInterval",
            TimeSpan.FromHours(1),
            TimeSpan.FromMinutes(1),
            TimeSpan.FromDays(1));

        return new RecordingRetentionPolicy
        {
            MaxAge = days == 0 ? null : TimeSpan.FromDays(days),
            MaxBytes = megabytes == 0 ? null : megabytes * 1024L * 1024L,
            Interval = interval,
        };
    }
}
