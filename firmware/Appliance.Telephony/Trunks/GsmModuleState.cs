using Appliance.Drivers.Gsm;

namespace Appliance.Telephony.Trunks;

/// <summary>
/// A GSM/4G module as the trunk status shows it. <see cref="Started"/> is false until the module
/// came through its start-up (SIM unlocked, caller numbers on); <see cref="Responding"/> is false
/// from a command it left unanswered until it answers again or comes back from a reset.
/// </summary>
public sealed record GsmModuleState(bool Started, bool Responding, GsmStatus Status, int Resets)
{
    /// <summary>The module can carry a call: started, answering and registered on a network.</summary>
    public bool InService => Started && Responding && Status.Registered;
}
