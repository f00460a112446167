using System.Globalization;
using Appliance.Board.Panel;
using Appliance.Drivers.Cards;
using Appliance.Telephony.Trunks;

namespace Appliance.Service.Board;

/// <summary>
/// The telephony card's spans, ports and modules as the front panel's trunk screens and alarm LED
/// show them, read from the PSTN gateway's snapshot.
/// </summary>
internal sealed class PstnTrunkStatusSource : ITrunkStatusSource
{
    private readonly Func<TrunkStatusSnapshot> _snapshot;

    public PstnTrunkStatusSource(Func<TrunkStatusSnapshot> snapshot)
    {
        _snapshot = snapshot;
    }

    public IReadOnlyList<TrunkStatus> Trunks() =>
        [.. _snapshot().Ports.Select(ToStatus)];

    internal static TrunkStatus ToStatus(TrunkPortStatus port)
    {
        var kind = port.Kind switch
        {
            PortKind.E1Pri or PortKind.E1R2 => "span",
            PortKind.Gsm => "module",
            _ => "port",
        };
        var detail = port.Module is { } module ? ModuleText(module, port.BusyChannels > 0)
            : port.InService ? $"up {port.BusyChannels}/{port.Channels} busy"
            : AlarmText(port.Alarms);
        return new TrunkStatus(port.Name, kind, !port.InService, detail);
    }

    /// <summary>What a technician asks of a module first: does it answer, is it on a network, how
    /// strong is the signal.</summary>
    private static string ModuleText(GsmModuleState module, bool busy) =>
        !module.Responding ? "not answering"
        : !module.Started ? "starting"
        : !module.Status.Registered ? $"no network: {module.Status.Registration}"
        : string.Create(
            CultureInfo.InvariantCulture,
            $"{module.Status.Operator} {module.Status.SignalDbm?.ToString(CultureInfo.InvariantCulture) ?? "?"}dBm")
            + (busy ? " busy" : string.Empty);

    /// <summary>The alarm a technician reads first: signal lost (red) before AIS (blue) before the
    /// far end's (yellow).</summary>
    private static string AlarmText(PortAlarms alarms) =>
        alarms.HasFlag(PortAlarms.LossOfSignal) ? "RED: no signal"
        : alarms.HasFlag(PortAlarms.AlarmIndication) ? "BLUE: AIS"
        : alarms.HasFlag(PortAlarms.RemoteAlarm) ? "YELLOW: remote"
        : alarms.HasFlag(PortAlarms.NoBattery) ? "no line battery"
        : alarms.HasFlag(PortAlarms.DChannelDown) ? "D channel down"
        : "alarm";
}
