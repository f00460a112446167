namespace Appliance.Media.Audio;

/// <summary>
/// Audio pulled one frame at a time by a media tick (160 samples = 20 ms at 8 kHz), 16-bit
/// linear. Implementations are called on the media clock thread and must not block.
/// </summary>
public interface IAudioSource
{
    /// <summary>
    /// Fills <paramref name="frame"/> with the next samples.
    /// </summary>
    /// <returns>
    /// False when the source had no audio for this frame (it has ended, or is starved); the
    /// caller then uses silence and may ask again on the next tick.
    /// </returns>
    bool ReadFrame(Span<short> frame);
}
