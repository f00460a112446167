using Appliance.Media.Codecs;
using Appliance.Media.Rtp;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.Media.Codecs;

/// <summary>
/// The cost of one 20 ms packet in one direction of a bridged call, for each way the bridge can
/// carry it: the relay baseline (the payload copied behind a new header, what a bridge of two
/// legs sharing a codec does at least), G.711 decoded and encoded again (the bridge's decoded
/// path), and the transcodings G.722 and Opus to and from PCMU. A call is two directions, so
/// its cost per second is twice the figure times 50. Read the Ratio column.
/// Run: tools/bench/codecs.sh
/// </summary>
[MemoryDiagnoser]
public class TranscodingBenchmarks
{
    private const int FrameSamples = 160;

    private readonly short[] _pcm = new short[FrameSamples];
    private readonly byte[] _packet = new byte[RtpPacket.MaxLength];
    private readonly byte[] _pcmuPayload = new byte[FrameSamples];
    private readonly IVoiceCodec _pcmu = VoiceCodecs.Create(AudioCodec.Pcmu);
    private readonly IVoiceCodec _g722Encoder = VoiceCodecs.Create(AudioCodec.G722);
    private readonly IVoiceCodec _g722Decoder = VoiceCodecs.Create(AudioCodec.G722);
    private readonly IVoiceCodec _opusEncoder = VoiceCodecs.Create(AudioCodec.Opus);
    private readonly IVoiceCodec _opusDecoder = VoiceCodecs.Create(AudioCodec.Opus);
    private byte[] _g722Payload = [];
    private byte[] _opusPayload = [];
    private ushort _sequence;

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < FrameSamples; i++)
        {
            _pcm[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 8000));
        }

        _pcmu.Encode(_pcm, _pcmuPayload);
        var buffer = new byte[1000];
        _g722Payload = buffer[.._g722Encoder.Encode(_pcm, buffer)];
        _opusPayload = buffer[.._opusEncoder.Encode(_pcm, buffer)];
    }

    [Benchmark(Baseline = true)]
    public int RelayPcmu()
    {
        var offset = new RtpHeader { PayloadType = 0, SequenceNumber = _sequence++ }.Write(_packet);
        _pcmuPayload.CopyTo(_packet.AsSpan(offset));
        return offset + _pcmuPayload.Length;
    }

    [Benchmark]
    public int DecodeAndEncodePcmu() => Transcode(_pcmu, _pcmuPayload, _pcmu);

    [Benchmark]
    public int G722ToPcmu() => Transcode(_g722Decoder, _g722Payload, _pcmu);

    [Benchmark]
    public int PcmuToG722() => Transcode(_pcmu, _pcmuPayload, _g722Encoder);

    [Benchmark]
    public int OpusToPcmu() => Transcode(_opusDecoder, _opusPayload, _pcmu);

    [Benchmark]
    public int PcmuToOpus() => Transcode(_pcmu, _pcmuPayload, _opusEncoder);

    private int Transcode(IVoiceCodec decoder, byte[] payload, IVoiceCodec encoder)
    {
        var count = decoder.Decode(payload, _pcm);
        var offset = new RtpHeader { PayloadType = 0, SequenceNumber = _sequence++ }.Write(_packet);
        return offset + encoder.Encode(_pcm.AsSpan(0, count), _packet.AsSpan(offset, 1000));
    }
}
