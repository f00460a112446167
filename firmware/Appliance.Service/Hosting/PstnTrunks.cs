using System.Globalization;
using System.Net;
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
    /// <summary>
    /// Checks every Pstn:* setting and opens the card, before anything else of the box is made:
    /// the mistakes <see cref="ApplianceSettings.Load"/> found and those only the card's ports show
    /// (a span, FXO line or port it lacks, a route to a group that does not exist) are reported
    /// together, and on any of them the card is closed again.
    /// </summary>
    /// <returns>What <see cref="Start"/> needs, or null when neither a card nor a module is
    /// configured.</returns>
    /// <exception cref="ConfigurationException">Every key at fault, one problem each.</exception>
    public static PstnPlan? Prepare(ApplianceSettings settings, ILogger log)
    {
        var problems = new ConfigurationProblems();
        problems.AddRange(settings.PstnProblems);
        TelephonyCard? card = null;
        // A span with a mistake is left out of the card's URI, so the card still shows the rest.
        if (settings.PstnCard.Length > 0 && !problems.Has("Pstn:Card"))
        {
            try
            {
                card = OpenCard(settings.PstnCard, settings.PstnSpans, log);
            }
            catch (ConfigurationException ex)
            {
                // The card passes over options for a span it lacks, so a refusal here is about the
                // URI itself and its reason says what; spans are named by CheckSpans below.
                problems.Add(ex);
            }
        }

        var opened = card is not null || settings.PstnCard.Length == 0;
        IReadOnlyList<CardPort> cardPorts = card?.Ports() ?? [];
        if (opened)
        {
            CheckSpans(settings, cardPorts, problems);
            CheckFxoLines(settings.PstnFxo, cardPorts, problems);
        }

        var router = opened ? BuildRouter(settings, cardPorts, problems) : null;
        if (problems.Any)
        {
            card?.Dispose();
            problems.ThrowIfAny();
        }

        if (settings.PstnCard.Length == 0 && settings.PstnGsm.Count == 0)
        {
            return null;
        }

        if (card is not null)
        {
            SetEchoCancellers(card, settings.PstnFxo, log);
        }

        return new PstnPlan(card, router!);
    }

    /// <summary>Starts the gateway in front of the box's SIP port, on the card and modules
    /// <paramref name="plan"/> holds; null without a plan.</summary>
    /// <exception cref="ConfigurationException">The gateway's SIP port cannot be bound.</exception>
    public static PstnGateway? Start(
        PstnPlan? plan,
        ApplianceSettings settings,
        MediaClock clock,
        MediaPortAllocator rtpPorts,
        TimeProvider time,
        ILogger log,
        Stack<Func<ValueTask>> closers)
    {
        if (plan is null)
        {
            return null;
        }

        if (plan.Card is { } card)
        {
            closers.Push(() =>
            {
                card.Dispose();
                return ValueTask.CompletedTask;
            });
        }

        var modules = OpenModules(settings, time, log, closers);
        List<CardPort> ports = [.. plan.CardPorts, .. PstnGateway.ModulePorts(modules)];
        var lineDids = settings.PstnLineDid.Length == 0
            ? new Dictionary<int, string>()
            : ports.Where(p => p.Kind is not (PortKind.E1Pri or PortKind.E1R2))
                .ToDictionary(p => p.Port, _ => settings.PstnLineDid);
        for (var i = 0; i < settings.PstnGsm.Count; i++)
        {
            if (settings.PstnGsm[i].Did is { } did)
            {
                lineDids[PstnGateway.FirstModulePort + i] = did;
            }
        }

        var target = settings.SipBindAddress.Equals(IPAddress.Any) ? IPAddress.Loopback : settings.SipBindAddress;
        var box = new IPEndPoint(target, settings.SipPort);
        var upstream = PstnValues.UpstreamOf(settings.PstnUpstream);
        var options = new PstnGatewayOptions
        {
            SipBind = new IPEndPoint(IPAddress.Loopback, settings.PstnGatewaySipPort),
            Target = upstream ?? box,
            LocalFallback = upstream is null ? null : box,
            UpstreamAnswerWait = settings.PstnGatewayUpstreamAnswerWait,
            LocalFallbackDid = settings.PstnLocalFallbackDid.Length == 0 ? null : settings.PstnLocalFallbackDid,
            PortDids = lineDids,
            SipTrunks = PstnValues.SipTrunksOf(settings.PstnSipTrunks),
            QualifySipTrunks = settings.PstnSipTrunkQualify,
            FxoCallerId = PstnValues.CallerIdSignalsOf(settings.PstnFxoCallerId),
            FxoFromLineGainDb = settings.PstnFxoFromLineGainDb,
            FxoToLineGainDb = settings.PstnFxoToLineGainDb,
        };
        var gateway = new PstnGateway(plan.Card, plan.Router, options, clock, rtpPorts, time, log, modules);
        try
        {
            gateway.Start();
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new ConfigurationException(
                "Pstn:Gateway:SipPort", $"UDP {options.SipBind} cannot be bound ({ex.SocketErrorCode})");
        }

        closers.Push(gateway.DisposeAsync);
        return gateway;
    }

    /// <exception cref="ConfigurationException">The card cannot be opened.</exception>
    private static TelephonyCard OpenCard(string cardUri, IReadOnlyList<SpanSettings> spans, ILogger log)
    {
        var uri = SpanSettings.CardUri(cardUri, spans);
        try
        {
            return TelephonyCard.Open(uri, log);
        }
        catch (CardException ex)
        {
            // The library's reason names the option at fault (e1=abc, an unknown option).
            var reason = ex.Reason.Length > 0 ? ": " + ex.Reason : "";
            throw new ConfigurationException("Pstn:Card", $"{cardUri} cannot be opened ({ex.Status}){reason}");
        }
        catch (DllNotFoundException)
        {
            throw new ConfigurationException(
                "Pstn:Card", $"{cardUri} cannot be opened: the card library libsparkle_card is missing");
        }
    }

    /// <summary>Each Pstn:Spans:N must be an E1 span of the card: on the simulated card N is the
    /// span's port number, on DAHDI its DAHDI span number (the N of the port name dahdi-N-1).</summary>
    private static void CheckSpans(ApplianceSettings settings, IReadOnlyList<CardPort> ports, ConfigurationProblems problems)
    {
        var dahdi = settings.PstnCard.StartsWith("dahdi:", StringComparison.Ordinal);
        var spans = ports.Where(p => p.Kind is PortKind.E1Pri or PortKind.E1R2)
            .Select(p => dahdi ? DahdiSpanOf(p.Name) : p.Port)
            .ToList();
        foreach (var span in settings.PstnSpans.Where(s => !spans.Contains(s.Span)))
        {
            var have = settings.PstnCard.Length == 0
                ? "there is no card (Pstn:Card is not set)"
                : spans.Count == 0
                    ? "the card has no E1 spans"
                    : $"the card has {ConfigurationProblems.Count(spans.Count, "E1 span")}, numbered "
                      + string.Join(", ", spans.Select(n => n.ToString(CultureInfo.InvariantCulture)));
            problems.Add(
                $"Pstn:Spans:{span.Span.ToString(CultureInfo.InvariantCulture)}",
                $"span {span.Span.ToString(CultureInfo.InvariantCulture)} is not on the card: {have}");
        }
    }

    private static int DahdiSpanOf(string portName)
    {
        var parts = portName.Split('-');
        return parts.Length == 3 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var span) ? span : -1;
    }

    /// <summary>Each Pstn:Fxo:N must be one of the card's FXO ports, counted from 0.</summary>
    private static void CheckFxoLines(
        IReadOnlyList<FxoLineSettings> lines,
        IReadOnlyList<CardPort> ports,
        ConfigurationProblems problems)
    {
        var fxoPorts = ports.Where(p => p.Kind == PortKind.Fxo).ToList();
        foreach (var line in lines.Where(l => l.Index >= fxoPorts.Count))
        {
            var have = fxoPorts.Count == 0
                ? "the card has no FXO ports"
                : $"the card has {ConfigurationProblems.Count(fxoPorts.Count, "FXO port")}, "
                  + $"Pstn:Fxo:0 to Pstn:Fxo:{(fxoPorts.Count - 1).ToString(CultureInfo.InvariantCulture)}";
            problems.Add($"Pstn:Fxo:{line.Index.ToString(CultureInfo.InvariantCulture)}", have);
        }
    }

    /// <summary>The trunk groups and routes over the card's ports and the modules; each mistake
    /// goes to <paramref name="problems"/> under the key it is in.</summary>
    private static TrunkRouter? BuildRouter(
        ApplianceSettings settings,
        IReadOnlyList<CardPort> cardPorts,
        ConfigurationProblems problems)
    {
        foreach (var module in settings.PstnGsm)
        {
            if (cardPorts.Any(p => string.Equals(p.Name, module.Name, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"{module.Key}:Name", $"'{module.Name}' is a port of the card");
            }
        }

        // A line whose own form is wrong was reported already; checking it against the ports
        // would only say the same thing again in other words.
        if (problems.Has("Pstn:Groups") || problems.Has("Pstn:Routes") || problems.Has("Pstn:SipTrunks")
            || problems.Has("Pstn:Gsm"))
        {
            return null;
        }

        List<CardPort> ports = [.. cardPorts, .. PstnGateway.ModulePorts(settings.PstnGsm.Select(m => m.Name).ToList())];
        var moduleGroups = settings.PstnGsm.Where(m => m.Group is not null)
            .ToDictionary(m => m.Name, m => m.Group!, StringComparer.OrdinalIgnoreCase);
        var sipTrunks = PstnValues.SipTrunksOf(settings.PstnSipTrunks);
        var router = TrunkPlan.TryBuild(
            settings.PstnGroups, settings.PstnRoutes, ports, out var planProblems, moduleGroups, sipTrunks.Keys);
        foreach (var problem in planProblems)
        {
            var key = problem.Setting switch
            {
                TrunkPlanSetting.Groups => "Pstn:Groups",
                TrunkPlanSetting.SipTrunks => "Pstn:SipTrunks",
                TrunkPlanSetting.PortGroup => settings.PstnGsm.FirstOrDefault(m => string.Equals(
                    m.Name, problem.PortName, StringComparison.OrdinalIgnoreCase)) is { } module
                    ? $"{module.Key}:Group"
                    : "Pstn:Groups",
                _ => settings.PstnRoutes.Length == 0 ? "Pstn:Groups" : "Pstn:Routes",
            };
            problems.Add(key, problem.Message.TrimEnd('.'));
        }

        return router;
    }

    /// <summary>Gives each FXO line of Pstn:Fxo its echo canceller setting; every line is on the
    /// card (<see cref="Prepare"/> checked).</summary>
    private static void SetEchoCancellers(TelephonyCard card, IReadOnlyList<FxoLineSettings> lines, ILogger log)
    {
        var fxoPorts = card.Ports().Where(p => p.Kind == PortKind.Fxo).ToList();
        foreach (var line in lines)
        {
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
        TimeProvider time,
        ILogger log,
        Stack<Func<ValueTask>> closers)
    {
        var modules = new List<GsmTrunkModule>();
        for (var i = 0; i < settings.PstnGsm.Count; i++)
        {
            var module = settings.PstnGsm[i];
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
}
