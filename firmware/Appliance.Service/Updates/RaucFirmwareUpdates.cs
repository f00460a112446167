using Appliance.Service.Hosting;
using Appliance.Web.Updates;
using Serilog;

namespace Appliance.Service.Updates;

/// <summary>
/// The box's firmware slots over RAUC: the slots as the boot script recorded them, and bundles
/// checked (<c>rauc info</c>, which verifies the signature against the box's keyring) and then
/// installed (<c>rauc install</c>, through the RAUC service) into the slot not running.
/// </summary>
internal sealed class RaucFirmwareUpdates : IFirmwareUpdates
{
    private static readonly TimeSpan s_checkTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Writing a 1 GiB slot on a slow card takes minutes.</summary>
    private static readonly TimeSpan s_installTimeout = TimeSpan.FromMinutes(30);

    private readonly UpdateSettings _settings;
    private readonly RaucCommand _rauc;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private (string Slot, string Version)? _pending;

    public RaucFirmwareUpdates(UpdateSettings settings, ILogger log)
    {
        _settings = settings;
        _rauc = new RaucCommand(settings.Rauc);
        _log = log.ForContext<RaucFirmwareUpdates>();
    }

    public string UploadDirectory => _settings.UploadDirectory;

    public FirmwareStatus Status()
    {
        var slots = SlotsFile.Read(_settings.SlotsFile);

        // The image's version (its release file) names what runs; the service's own version is
        // the fallback off the image.
        var running = slots.FirstOrDefault(slot => slot.Booted)?.Version ?? ApplianceVersion.Current;
        lock (_gate)
        {
            if (_pending is not { } pending)
            {
                return new FirmwareStatus(running, slots, null);
            }

            // The boot script read the slots before the install; the other slot now holds the bundle.
            var updated = slots
                .Select(slot => slot.Name == pending.Slot
                    ? slot with { Version = pending.Version, Health = "unknown" }
                    : slot)
                .ToList();
            return new FirmwareStatus(running, updated, pending.Version);
        }
    }

    /// <remarks>Once started, an install is not given up when the uploader goes away: the
    /// bundle is already on the box and RAUC would go on writing anyway.</remarks>
    public async Task<UpdateOutcome> InstallAsync(string bundlePath, CancellationToken cancellationToken)
    {
        var other = Status().Slots.FirstOrDefault(slot => !slot.Booted)?.Name;
        if (other is null)
        {
            return new UpdateOutcome(false, null, null, "this box has no second root slot");
        }

        RaucCommand.Result info;
        try
        {
            info = await _rauc
                .RunAsync(["info", "--output-format=shell", bundlePath], s_checkTimeout, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            _log.Error(
                "Update bundle cannot be checked: {Rauc} does not run ({Reason})",
                _settings.Rauc,
                ex.Message);
            return new UpdateOutcome(false, null, null, $"the updater {_settings.Rauc} cannot be run");
        }

        if (info.ExitCode != 0)
        {
            _log.Warning("Update bundle refused: {Reason}", info.Reason);
            return new UpdateOutcome(false, null, null, info.Reason);
        }

        var version = ShellValue(info.Output, "RAUC_MF_VERSION") ?? "unknown";
        _log.Information("Installing update {BundleVersion} into slot {Slot}", version, other);
        var install = await _rauc.RunAsync(["install", bundlePath], s_installTimeout, CancellationToken.None)
            .ConfigureAwait(false);
        if (install.ExitCode != 0)
        {
            _log.Error("Update {BundleVersion} was not installed: {Reason}", version, install.Reason);
            return new UpdateOutcome(false, version, null, install.Reason);
        }

        lock (_gate)
        {
            _pending = (other, version);
        }

        _log.Information(
            "Update {BundleVersion} installed into slot {Slot}; it starts at the next reboot",
            version,
            other);
        return new UpdateOutcome(true, version, other, null);
    }

    /// <summary>A value from RAUC's shell output (<c>KEY='value'</c>, quoted as the shell would).</summary>
    internal static string? ShellValue(string output, string key)
    {
        foreach (var line in output.Split('\n'))
        {
            if (!line.StartsWith(key + "=", StringComparison.Ordinal))
            {
                continue;
            }

            var value = line[(key.Length + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
            {
                value = value[1..^1].Replace("'\\''", "'", StringComparison.Ordinal);
            }

            return value.Length > 0 ? value : null;
        }

        return null;
    }
}
