using Appliance.Web.Updates;

namespace Appliance.Service.Updates;

/// <summary>
/// Reads the file the image's <c>sparklecc-slots</c> unit writes at boot and after the slot is
/// marked good: <c>KEY=value</c> lines naming the booted slot and, per slot, the version found on
/// it and its boot status. It is written by root because the service may neither read the other
/// slot's partition nor ask the boot loader.
/// </summary>
/// <example><code>
/// BOOTED=A
/// SLOT_A_VERSION=0.1.41-alpha
/// SLOT_A_HEALTH=good
/// SLOT_B_VERSION=
/// SLOT_B_HEALTH=bad
/// </code></example>
internal static class SlotsFile
{
    private static readonly string[] s_names = ["A", "B"];

    /// <returns>Both slots, the booted one first; empty when the file is missing or names no
    /// booted slot (the box has no A/B slots).</returns>
    public static IReadOnlyList<FirmwareSlot> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && !line.StartsWith('#'))
            {
                values[line[..equals].Trim()] = line[(equals + 1)..].Trim();
            }
        }

        if (!values.TryGetValue("BOOTED", out var booted) || !s_names.Contains(booted))
        {
            return [];
        }

        return s_names
            .Select(name => new FirmwareSlot(
                name,
                Value(values, $"SLOT_{name}_VERSION"),
                Health(Value(values, $"SLOT_{name}_HEALTH")),
                name == booted))
            .OrderByDescending(slot => slot.Booted)
            .ToList();
    }

    private static string Health(string? health) => health is "good" or "bad" ? health : "unknown";

    private static string? Value(Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
}
