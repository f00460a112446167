namespace Appliance.Flash.Tests.Devices;

/// <summary>A fact that is skipped, with the reason, where loop devices cannot be attached.</summary>
public sealed class LoopDeviceFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> s_whyUnavailable = new(LoopDevice.WhyUnavailable);

    public LoopDeviceFactAttribute()
    {
        if (s_whyUnavailable.Value is { } reason)
        {
            Skip = reason;
        }
    }
}
