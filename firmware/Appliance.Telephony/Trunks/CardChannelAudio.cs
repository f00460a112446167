using Appliance.Drivers.Cards;
using Appliance.Media.Codecs;
using Appliance.Media.Detection;

namespace Appliance.Telephony.Trunks;

/// <summary>
/// The audio of one card channel as a media source (what the line sends) and sink (what goes to
/// the line), converting between the port's G.711 law and 16-bit linear. Called on the media clock
/// and RTP receive threads; it never blocks, and a channel that went away reads as silence.
/// </summary>
internal sealed class CardChannelAudio(TelephonyCard card, int port, int channel, CompandingLaw law)
    : ITrunkAudio
{
    private readonly byte[] _in = new byte[RtpFrameBytes];
    private readonly byte[] _out = new byte[RtpFrameBytes];
    private readonly AudioCodec _codec = law == CompandingLaw.ALaw ? AudioCodec.Pcma : AudioCodec.Pcmu;
    private const int RtpFrameBytes = 160;
    private readonly short[] _scaled = new short[RtpFrameBytes];
    private EarlyMediaToneDetector? _clearingTone;
    private Action<string?>? _onClearingTone;

    public long FramesFromLine { get; private set; }

    public long FramesToLine { get; private set; }

    /// <summary>Linear factor on what the line sends (1 leaves it alone); set before the media
    /// clock starts reading.</summary>
    public double FromLineGain { get; set; } = 1.0;

    /// <summary>Linear factor on what goes to the line.</summary>
    public double ToLineGain { get; set; } = 1.0;

    public bool ReadFrame(Span<short> frame)
    {
        try
        {
            if (!card.TryReadAudio(port, channel, _in))
            {
                return false;
            }
        }
        catch (Exception ex) when (ex is CardException or ObjectDisposedException)
        {
            return false;
        }

        G711.Decode(_codec, _in, frame);
        Scale(frame[..RtpFrameBytes], FromLineGain);
        FramesFromLine++;
        if (_clearingTone is { } detector
            && detector.Feed(frame[..RtpFrameBytes]) is EarlyMediaTone.Busy or EarlyMediaTone.Congestion)
        {
            _clearingTone = null;
            _onClearingTone?.Invoke(detector.ToneName);
        }

        return true;
    }

    /// <summary>
    /// From now on, what the line sends is checked for busy or congestion tone;
    /// <paramref name="onTone"/> is called once with the tone's name, on the thread that reads
    /// the line, when either is heard. Set before the media clock starts reading.
    /// </summary>
    public void ListenForClearingTone(EarlyMediaToneDetector detector, Action<string?> onTone)
    {
        _clearingTone = detector;
        _onClearingTone = onTone;
    }

    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        if (ToLineGain != 1.0)
        {
            frame[..RtpFrameBytes].CopyTo(_scaled);
            Scale(_scaled, ToLineGain);
            frame = _scaled;
        }

        G711.Encode(_codec, frame[..RtpFrameBytes], _out);
        try
        {
            card.WriteAudio(port, channel, _out);
            FramesToLine++;
        }
        catch (Exception ex) when (ex is CardException or ObjectDisposedException)
        {
            // The call is being cleared; the frame has nowhere to go.
        }
    }

    private static void Scale(Span<short> samples, double gain)
    {
        if (gain == 1.0)
        {
            return;
        }

        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)Math.Clamp(Math.Round(samples[i] * gain), short.MinValue, short.MaxValue);
        }
    }
}
