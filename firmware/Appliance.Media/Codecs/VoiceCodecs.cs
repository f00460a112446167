using Appliance.Media.Codecs.Wideband;

namespace Appliance.Media.Codecs;

/// <summary>Makes the coder state of a negotiated codec.</summary>
public static class VoiceCodecs
{
    /// <summary>A fresh state for one stream and direction.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a codec of <see cref="AudioCodec"/>.</exception>
    public static IVoiceCodec Create(AudioCodec codec) => codec switch
    {
        AudioCodec.Pcmu or AudioCodec.Pcma => new G711Codec(codec),
        AudioCodec.G722 => new G722Codec(),
        AudioCodec.Opus => new OpusCodec(),
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, "Not a codec the engine has."),
    };

    /// <summary>The RTP clock of <paramref name="codec"/>: 48000 for Opus, 8000 otherwise.</summary>
    public static int ClockRateHz(AudioCodec codec) => codec == AudioCodec.Opus ? 48000 : 8000;
}
