namespace Appliance.Web.Updates;

/// <summary>The running firmware and, on an A/B box, both root slots.</summary>
/// <param name="RunningVersion">The version of the service answering this request.</param>
/// <param name="Slots">Both slots, the booted one first; empty when the box has no A/B slots
/// (a development machine or a container).</param>
/// <param name="Pending">The version installed into the other slot since this boot, which the
/// box starts at its next reboot; null when nothing was installed.</param>
public sealed record FirmwareStatus(string RunningVersion, IReadOnlyList<FirmwareSlot> Slots, string? Pending);
