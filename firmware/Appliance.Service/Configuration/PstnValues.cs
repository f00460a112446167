using System.Net;
using Appliance.Drivers.CallerId;

namespace Appliance.Service.Configuration;

/// <summary>
/// Reads the PSTN settings that are one line of text (SIP trunks, the upstream core, caller-ID
/// signals); the same code checks them at start-up and gives the gateway their values.
/// </summary>
internal static class PstnValues
{
    /// <summary>Pstn:SipTrunks, <c>name=address:port; name=address:port</c>.</summary>
    /// <exception cref="ConfigurationException">An entry is malformed or a name repeats.</exception>
    public static Dictionary<string, IPEndPoint> SipTrunksOf(string text)
    {
        var trunks = new Dictionary<string, IPEndPoint>(StringComparer.Ordinal);
        foreach (var entry in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? string.Empty : entry[..equals].Trim();
            var address = equals < 0 ? string.Empty : entry[(equals + 1)..].Trim();
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                throw new ConfigurationException("Pstn:SipTrunks", $"'{entry}' is not name=address:port");
            }

            if (!IPEndPoint.TryParse(address, out var endPoint) || endPoint.Port == 0)
            {
                throw new ConfigurationException("Pstn:SipTrunks", $"'{address}' of trunk '{name}' is not address:port");
            }

            if (!trunks.TryAdd(name, endPoint))
            {
                throw new ConfigurationException("Pstn:SipTrunks", $"trunk '{name}' is given twice");
            }
        }

        return trunks;
    }

    /// <summary>Pstn:Upstream, <c>address:port</c>; null when empty.</summary>
    /// <exception cref="ConfigurationException">It is not an IP address and a port.</exception>
    public static IPEndPoint? UpstreamOf(string text)
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

    /// <summary>Pstn:FxoCallerId, a comma list of bell202, v23, dtmf, or all, or none.</summary>
    /// <exception cref="ConfigurationException">A word is none of those.</exception>
    public static CallerIdSignals CallerIdSignalsOf(string text)
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
