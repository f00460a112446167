using Appliance.Drivers.Cards;
using Appliance.Drivers.Gsm;
using Appliance.Drivers.Signalling;

namespace Appliance.Telephony.Trunks;

/// <summary>
/// GSM/4G modules driven by AT commands: a +CLIP call is offered like an FXO call, an outbound
/// call to a module dials with ATD, clearing is AT+CHUP or the module's NO CARRIER, the agent's
/// RFC 4733 digits go to the network with AT+VTS, and voice crosses the module's serial PCM
/// channel. AT commands run off the mailbox and post their outcome back, so a slow module
/// never holds up the card's calls.
/// </summary>
public sealed partial class PstnGateway
{
    /// <summary>The port number of the first GSM module; the next ones follow in order.</summary>
    public const int FirstModulePort = 100;

    private readonly IReadOnlyList<GsmTrunkModule> _modules;
    private readonly Dictionary<int, GsmTrunkModule> _modulesByPort = [];
    private readonly List<Task> _modulePumps = [];

    /// <summary>The GSM modules, in port order.</summary>
    public IReadOnlyList<GsmTrunkModule> Modules => _modules;

    /// <summary>Raised on the gateway's mailbox for each text message a module received.</summary>
    public event Action<GsmTrunkModule, GsmEvent>? SmsReceived;

    /// <summary>
    /// The modules as ports, for <see cref="TrunkPlan"/>: kind GSM, one channel each, numbered from
    /// <see cref="FirstModulePort"/> in the order given.
    /// </summary>
    public static IReadOnlyList<CardPort> ModulePorts(IReadOnlyList<GsmTrunkModule> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        return ModulePorts([.. modules.Select(m => m.Name)]);
    }

    /// <summary>The ports modules of these names will have, in order, before any is made (for
    /// checking trunk groups at start-up).</summary>
    public static IReadOnlyList<CardPort> ModulePorts(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return [.. names.Select((name, i) => new CardPort(
            FirstModulePort + i, name, PortKind.Gsm, 1, CompandingLaw.ALaw, PortAlarms.None, 0))];
    }

    private void StartModules()
    {
        for (var i = 0; i < _modules.Count; i++)
        {
            var module = _modules[i];
            var port = FirstModulePort + i;
            _modulesByPort[port] = module;
            _modulePumps.Add(PumpModuleEventsAsync(module, port, _stop.Token));
            if (module.State is { Started: false })
            {
                module.Start();
            }
        }
    }

    private async Task StopModulesAsync()
    {
        foreach (var pump in _modulePumps)
        {
            await pump.ConfigureAwait(false);
        }
    }

    private IEnumerable<TrunkPortStatus> ModuleStatuses()
    {
        foreach (var (port, module) in _modulesByPort)
        {
            var busy = _byChannel.ContainsKey((port, 1)) ? 1 : 0;
            yield return new TrunkPortStatus(
                port, module.Name, PortKind.Gsm, _router.GroupOfPort(port)?.Name, 1, busy, PortAlarms.None)
            {
                Module = module.State,
            };
        }
    }

