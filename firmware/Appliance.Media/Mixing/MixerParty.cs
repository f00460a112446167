using Appliance.Media.Audio;
using Appliance.Media.Engine;

namespace Appliance.Media.Mixing;

/// <summary>
/// One party of a <see cref="MediaMixer"/>: a leg (or a source that only plays into the room),
/// its role, and the frames the mixer moves for it each tick.
/// </summary>
/// <remarks>The mixer's lock guards the role fields; the FIFOs carry their own locks.</remarks>
internal sealed class MixerParty
{
    public MixerParty(RtpEndpoint? leg, IAudioSource? source)
    {
        Leg = leg;
        PlayedSource = source;
    }

    /// <summary>The leg, or null for a source such as hold music.</summary>
    public RtpEndpoint? Leg { get; }

    /// <summary>The source of a party without a leg.</summary>
    public IAudioSource? PlayedSource { get; }

    public MixRole Role { get; set; }

    /// <summary>Who hears a <see cref="MixRole.Whisper"/> party; null when that party left.</summary>
    public MixerParty? WhisperTo { get; set; }

    /// <summary>What the leg's receive loop decoded, when it has no jitter buffer.</summary>
    public FrameFifo FromLeg { get; } = new(MediaMixer.FifoFrames);

    /// <summary>What the leg's send tick plays out.</summary>
    public FrameFifo ToLeg { get; } = new(2);

    /// <summary>This tick's frame from the party.</summary>
    public short[] Frame { get; } = new short[RtpEndpoint.SamplesPerFrame];

    /// <summary>This tick's mix for the party.</summary>
    public short[] Mix { get; } = new short[RtpEndpoint.SamplesPerFrame];

    /// <summary>True when <see cref="Frame"/> holds audio this tick.</summary>
    public bool HasAudio { get; set; }

    public IAudioSource Input =>
        PlayedSource ?? (IAudioSource?)Leg!.JitterBuffer ?? FromLeg;
}
