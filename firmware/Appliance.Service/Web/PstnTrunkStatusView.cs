using Appliance.Drivers.Cards;
using Appliance.Drivers.Gsm;
using Appliance.Telephony.Trunks;
using Appliance.Web.Trunks;

namespace Appliance.Service.Web;

/// <summary>The PSTN gateway's snapshot in the web's words: kinds, alarms and channel states as
/// lower-case names, so the JSON does not change when an enum gains a member.</summary>
internal sealed class PstnTrunkStatusView : ITrunkStatusView
{
    private readonly Func<TrunkStatusSnapshot> _snapshot;

    public PstnTrunkStatusView(Func<TrunkStatusSnapshot> snapshot)
    {
        _snapshot = snapshot;
    }

    public LiveTrunks Now()
    {
        var snapshot = _snapshot();

        return new LiveTrunks(
            snapshot.TakenUtc,
            snapshot.UpstreamReachable,
            [.. snapshot.Groups.Select(g => new LiveTrunkGroup(
                g.Name,
                g.Kind == TrunkGroupKind.Sip ? "sip" : "pstn",
                g.InService,
                g.FreeChannels,
                g.BusyChannels))],
            [.. snapshot.Ports.Select(p => new LiveTrunkPort(
                p.Port,
                p.Name,
                KindName(p.Kind),
                p.Group,
                p.Channels,
                p.BusyChannels,
                p.InService,
                AlarmNames(p.Alarms),
                p.Module is { } module ? ModuleOf(module) : null))],
            [.. snapshot.Channels.Select(c => new LiveTrunkChannel(
                c.Port, c.PortName, c.Channel, StateName(c.State), c.CallId))]);
    }

    private static LiveGsmModule ModuleOf(GsmModuleState module) => new(
        module.Started,
        module.Responding,
        module.Status.Registration switch
        {
            GsmRegistration.Home => "home",
            GsmRegistration.Roaming => "roaming",
            GsmRegistration.Searching => "searching",
            GsmRegistration.Denied => "denied",
            GsmRegistration.NotRegistered => "not-registered",
            _ => "unknown",
        },
        module.Status.SignalDbm,
        module.Status.Operator,
        module.Status.Imei,
        module.Resets);

    internal static string KindName(PortKind kind) => kind switch
    {
        PortKind.E1Pri => "e1",
        PortKind.E1R2 => "r2",
        PortKind.Fxo => "fxo",
        PortKind.Gsm => "gsm",
        _ => "unknown",
    };

    internal static IReadOnlyList<string> AlarmNames(PortAlarms alarms)
    {
        var names = new List<string>();
        Add(PortAlarms.LossOfSignal, "LOS");
        Add(PortAlarms.AlarmIndication, "AIS");
        Add(PortAlarms.RemoteAlarm, "RAI");
        Add(PortAlarms.NoBattery, "no-battery");
        Add(PortAlarms.DChannelDown, "d-channel-down");
        return names;

        void Add(PortAlarms flag, string name)
        {
            if (alarms.HasFlag(flag))
            {
                names.Add(name);
            }
        }
    }

    private static string StateName(TrunkChannelState state) => state switch
    {
        TrunkChannelState.Offered => "offered",
        TrunkChannelState.Ringing => "ringing",
        TrunkChannelState.Dialling => "dialling",
        _ => "connected",
    };
}
