using Appliance.Drivers.CallerId;
using Appliance.Drivers.Cards;
using Appliance.Drivers.Signalling;
using Appliance.Media.Detection;

namespace Appliance.Telephony.Trunks;

/// <summary>Loop-start FXO lines: caller ID before the call is offered, busy-tone clearing.</summary>
public sealed partial class PstnGateway
{
    private static readonly TimeSpan s_callerIdPoll = TimeSpan.FromMilliseconds(20);

    private readonly Dictionary<(int Port, int Channel), FxoCallerIdWait> _callerIdWaits = [];

    /// <summary>
    /// Holds an FXO call back until its caller ID is heard: the number is offered with the call
    /// as the IVR and the call record need it, and, like a telephone, the gateway lets the line
    /// ring until the caller ID can have come.
    /// </summary>
    private void WaitForCallerId(CardEvent e, CardPort port)
    {
        var audio = new CardChannelAudio(Card, e.Port, e.Channel, port.Law);
        var receiver = new LineCallerIdReceiver(_options.FxoCallerId, _log);
        var wait = new FxoCallerIdWait(e, port.Name, audio, receiver, _time.GetUtcNow());
        var key = (e.Port, e.Channel);
        _callerIdWaits[key] = wait;
        PublishChannels();
        wait.Timer = _time.CreateTimer(
            _ =>
            {
                if (wait.ListenTick())
                {
                    _mailbox.Post(() => PollCallerIdAsync(key, ring: false));
                }
            },
            null,
            s_callerIdPoll,
            s_callerIdPoll);
        _log.Debug("FXO call on {PortName} waits for caller ID as {Signals}", port.Name, _options.FxoCallerId);
    }

    private async ValueTask PollCallerIdAsync((int Port, int Channel) key, bool ring)
    {
        if (!_callerIdWaits.TryGetValue(key, out var wait))
        {
            return;
        }

        wait.Rings += ring ? 1 : 0;
        var message = wait.Drain();

        // GR-30 and EN 300 659-1 put FSK between the first and second ring and DTMF before the
        // first, so at the second ring nothing more will come.
        var late = wait.Rings >= 2 || _time.GetUtcNow() - wait.Since >= _options.FxoCallerIdTimeout;
        if (message is null && !late)
        {
            return;
        }

        await StopWaitingAsync(key, wait).ConfigureAwait(false);
        if (message is null)
        {
            _log.Information(
                "No caller ID on {PortName} after {Rings} rings; the call is offered without a number",
                wait.PortName,
                wait.Rings);
            await OfferInboundAsync(wait.Offer with { Calling = PhoneNumber.Empty }).ConfigureAwait(false);
            return;
        }

        var calling = CallingOf(message);
        _log.Information(
            "Caller ID {Caller} heard as {Signal} on {PortName}",
            calling.IsRestricted ? "(" + message.NumberAbsence + ")" : calling.Digits,
            wait.Receiver.ReceivedAs,
            wait.PortName);
        await OfferInboundAsync(wait.Offer with { Calling = calling }).ConfigureAwait(false);
    }

    private async ValueTask CallerGaveUpAsync((int Port, int Channel) key, FxoCallerIdWait wait)
    {
        await StopWaitingAsync(key, wait).ConfigureAwait(false);
        _log.Information("FXO call on {PortName} stopped ringing before it was offered", wait.PortName);
    }

    private async ValueTask StopWaitingAsync((int Port, int Channel) key, FxoCallerIdWait wait)
    {
        _callerIdWaits.Remove(key);
        PublishChannels();
        if (wait.Timer is not null)
        {
            await wait.Timer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static PhoneNumber CallingOf(CallerIdMessage message) => message.Number is { Length: > 0 } number
        ? new PhoneNumber(Digits(number), TypeOfNumber.Unknown, NumberingPlan.Isdn)
        : new PhoneNumber(
            string.Empty,
            TypeOfNumber.Unknown,
            NumberingPlan.Unknown,
            message.NumberAbsence == CallerIdAbsence.Private
                ? NumberPresentation.Restricted
                : NumberPresentation.NotAvailable);

    /// <summary>
    /// Sets the line's gains, and listens for busy and congestion tone: an analog line whose far
    /// party hung up may only play one of them (many exchanges send no polarity reversal and
    /// keep loop current).
    /// </summary>
    private void PrepareFxoAudio(PstnLeg leg)
    {
        if (leg.Audio is not CardChannelAudio audio || Card.Port(leg.Port).Kind != PortKind.Fxo)
        {
            return;
        }

        audio.FromLineGain = LinearGain(_options.FxoFromLineGainDb);
        audio.ToLineGain = LinearGain(_options.FxoToLineGainDb);
        if (_options.FxoBusyTones.Count == 0 && _options.FxoCongestionTones.Count == 0)
        {
            return;
        }

        audio.ListenForClearingTone(
            new EarlyMediaToneDetector(_options.FxoBusyTones, _options.FxoCongestionTones),
            tone => _mailbox.Post(() => LineClearedByToneAsync(leg, tone)));
    }

    private static double LinearGain(double db) => Math.Pow(10, Math.Clamp(db, -24, 24) / 20);

    private async ValueTask LineClearedByToneAsync(PstnLeg leg, string? tone)
    {
        if (leg.State != PstnLegState.Connected)
        {
            return;
        }

        _log.Information(
            "PSTN call {CallId} on port {Port} cleared: the line plays {Tone} tone",
            leg.CallId,
            leg.Port,
            tone ?? "a busy");
        await EndLegAsync(leg, IsdnCauseMapping.NormalClearing, sendBye: true).ConfigureAwait(false);
    }
}
