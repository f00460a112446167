using System.Buffers.Binary;
using Concentus;
using Concentus.Enums;

namespace Appliance.Media.Recording;

/// <summary>
/// Encodes interleaved 8 kHz 16-bit stereo PCM into an Ogg Opus stream (RFC 7845): an OpusHead
/// page, an OpusTags page, then audio pages of up to one second (50 packets of 20 ms), each with
/// its granule position and CRC, the last one marked end of stream by <see cref="Finish"/>.
/// </summary>
/// <remarks>
/// Not thread-safe: the recorder calls it from its write queue's worker only. A page is written
/// to the stream as soon as it is full, so a file cut off by a power cut plays up to its last
/// whole page.
/// </remarks>
internal sealed class OggOpusWriter
{
    private const int SampleRateHz = 8000;
    private const int Channels = 2;
    private const int FrameSamples = 160;

    // RFC 7845 §4: granule positions count 48 kHz samples whatever the input rate was.
    private const int GranulePerFrame = FrameSamples * (48000 / SampleRateHz);
    private const int PacketsPerPage = 50;
    private const int MaxPacketBytes = 1275;

    private readonly Stream _stream;
    private readonly IOpusEncoder _encoder;
    private readonly uint _serial;
    private readonly short[] _pcm = new short[FrameSamples * Channels];
    private readonly byte[] _packet = new byte[MaxPacketBytes];
    private readonly byte[] _body = new byte[PacketsPerPage * MaxPacketBytes];
    private readonly byte[] _lacing = new byte[255];
    private readonly byte[] _page = new byte[27 + 255 + (PacketsPerPage * MaxPacketBytes)];
    private int _pcmFill;
    private int _bodyLength;
    private int _lacingCount;
    private int _packetsOnPage;
    private uint _sequence;
    private long _granule;
    private long _samples;

    public OggOpusWriter(Stream stream, uint serial)
    {
        _stream = stream;
        _serial = serial;
        _encoder = OpusCodecFactory.CreateEncoder(SampleRateHz, Channels, OpusApplication.OPUS_APPLICATION_VOIP);
        // Below about 24 kbit/s the encoder folds the two channels together; 32 keeps the
        // caller and the agent apart with room to spare.
        _encoder.Bitrate = 32000;
        PreSkip = (ushort)(_encoder.Lookahead * (48000 / SampleRateHz));
    }

    /// <summary>48 kHz samples a player skips at the start (the encoder's lookahead).</summary>
    public ushort PreSkip { get; }

    /// <summary>Writes the identification and comment header pages (RFC 7845 §5).</summary>
    public void WriteHeaders()
    {
        Span<byte> head = stackalloc byte[19];
        "OpusHead"u8.CopyTo(head);
        head[8] = 1;
        head[9] = Channels;
        BinaryPrimitives.WriteUInt16LittleEndian(head[10..], PreSkip);
        BinaryPrimitives.WriteUInt32LittleEndian(head[12..], SampleRateHz);
        BinaryPrimitives.WriteInt16LittleEndian(head[16..], 0);
        head[18] = 0;
        AddPacket(head);
        FlushPage(headerType: 0x02);

        var vendor = "SparkleCC"u8;
        Span<byte> tags = stackalloc byte[8 + 4 + vendor.Length + 4];
        "OpusTags"u8.CopyTo(tags);
        BinaryPrimitives.WriteUInt32LittleEndian(tags[8..], (uint)vendor.Length);
        vendor.CopyTo(tags[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(tags[(12 + vendor.Length)..], 0);
        AddPacket(tags);
        FlushPage(headerType: 0);
    }

    /// <summary>Takes interleaved little-endian stereo samples; encodes every whole 20 ms frame.</summary>
    public void Write(ReadOnlySpan<byte> interleaved)
    {
        for (var i = 0; i + 1 < interleaved.Length; i += 2)
        {
            _pcm[_pcmFill++] = BinaryPrimitives.ReadInt16LittleEndian(interleaved[i..]);
            if (_pcmFill == _pcm.Length)
            {
                EncodeFrame();
            }
        }
    }

    /// <summary>
    /// Pads a partial last frame with silence, feeds the encoder's lookahead, and writes the
    /// end-of-stream page.
    /// </summary>
    public void Finish()
    {
        var audio = _samples + _pcmFill / Channels;
        if (_pcmFill > 0)
        {
            _pcm.AsSpan(_pcmFill).Clear();
            EncodeFrame();
        }

        // The decoder's first PreSkip samples are dropped, so the last real samples come out only
        // once that much more has been encoded: one silent frame covers a lookahead under 20 ms.
        _pcm.AsSpan().Clear();
        EncodeFrame();

        // RFC 7845 §4: the final granule position may end the stream before the last packet does,
        // which trims the padding so the playback length is the audio recorded.
        _granule = PreSkip + (audio * (48000 / SampleRateHz));
        FlushPage(headerType: 0x04);
        _stream.Flush();
    }

    private void EncodeFrame()
    {
        var length = _encoder.Encode(_pcm, FrameSamples, _packet, _packet.Length);
        _pcmFill = 0;
        if (_packetsOnPage == PacketsPerPage || _lacingCount + (length / 255) + 1 > _lacing.Length)
        {
            FlushPage(headerType: 0);
        }

        AddPacket(_packet.AsSpan(0, length));
        _granule += GranulePerFrame;
        _samples += FrameSamples;
    }

    // RFC 3533 §6: a packet is laced as 255-byte segments and one shorter (possibly empty) one.
    private void AddPacket(ReadOnlySpan<byte> packet)
    {
        var remaining = packet.Length;
        while (remaining >= 255)
        {
            _lacing[_lacingCount++] = 255;
            remaining -= 255;
        }

        _lacing[_lacingCount++] = (byte)remaining;
        packet.CopyTo(_body.AsSpan(_bodyLength));
        _bodyLength += packet.Length;
        _packetsOnPage++;
    }

    private void FlushPage(byte headerType)
    {
        var page = _page.AsSpan();
        "OggS"u8.CopyTo(page);
        page[4] = 0;
        page[5] = headerType;
        BinaryPrimitives.WriteInt64LittleEndian(page[6..], _granule);
        BinaryPrimitives.WriteUInt32LittleEndian(page[14..], _serial);
        BinaryPrimitives.WriteUInt32LittleEndian(page[18..], _sequence++);
        BinaryPrimitives.WriteUInt32LittleEndian(page[22..], 0);
        page[26] = (byte)_lacingCount;
        _lacing.AsSpan(0, _lacingCount).CopyTo(page[27..]);
        _body.AsSpan(0, _bodyLength).CopyTo(page[(27 + _lacingCount)..]);
        var length = 27 + _lacingCount + _bodyLength;
        BinaryPrimitives.WriteUInt32LittleEndian(page[22..], OggCrc.Compute(page[..length]));
        _stream.Write(page[..length]);

        _lacingCount = 0;
        _bodyLength = 0;
        _packetsOnPage = 0;
    }
}
