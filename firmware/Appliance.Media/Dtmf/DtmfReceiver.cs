using Appliance.Media.Rtp;

namespace Appliance.Media.Dtmf;

/// <summary>
/// Turns a stream of RFC 4733 telephone-event packets into one digit per key press. Every
/// packet of one event carries the event's start timestamp (§2.5.1.2), so the first packet
/// seen with a new timestamp reports the digit and every later packet with it is absorbed:
/// duration updates, the three end packets (§2.5.1.4) and network duplicates. Packets older
/// than the last event are late and ignored. An event longer than the 16-bit duration field
/// goes on in a new segment with a new timestamp and no marker (§2.5.1.3); that segment is
/// recognised as the same key press and not reported again.
/// </summary>
/// <remarks>Not thread-safe: one receive loop feeds it.</remarks>
public sealed class DtmfReceiver
{
    private bool _seenAny;
    private uint _lastTimestamp;
    private byte _lastEvent;
    private bool _lastEnded;

    /// <summary>How many packets were absorbed as repeats of an event already reported.</summary>
    public long RepeatedPackets { get; private set; }

    /// <summary>
    /// Offers one telephone-event packet.
    /// </summary>
    /// <param name="header">The RTP header of the packet.</param>
    /// <param name="payload">The RTP payload.</param>
    /// <param name="digit">The digit of a new key press.</param>
    /// <returns>True exactly once per key press; false for repeats, late, short or non-DTMF events.</returns>
    public bool TryAccept(in RtpHeader header, ReadOnlySpan<byte> payload, out char digit)
    {
        digit = '\0';
        if (!TelephoneEvent.TryRead(payload, out var telephoneEvent))
        {
            return false;
        }

        if (_seenAny && !RtpPacket.IsLater(header.Timestamp, _lastTimestamp))
        {
            if (header.Timestamp == _lastTimestamp && telephoneEvent.End)
            {
                _lastEnded = true;
            }

            RepeatedPackets++;
            return false;
        }

        var continuation = _seenAny
            && !_lastEnded
            && !header.Marker
            && telephoneEvent.Event == _lastEvent;
        _seenAny = true;
        _lastTimestamp = header.Timestamp;
        _lastEvent = telephoneEvent.Event;
        _lastEnded = telephoneEvent.End;
        if (continuation)
        {
            RepeatedPackets++;
            return false;
        }

        return TelephoneEvent.TryGetDigit(telephoneEvent.Event, out digit);
    }

    /// <summary>Forgets the last event, for a new stream (a new SSRC or a re-configured leg).</summary>
    public void Reset()
    {
        _seenAny = false;
        _lastEnded = false;
    }
}
