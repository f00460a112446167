using System.Net;
using Appliance.Drivers.CallerId;
using Appliance.Media.Detection;

namespace Appliance.Telephony.Trunks;

/// <summary>Where the PSTN gateway sends the calls it takes from the card, and how it labels
/// them.</summary>
public sealed class PstnGatewayOptions
{
    /// <summary>The gateway's own SIP socket (loopback by default).</summary>
    public IPEndPoint SipBind { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>The SIP side calls are handed to: the box's own SIP port, or an upstream core.</summary>
    public required IPEndPoint Target { get; init; }

    /// <summary>
    /// Where inbound calls go while <see cref="Target"/> does not answer OPTIONS; null keeps them on
    /// the target. Usually the box's own SIP port when the target is an upstream core.
    /// </summary>
    public IPEndPoint? LocalFallback { get; init; }

    /// <summary>The DID that stands for the called number while on the local fallback, if it
    /// differs (for example the DID of an apology IVR).</summary>
    public string? LocalFallbackDid { get; init; }

    /// <summary>
    /// How long an inbound INVITE to <see cref="Target"/> may go without any response, not even
    /// 100 Trying, before the call is retried on <see cref="LocalFallback"/> and the target is
    /// taken as down; far shorter than Timer B (32 s), which a caller would not wait out.
    /// </summary>
    public TimeSpan UpstreamAnswerWait { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>The address RTP binds to and that the gateway's SDP names.</summary>
    public IPAddress MediaAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The DID of a port whose calls carry no called number (FXO lines, GSM slots).</summary>
    public IReadOnlyDictionary<int, string> PortDids { get; init; } = new Dictionary<int, string>();

    /// <summary>SIP trunks that outbound routes may name as trunk groups: name to carrier
    /// address.</summary>
    public IReadOnlyDictionary<string, IPEndPoint> SipTrunks { get; init; } = new Dictionary<string, IPEndPoint>();

    /// <summary>Whether OPTIONS asks the SIP trunks too, every <see cref="QualifyInterval"/>; a trunk
    /// that does not answer is passed over. Off for carriers that ignore OPTIONS.</summary>
    public bool QualifySipTrunks { get; init; } = true;

    /// <summary>How often OPTIONS asks whether <see cref="Target"/> is up.</summary>
    public TimeSpan QualifyInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The caller-ID signals FXO lines are listened for before their call is offered;
    /// <see cref="CallerIdSignals.None"/> offers at the first ring.</summary>
    public CallerIdSignals FxoCallerId { get; init; } = CallerIdSignals.All;

    /// <summary>How long an FXO call waits for its caller ID when the second ring does not come
    /// first.</summary>
    public TimeSpan FxoCallerIdTimeout { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Gain in dB on what FXO lines send (a long loop loses 6 dB or more), -24 to +24.</summary>
    public double FxoFromLineGainDb { get; init; }

    /// <summary>Gain in dB on what goes to FXO lines, -24 to +24.</summary>
    public double FxoToLineGainDb { get; init; }

    /// <summary>Busy tones that clear a connected FXO call (the far party hung up); empty
    /// disables the check.</summary>
    public IReadOnlyList<BusyToneSpec> FxoBusyTones { get; init; } = DefaultBusyTones;

    /// <summary>Congestion tones that clear a connected FXO call, by default those of the CN, US,
    /// UK and EU plans (<see cref="CadenceToneSpec.Congestion"/>); empty disables the check.</summary>
    public IReadOnlyList<CadenceToneSpec> FxoCongestionTones { get; init; } = CadenceToneSpec.Congestion;

    /// <summary>The Media room's common busy tones and China's (450 Hz, 0.35 s on, 0.35 s off),
    /// since Chinese exchanges often clear an analog line with tone only.</summary>
    public static IReadOnlyList<BusyToneSpec> DefaultBusyTones { get; } =
    [
        .. BusyToneSpec.Common,
        new BusyToneSpec("china", [450], TimeSpan.FromMilliseconds(350), TimeSpan.FromMilliseconds(350)),
    ];
}
