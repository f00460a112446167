namespace Appliance.Media.Dtmf;

/// <summary>
/// Produces the RFC 4733 packets of one key press at a time, one packet per 20 ms media tick:
/// a first packet with the marker bit (§2.5.1.1), duration updates every tick (§2.5.1.2), then
/// the end packet three times (§2.5.1.4). The RTP timestamp of every packet of the event is
/// the one given at <see cref="Start"/>; the caller supplies sequence numbers.
/// </summary>
/// <remarks>Not thread-safe: the media clock thread drives it.</remarks>
public sealed class DtmfSender
{
    /// <summary>RFC 4733 §2.5.1.4: the final packet is sent three times.</summary>
    public const int EndRepeats = 3;

    private const byte DefaultVolume = 10;

    private byte _event;
    private int _durationSamples;
    private int _elapsedSamples;
    private int _endsLeft;

    /// <summary>True from <see cref="Start"/> until the last end packet was written.</summary>
    public bool IsActive { get; private set; }

    /// <summary>The RTP timestamp of the event being sent: the audio timestamp when it started.</summary>
    public uint Timestamp { get; private set; }

    /// <summary>
    /// Begins a key press; a press still being sent is cut short (no end packets).
    /// </summary>
    /// <param name="digit">0-9, *, #, A-D.</param>
    /// <param name="durationSamples">Length of the tone in 8 kHz samples (800 = 100 ms).</param>
    /// <param name="timestamp">The RTP timestamp the event starts at.</param>
    /// <exception cref="ArgumentException">Not a DTMF digit, or a duration outside 1-65535.</exception>
    public void Start(char digit, int durationSamples, uint timestamp)
    {
        if (!TelephoneEvent.TryGetEventCode(digit, out var code))
        {
            throw new ArgumentException($"'{digit}' is not a DTMF digit (0-9, *, #, A-D).", nameof(digit));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(durationSamples, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(durationSamples, ushort.MaxValue);
        _event = code;
        _durationSamples = durationSamples;
        _elapsedSamples = 0;
        _endsLeft = EndRepeats;
        Timestamp = timestamp;
        IsActive = true;
    }

    /// <summary>
    /// Writes the payload of the next packet after <paramref name="tickSamples"/> more samples
    /// of the event have passed (160 at 20 ms).
    /// </summary>
    /// <returns>The payload length (4), or 0 when no event is active.</returns>
    public int WriteNext(Span<byte> payload, int tickSamples, out bool marker)
    {
        marker = false;
        if (!IsActive)
        {
            return 0;
        }

        marker = _elapsedSamples == 0;
        _elapsedSamples = Math.Min(_elapsedSamples + tickSamples, _durationSamples);
        var end = _elapsedSamples >= _durationSamples;
        if (end && --_endsLeft == 0)
        {
            IsActive = false;
        }

        return new TelephoneEvent(_event, end, DefaultVolume, (ushort)_elapsedSamples).Write(payload);
    }
}
