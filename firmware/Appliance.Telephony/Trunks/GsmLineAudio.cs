using Appliance.Drivers.Gsm;
using Appliance.Media.Dtmf;

namespace Appliance.Telephony.Trunks;

/// <summary>
/// A GSM module's call audio over its serial PCM channel, already 8 kHz 16-bit linear. Modules
/// report no DTMF a caller presses (the network carries it in band), so what the module sends is
/// fed to an in-band detector and each key comes out on <see cref="DigitDetected"/>, on the media
/// clock thread. A channel that is starved or closing reads as silence.
/// </summary>
internal sealed class GsmLineAudio : ITrunkAudio
{
    private readonly GsmVoiceChannel _voice;
    private readonly InbandDtmfDetector _digits = new();

    public GsmLineAudio(GsmVoiceChannel voice)
    {
        _voice = voice;
        _digits.DigitDetected += key => DigitDetected?.Invoke(key);
    }

    /// <summary>A DTMF key heard in what the caller sends; set before the media clock reads.</summary>
    public event Action<char>? DigitDetected;

    public bool ReadFrame(Span<short> frame)
    {
        var samples = frame[..GsmVoiceChannel.FrameSamples];
        if (!_voice.TryReadFrame(samples))
        {
            return false;
        }

        _digits.WriteFrame(samples);
        return true;
    }

    public void WriteFrame(ReadOnlySpan<short> frame) => _voice.WriteFrame(frame[..GsmVoiceChannel.FrameSamples]);
}
