using System.Net;
using Appliance.Drivers.CallerId;
using Appliance.Drivers.Cards;
using Appliance.Media.Engine;
using Appliance.Media.Rtp;
using Appliance.Service.Configuration;
using Appliance.Telephony.Trunks;
using Serilog;

namespace Appliance.Service.Hosting;

/// <summary>
/// Opens the telephony card named by Pstn:Card and starts the PSTN gateway in front of the box's
/// own SIP port, so card calls take the dial plan like calls from the loopback trunk. Every E1
/// span forms group "e1", FXO ports "fxo", GSM slots "gsm"; outbound numbers try them in that
/// order.
/// </summary>
internal static class PstnTrunks
{
    /// <returns>The running gateway, or null when no card is configured.</returns>
    /// <exception cref="ConfigurationException">The card cannot be opened.</exception>
    public static PstnGateway? Start(
        ApplianceSettings settings,
        MediaClock clock,
        MediaPortAllocator rtpPorts,
        TimeProvider time,
        ILogger log,
        Stack<Func<ValueTask>> closers)
    {
        if (settings.PstnCard.Length == 0)
        {
            return null;
        }

        TelephonyCard card;
        try
        {
            card = TelephonyCard.Open(settings.PstnCard, log);
        }
        catch (Exception ex) when (ex is CardException or DllNotFoundException)
        {
            throw new ConfigurationException("Pstn:Card", $"{settings.PstnCard} cannot be opened ({ex.Message})");
        }

        closers.Push(() =>
        {
            card.Dispose();
            return ValueTask.CompletedTask;
        });
        var ports = card.Ports();
        TrunkRouter router;
        try
        {
            router = TrunkPlan.Build(settings.PstnGroups, settings.PstnRoutes, ports);
        }
        catch (FormatException ex)
        {
            var key = settings.PstnRoutes.Length > 0 ? "Pstn:Routes" : "Pstn:Groups";
            throw new ConfigurationException(key, ex.Message);
        }

        var lineDids = settings.PstnLineDid.Length == 0
            ? new Dictionary<int, string>()
            : ports.Where(p => p.Kind != PortKind.E1Pri).ToDictionary(p => p.Port, _ => settings.PstnLineDid);
        var target = settings.SipBindAddress.Equals(IPAddress.Any) ? IPAddress.Loopback : settings.SipBindAddress;
        var box = new IPEndPoint(target, settings.SipPort);
        var upstream = UpstreamOf(settings.PstnUpstream);
        var options = new PstnGatewayOptions
        {
            Target = upstream ?? box,
            LocalFallback = upstream is null ? null : box,
            LocalFallbackDid = settings.PstnLocalFallbackDid.Length == 0 ? null : settings.PstnLocalFallbackDid,
            PortDids = lineDids,
            FxoCallerId = CallerIdSignalsOf(settings.PstnFxoCallerId),
            FxoFromLineGainDb = settings.PstnFxoFromLineGainDb,
            FxoToLineGainDb = settings.PstnFxoToLineGainDb,
        };
        var gateway = new PstnGateway(card, router, options, clock, rtpPorts, time, log);
        gateway.Start();
        closers.Push(gateway.DisposeAsync);
        return gateway;
    }

    private static IPEndPoint? UpstreamOf(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (!IPEndPoint.TryParse(text, out var endPoint) || endPoint.Port == 0)
        {
            throw new ConfigurationException("Pstn:Upstream", $"'{text}' is not address:port");
        }

        return endPoint;
    }

    private static CallerIdSignals CallerIdSignalsOf(string text)
    {
        var signals = CallerIdSignals.None;
        var words = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var word in words)
        {
            signals |= word.ToLowerInvariant() switch
            {
                "all" => CallerIdSignals.All,
                "none" => CallerIdSignals.None,
                "bell202" => CallerIdSignals.Bell202,
                "v23" => CallerIdSignals.V23,
                "dtmf" => CallerIdSignals.Dtmf,
                _ => throw new ConfigurationException(
                    "Pstn:FxoCallerId", $"'{word}' is not one of bell202, v23, dtmf, all, none"),
            };
        }

        return signals;
    }
}
