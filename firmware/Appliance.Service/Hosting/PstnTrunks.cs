using System.Net;
using Appliance.Drivers.CallerId;
using Appliance.Drivers.Cards;
using Appliance.Drivers.Gsm;
using Appliance.Media.Engine;
using Appliance.Media.Rtp;
using Appliance.Service.Configuration;
using Appliance.Service.Sms;
using Appliance.Storage;
using Appliance.Telephony.Trunks;
using Serilog;

namespace Appliance.Service.Hosting;

/// <summary>
/// Opens the telephony card named by Pstn:Card and starts the PSTN gateway in front of the box's
/// own SIP port, so card calls take the dial plan like calls from the loopback trunk. The GSM/4G
/// modules of Pstn:Gsm join the card's ports, each on its AT port and serial PCM port; a box with
/// modules and no Pstn:Card runs the gateway on the modules alone. A module's device that cannot
/// be opened leaves the module out of service while it is tried again every 30 s. Unless
/// Pstn:Groups says otherwise, every E1 span forms group "e1", FXO ports "fxo", GSM slots and
/// modules "gsm"; outbound numbers try them in that order.
/// </summary>
internal static class PstnTrunks
{
    /// <returns>The running gateway, or null when neither a card nor a module is configured.</returns>
    /// <exception cref="ConfigurationException">The card cannot be opened.</exception>
    public static PstnGateway? Start(
        ApplianceSettings settings,
        MediaClock clock,
        MediaPortAllocator rtpPorts,
        TimeProvider time,
        ILogger log,
        Stack<Func<ValueTask>> closers)
    {
        if (settings.PstnCard.Length == 0 && settings.PstnGsm.Count == 0)
        {
            return null;
        }

        var card = settings.PstnCard.Length == 0 ? null : OpenCard(settings, log, closers);
        IReadOnlyList<CardPort> cardPorts = card?.Ports() ?? [];
        var modules = OpenModules(settings, cardPorts, time, log, closers);
        List<CardPort> ports = [.. cardPorts, .. PstnGateway.ModulePorts(modules)];
        var moduleGroups = settings.PstnGsm.Where(m => m.Group is not null)
            .ToDictionary(m => m.Name, m => m.Group!, StringComparer.OrdinalIgnoreCase);
        var sipTrunks = SipTrunksOf(settings.PstnSipTrunks);
        TrunkRouter router;
        try
        {
            router = TrunkPlan.Build(settings.PstnGroups, settings.PstnRoutes, ports, moduleGroups, sipTrunks.Keys);
        }
        catch (FormatException ex)
        {
            var key = settings.PstnRoutes.Length > 0 ? "Pstn:Routes" : "Pstn:Groups";
            throw new ConfigurationException(key, ex.Message);
        }

        var lineDids = settings.PstnLineDid.Length == 0
            ? new Dictionary<int, string>()
            : ports.Where(p => p.Kind is not (PortKind.E1Pri or PortKind.E1R2)).ToDictionary(p => p.Port, _ => settings.PstnLineDid);
        for (var i = 0; i < settings.PstnGsm.Count; i++)
        {
            if (settings.PstnGsm[i].Did is { } did)
            {
                lineDids[PstnGateway.FirstModulePort + i] = did;
            }
        }

        var target = settings.SipBindAddress.Equals(IPAddress.Any) ? IPAddress.Loopback : settings.SipBindAddress;
        var box = new IPEndPoint(target, settings.SipPort);
        var upstream = UpstreamOf(settings.PstnUpstream);
        var options = new PstnGatewayOptions
        {
            Target = upstream ?? box,
            LocalFallback = upstream is null ? null : box,
            LocalFallbackDid = settings.PstnLocalFallbackDid.Length == 0 ? null : settings.PstnLocalFallbackDid,
            PortDids = lineDids,
            SipTrunks = sipTrunks,
            QualifySipTrunks = settings.PstnSipTrunkQualify,
            FxoCallerId = CallerIdSignalsOf(settings.PstnFxoCallerId),
            FxoFromLineGainDb = settings.PstnFxoFromLineGainDb,
            FxoToLineGainDb = settings.PstnFxoToLineGainDb,
        };
        var gateway = new PstnGateway(card, router, options, clock, rtpPorts, time, log, modules);
        gateway.Start();
        closers.Push(gateway.DisposeAsync);
        return gateway;
    }

