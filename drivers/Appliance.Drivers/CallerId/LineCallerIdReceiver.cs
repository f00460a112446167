using Serilog;

namespace Appliance.Drivers.CallerId;

/// <summary>
/// Listens to one idle loop-start line for its caller ID with every decoder the line's signals
/// call for, fed the same 8 kHz 16-bit linear samples, and keeps the first message that
/// completes. Running Bell 202 and V.23 side by side is safe because an FSK message counts only
/// when its checksum holds; their tones lie so close (1200/2200 and 1300/2100 Hz) that each
/// decoder reads the other's signal too, so with both on an FSK message is reported as received
/// by both. Not thread safe: one receiver per offered call.
/// </summary>
public sealed class LineCallerIdReceiver
{
    private readonly FskCallerIdDecoder? _bell202;
    private readonly FskCallerIdDecoder? _v23;
    private readonly DtmfCallerIdDecoder? _dtmf;

    public LineCallerIdReceiver(CallerIdSignals signals, ILogger? log = null)
    {
        Signals = signals;
        _bell202 = signals.HasFlag(CallerIdSignals.Bell202)
            ? new FskCallerIdDecoder(FskStandard.Bell202, log)
            : null;
        _v23 = signals.HasFlag(CallerIdSignals.V23) ? new FskCallerIdDecoder(FskStandard.V23, log) : null;
        _dtmf = signals.HasFlag(CallerIdSignals.Dtmf) ? new DtmfCallerIdDecoder(log) : null;
    }

    public CallerIdSignals Signals { get; }

    /// <summary>The first caller ID decoded, or null while none has been.</summary>
    public CallerIdMessage? Message { get; private set; }

    /// <summary>Which signal carried <see cref="Message"/>: one flag, or Bell 202 and V.23 together
    /// for an FSK message when both are listened for.</summary>
    public CallerIdSignals ReceivedAs { get; private set; }

    /// <summary>Feeds samples of any length; returns <see cref="Message"/> once there is one.</summary>
    public CallerIdMessage? Feed(ReadOnlySpan<short> samples)
    {
        if (Message is not null)
        {
            return Message;
        }

        Take(_bell202?.Feed(samples), CallerIdSignals.Bell202);
        Take(_v23?.Feed(samples), CallerIdSignals.V23);
        Take(_dtmf?.Feed(samples), CallerIdSignals.Dtmf);
        return Message;
    }

    private void Take(IReadOnlyList<CallerIdMessage>? messages, CallerIdSignals signal)
    {
        if (Message is null && messages is { Count: > 0 })
        {
            Message = messages[0];
            var bothFsk = _bell202 is not null && _v23 is not null && signal != CallerIdSignals.Dtmf;
            ReceivedAs = bothFsk ? CallerIdSignals.Bell202 | CallerIdSignals.V23 : signal;
        }
    }
}
