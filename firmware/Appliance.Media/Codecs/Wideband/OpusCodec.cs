using Concentus;
using Concentus.Enums;

namespace Appliance.Media.Codecs.Wideband;

/// <summary>
/// Opus (RFC 6716) through Concentus, a managed port of libopus, run at 8 kHz mono so the
/// engine's frames go in and out as they are; the RTP timestamps still count at 48 kHz
/// (RFC 7587 §4.1). Missing frames are concealed by the decoder itself.
/// </summary>
/// <remarks>Not thread-safe; one instance per stream and direction (its encoder and decoder
/// are separate, so a receive loop may decode while the clock thread encodes).</remarks>
public sealed class OpusCodec : IVoiceCodec
{
    /// <summary>The bit rate we send, enough for clear narrowband speech.</summary>
    public const int BitRate = 24000;

    private const int SampleRateHz = 8000;

    // RFC 6716 §3.2.1: an Opus packet holds at most 120 ms.
    private const int MaxPacketSamples = SampleRateHz * 120 / 1000;

    private readonly IOpusEncoder _encoder;
    private readonly IOpusDecoder _decoder;
    private readonly object _decoderLock = new();
    private int _lastPacketSamples = 160;

    public OpusCodec()
    {
        OpusCodecFactory.AttemptToUseNativeLibrary = false;
        _encoder = OpusCodecFactory.CreateEncoder(SampleRateHz, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        _encoder.Bitrate = BitRate;
        _encoder.Complexity = 5;
        _encoder.SignalType = OpusSignal.OPUS_SIGNAL_VOICE;
        _decoder = OpusCodecFactory.CreateDecoder(SampleRateHz, 1);
    }

    public AudioCodec Codec => AudioCodec.Opus;

    public int ClockRateHz => 48000;

    public int Decode(ReadOnlySpan<byte> payload, Span<short> samples)
    {
        if (payload.IsEmpty)
        {
            return -1;
        }

        try
        {
            lock (_decoderLock)
            {
                var count = _decoder.Decode(payload, samples, Math.Min(samples.Length, MaxPacketSamples));
                _lastPacketSamples = count;
                return count;
            }
        }
        catch (OpusException)
        {
            return -1;
        }
        catch (ArgumentException)
        {
            return -1;
        }
    }

    public int Encode(ReadOnlySpan<short> samples, Span<byte> payload) =>
        _encoder.Encode(samples, samples.Length, payload, payload.Length);

    /// <summary>Asks the decoder to extrapolate one frame (RFC 6716 §4.4); the jitter buffer
    /// calls it from the clock thread, so it shares the decoder's lock with the receive loop.</summary>
    public bool Conceal(Span<short> frame)
    {
        try
        {
            lock (_decoderLock)
            {
                // Concealment must be asked in whole frames of the stream's last packet size.
                var size = Math.Min(_lastPacketSamples, frame.Length);
                _decoder.Decode(ReadOnlySpan<byte>.Empty, frame, size);
                return true;
            }
        }
        catch (OpusException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
