using Appliance.Sip.Trunks;
using Appliance.Web.Trunks;

namespace Appliance.Service.SipTrunks;

/// <summary>
/// <c>/api/trunks</c> with the carrier trunks added to what the PSTN view gives, or alone when the
/// box has no telephony card. States are lower-case names, as the PSTN view's.
/// </summary>
internal sealed class CarrierTrunkStatusView : ITrunkStatusView
{
    private readonly ITrunkStatusView? _pstn;
    private readonly IReadOnlyList<CarrierTrunk> _trunks;
    private readonly TimeProvider _time;

    public CarrierTrunkStatusView(ITrunkStatusView? pstn, IReadOnlyList<CarrierTrunk> trunks, TimeProvider time)
    {
        _pstn = pstn;
        _trunks = trunks;
        _time = time;
    }

    /// <summary>The PSTN view alone without carrier trunks, this view otherwise, or null for neither.</summary>
    public static ITrunkStatusView? Over(
        ITrunkStatusView? pstn,
        IReadOnlyList<CarrierTrunk> trunks,
        TimeProvider time) =>
        trunks.Count == 0 ? pstn : new CarrierTrunkStatusView(pstn, trunks, time);

    public LiveTrunks Now()
    {
        var live = _pstn?.Now() ?? new LiveTrunks(_time.GetUtcNow(), UpstreamReachable: false, [], [], []);
        return live with { SipTrunks = [.. _trunks.Select(t => ToLive(t.Status()))] };
    }

    internal static LiveSipTrunk ToLive(CarrierTrunkStatus status)
    {
        var registration = status.Registration;
        return new LiveSipTrunk(
            status.Name,
            status.Host,
            status.Reachable,
            registration is null ? "none" : registration.State.ToString().ToLowerInvariant(),
            registration?.Target?.ToString(),
            registration?.ExpiresUtc,
            registration?.LastStatus,
            registration?.LastError,
            [.. status.Servers.Select(s => new LiveSipTrunkServer(
                s.Target.EndPoint.ToString(),
                s.Qualify.Reachable,
                s.Qualify.LastRtt?.TotalMilliseconds,
                s.Qualify.SmoothedRtt?.TotalMilliseconds,
                s.Qualify.CheckedUtc))]);
    }
}
