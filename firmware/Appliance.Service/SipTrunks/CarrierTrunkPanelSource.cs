using System.Globalization;
using Appliance.Board.Panel;
using Appliance.Sip.Registration;
using Appliance.Sip.Trunks;

namespace Appliance.Service.SipTrunks;

/// <summary>
/// The front panel's trunk screens with the carrier trunks after the card's ports: a trunk whose
/// registration failed or whose servers all stopped answering OPTIONS is in alarm, and its detail
/// names the state and the server.
/// </summary>
internal sealed class CarrierTrunkPanelSource : ITrunkStatusSource
{
    private readonly ITrunkStatusSource? _card;
    private readonly IReadOnlyList<CarrierTrunk> _trunks;

    private CarrierTrunkPanelSource(ITrunkStatusSource? card, IReadOnlyList<CarrierTrunk> trunks)
    {
        _card = card;
        _trunks = trunks;
    }

    /// <summary>The card's source alone without carrier trunks, both otherwise, or null for neither.</summary>
    public static ITrunkStatusSource? Over(ITrunkStatusSource? card, IReadOnlyList<CarrierTrunk> trunks) =>
        trunks.Count == 0 ? card : new CarrierTrunkPanelSource(card, trunks);

    public IReadOnlyList<TrunkStatus> Trunks()
    {
        var list = new List<TrunkStatus>(_card?.Trunks() ?? []);
        foreach (var trunk in _trunks)
        {
            list.Add(ToPanel(trunk.Status()));
        }

        return list;
    }

    internal static TrunkStatus ToPanel(CarrierTrunkStatus status) => status.Registration switch
    {
        _ when !status.Reachable => new TrunkStatus(status.Name, "sip", InAlarm: true, "unreachable"),
        null => new TrunkStatus(status.Name, "sip", InAlarm: false, "no registration"),
        { State: SipRegistrationState.Registered } r => new TrunkStatus(
            status.Name,
            "sip",
            InAlarm: false,
            string.Create(CultureInfo.InvariantCulture, $"reg {r.Target}")),
        { State: SipRegistrationState.Failed } r => new TrunkStatus(
            status.Name,
            "sip",
            InAlarm: true,
            r.LastStatus is { } code
                ? string.Create(CultureInfo.InvariantCulture, $"reg failed {code}")
                : "reg failed"),
        _ => new TrunkStatus(status.Name, "sip", InAlarm: false, "registering"),
    };
}