    private static TelephonyCard OpenCard(ApplianceSettings settings, ILogger log, Stack<Func<ValueTask>> closers)
    {
        TelephonyCard card;
        var uri = SpanSettings.CardUri(settings.PstnCard, settings.PstnSpans);
        try
        {
            card = TelephonyCard.Open(uri, log);
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
        SetEchoCancellers(card, settings.PstnFxo, log);
        return card;
    }

    /// <summary>Gives each FXO line of Pstn:Fxo its echo canceller setting.</summary>
    /// <exception cref="ConfigurationException">The card has fewer FXO ports than a line names.</exception>
    private static void SetEchoCancellers(TelephonyCard card, IReadOnlyList<FxoLineSettings> lines, ILogger log)
    {
        var fxoPorts = card.Ports().Where(p => p.Kind == PortKind.Fxo).ToList();
        foreach (var line in lines)
        {
            if (line.Index >= fxoPorts.Count)
            {
                throw new ConfigurationException(
                    $"Pstn:Fxo:{line.Index}", $"the card has {fxoPorts.Count} FXO ports (numbered from 0)");
            }

            var port = fxoPorts[line.Index];
            card.SetEchoCanceller(port.Port, line.EchoCancel, line.EchoTailMs);
            log.Information(
                "FXO line {Port} echo canceller {EchoCancel} with a {EchoTailMs} ms tail",
                port.Name,
                line.EchoCancel ? "on" : "off",
                line.EchoTailMs);
        }
    }

    /// <summary>Stores and forwards the modules' text messages; null without a module.</summary>
    public static SmsStoreAndForward? StartSms(
        PstnGateway? gateway,
        ApplianceDatabase database,
        ApplianceSettings settings,
        TimeProvider time,
        ILogger log,
        Stack<Func<ValueTask>> closers)
    {
        if (gateway is not { Modules.Count: > 0 })
        {
            return null;
        }

        var sms = new SmsStoreAndForward(gateway, database, settings.PstnSmsRetry, time, log);
        closers.Push(sms.DisposeAsync);
        return sms;
    }

    /// <summary>Builds each module; the gateway starts it, and it opens its AT and voice ports then,
    /// so a device missing at boot is retried instead of stopping the service.</summary>
    private static List<GsmTrunkModule> OpenModules(
        ApplianceSettings settings,
        IReadOnlyList<CardPort> cardPorts,
        TimeProvider time,
        ILogger log,
        Stack<Func<ValueTask>> closers)
    {
        var modules = new List<GsmTrunkModule>();
        for (var i = 0; i < settings.PstnGsm.Count; i++)
        {
            var module = settings.PstnGsm[i];
            var key = $"Pstn:Gsm:{i}";
            if (cardPorts.Any(p => string.Equals(p.Name, module.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ConfigurationException($"{key}:Name", $"'{module.Name}' is a port of the card");
            }

            var modemOptions = new AtModemOptions
            {
                Pin = module.Pin,
                SmsMode = module.SmsMode,
                PartsTimeout = module.SmsPartsTimeout,
            };
            var devices = new GsmModuleDevices(
                module.Port,
                () => AtModem.OpenSerial(module.Port, module.BaudRate, modemOptions, time, log),
                module.VoicePort,
                () => GsmVoiceChannel.OpenSerial(module.VoicePort, module.VoiceBaudRate, log));
            var trunkModule = new GsmTrunkModule(module.Name, devices, module.Style, time, log);
            closers.Push(trunkModule.DisposeAsync);
            modules.Add(trunkModule);
        }

        return modules;
    }

    private static Dictionary<string, IPEndPoint> SipTrunksOf(string text)
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