    private async Task PumpModuleEventsAsync(GsmTrunkModule module, int port, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in module.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                _mailbox.Post(() => OnModuleEventAsync(module, port, e));
            }
        }
        catch (OperationCanceledException)
        {
            // The gateway is stopping.
        }
    }

    private async ValueTask OnModuleEventAsync(GsmTrunkModule module, int port, GsmEvent e)
    {
        _byChannel.TryGetValue((port, 1), out var leg);
        switch (e.Kind)
        {
            case GsmEventKind.IncomingCall when leg is null:
                await OfferModuleCallAsync(module, port, e.Number).ConfigureAwait(false);
                break;
            case GsmEventKind.IncomingCall:
                _log.Information("GSM module {Module} rings during call {CallId}; the caller is not offered",
                    module.Name, leg.CallId);
                break;
            case GsmEventKind.CallAnswered when leg is { State: PstnLegState.OutboundDialling }:
                RouteVoiceThen(leg, module, () => AnswerOutboundAsync(leg));
                break;
            case GsmEventKind.CallEnded when leg is not null:
                var cause = CauseOf(e.Text);
                _log.Information(
                    "PSTN call {CallId} on GSM module {Module} cleared by the network ({Result}, cause {Cause})",
                    leg.CallId,
                    module.Name,
                    e.Text,
                    cause);
                await EndLegAsync(leg, cause, sendBye: true, lineGone: true).ConfigureAwait(false);
                break;
            case GsmEventKind.ModuleReset when leg is not null:
                _log.Warning("PSTN call {CallId} lost: GSM module {Module} was reset", leg.CallId, module.Name);
                await EndLegAsync(leg, IsdnCauseMapping.TemporaryFailure, sendBye: true, lineGone: true)
                    .ConfigureAwait(false);
                break;
            case GsmEventKind.SmsReceived:
                SmsReceived?.Invoke(module, e);
                break;
        }
    }

    private ValueTask OfferModuleCallAsync(GsmTrunkModule module, int port, string number)
    {
        // TS 27.007 §7.18: +CLIP gives the number with its type; 145 (a leading +) is international.
        var digits = Digits(number);
        var calling = digits.Length == 0
            ? new PhoneNumber(string.Empty, TypeOfNumber.Unknown, NumberingPlan.Unknown,
                NumberPresentation.Restricted)
            : new PhoneNumber(
                digits,
                number.StartsWith('+') ? TypeOfNumber.International : TypeOfNumber.Unknown,
                NumberingPlan.Isdn);
        var offer = new CardEvent(
            CardEventKind.Incoming, port, 1, 0, PortAlarms.None, '\0', calling, PhoneNumber.Empty);
        return OfferInboundAsync(offer, module.Name, new GsmLineAudio(module.Voice));
    }

    /// <summary>ATA, voice onto the PCM channel, then the call is connected on the mailbox.</summary>
    private void AnswerModule(PstnLeg leg, GsmTrunkModule module)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await module.Modem.AnswerAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AtCommandException or IOException or OperationCanceledException)
            {
                _log.Warning(ex, "PSTN call {CallId} could not be answered on GSM module {Module}", leg.CallId,
                    module.Name);
                _mailbox.Post(() => EndLegAsync(leg, IsdnCauseMapping.NormalClearing, sendBye: true,
                    lineGone: true));
                return;
            }

            RouteVoiceThen(leg, module, () =>
            {
                if (leg.State == PstnLegState.Inviting)
                {
                    Connect(leg);
                }

                return ValueTask.CompletedTask;
            });
        });
    }

    private void RouteVoiceThen(PstnLeg leg, GsmTrunkModule module, Func<ValueTask> then)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await module.Modem.RouteVoiceToSerialAsync(module.Style, on: true, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AtCommandException or IOException)
            {
                // The call still stands; without the PCM channel it is silent, which the log says.
                _log.Error(ex, "GSM module {Module} did not put call {CallId} on its PCM channel", module.Name,
                    leg.CallId);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _mailbox.Post(then);
        });
    }

    private void DialModule(PstnLeg leg, GsmTrunkModule module, string number)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await module.Modem.DialAsync(number, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AtCommandException or IOException or ArgumentException)
            {
                var cause = ex is AtCommandException { Result: { } result } ? CauseOf(result)
                    : IsdnCauseMapping.TemporaryFailure;
                _log.Warning(ex, "Outbound call {CallId} could not be dialled on GSM module {Module}", leg.CallId,
                    module.Name);
                _mailbox.Post(() => EndLegAsync(leg, cause, sendBye: false, lineGone: true));
            }
            catch (OperationCanceledException)
            {
                // The gateway is stopping.
            }
        });
    }

    private void HangupModule(GsmTrunkModule module)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await module.Modem.HangupAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AtCommandException or IOException or OperationCanceledException
                or ObjectDisposedException)
            {
                _log.Warning(ex, "GSM module {Module} refused to hang up", module.Name);
            }
        });
    }

    /// <summary>Digits both ways: the agent's RFC 4733 events as AT+VTS, the caller's in-band keys
    /// as RFC 4733 events towards the box.</summary>
    private void PrepareModuleAudio(PstnLeg leg)
    {
        if (leg.Audio is not GsmLineAudio audio || !_modulesByPort.TryGetValue(leg.Port, out var module))
        {
            return;
        }

        audio.DigitDetected += key => leg.Rtp.SendDtmf(key);
        leg.Rtp.DtmfReceived += key => _ = SendModuleDigitAsync(module, leg.CallId, key);
    }

    private async Task SendModuleDigitAsync(GsmTrunkModule module, string callId, char key)
    {
        try
        {
            await module.Modem.SendDtmfAsync(key, _stop.Token).ConfigureAwait(false);
            _log.Debug("Digit {Digit} of call {CallId} sent to the network with AT+VTS", key, callId);
        }
        catch (Exception ex) when (ex is AtCommandException or IOException or ArgumentException
            or OperationCanceledException or ObjectDisposedException)
        {
            _log.Warning(ex, "GSM module {Module} refused digit {Digit} of call {CallId}", module.Name, key, callId);
        }
    }

    /// <summary>A module's final result for a call as a Q.850 cause (TS 27.007 §6.3 result codes).</summary>
    private static int CauseOf(string result) => result switch
    {
        "BUSY" => IsdnCauseMapping.UserBusy,
        "NO ANSWER" => 19,
        "NO DIALTONE" => IsdnCauseMapping.NoCircuitAvailable,
        "timeout" => IsdnCauseMapping.TemporaryFailure,
        _ => IsdnCauseMapping.NormalClearing,
    };
}
