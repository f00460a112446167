using Appliance.Media.Audio;
using Appliance.Media.Detection;

namespace Appliance.Telephony.Campaigns;

/// <summary>
/// The sink of a campaign call's leg while it rings: feeds the early media (after a 183 with
/// SDP, RFC 3960) to an <see cref="EarlyMediaToneDetector"/> and reports the first busy tone
/// or special information tone once. Called on the RTP receive thread; the report must only
/// post to the call's mailbox.
/// </summary>
internal sealed class EarlyMediaListener : IAudioSink
{
    private readonly EarlyMediaToneDetector _detector = new();
    private readonly Action<EarlyMediaTone> _heard;
    private int _reported;

    public EarlyMediaListener(Action<EarlyMediaTone> heard)
    {
        _heard = heard;
    }

    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        if (Volatile.Read(ref _reported) != 0)
        {
            return;
        }

        var tone = _detector.Feed(frame);
        if (tone != EarlyMediaTone.None && Interlocked.Exchange(ref _reported, 1) == 0)
        {
            _heard(tone);
        }
    }
}
