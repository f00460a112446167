namespace Appliance.Media.Detection;

/// <summary>
/// One country's busy tone: one or two frequencies on and off in a cadence. The detector keeps
/// its own short list (<see cref="Common"/>) so it depends on no other tone table.
/// </summary>
public sealed record BusyToneSpec(string Name, IReadOnlyList<double> Hertz, TimeSpan On, TimeSpan Off)
{
    /// <summary>North America (480 + 620 Hz, 0.5 s on, 0.5 s off), Europe (425 Hz, 0.5/0.5),
    /// the UK (400 Hz, 0.375/0.375) and China (450 Hz, 0.35/0.35).</summary>
    public static IReadOnlyList<BusyToneSpec> Common { get; } =
    [
        new("north-america", [480, 620], TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500)),
        new("europe", [425], TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500)),
        new("uk", [400], TimeSpan.FromMilliseconds(375), TimeSpan.FromMilliseconds(375)),
        new("china", [450], TimeSpan.FromMilliseconds(350), TimeSpan.FromMilliseconds(350)),
    ];
}
