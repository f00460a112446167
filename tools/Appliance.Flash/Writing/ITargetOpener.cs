using Appliance.Flash.Devices;

namespace Appliance.Flash.Writing;

/// <summary>
/// Opens the target for <see cref="ImageWriter"/>. It is the fault-injection seam: tests hand in
/// streams that fail part way, as a pulled card does. The writer owns and disposes the streams.
/// </summary>
internal interface ITargetOpener
{
    Stream OpenWrite(FlashTarget target);

    Stream OpenRead(FlashTarget target);

    /// <summary>
    /// Makes written bytes durable and drops them from the page cache, so the read-back reads the
    /// medium.
    /// </summary>
    void Settle(Stream written);
}
