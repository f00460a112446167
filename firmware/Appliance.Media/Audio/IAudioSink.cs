namespace Appliance.Media.Audio;

/// <summary>
/// Takes audio one frame at a time (160 samples = 20 ms at 8 kHz), 16-bit linear. An
/// <see cref="Engine.RtpEndpoint"/> calls it on its receive loop thread; implementations
/// copy what they keep (the span is reused) and must not block.
/// </summary>
public interface IAudioSink
{
    void WriteFrame(ReadOnlySpan<short> frame);
}
