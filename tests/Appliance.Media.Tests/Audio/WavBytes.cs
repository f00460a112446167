using System.Buffers.Binary;
using System.Text;

namespace Appliance.Media.Tests.Audio;

/// <summary>Assembles WAV files chunk by chunk, to feed the reader formats we never write.</summary>
internal sealed class WavBytes
{
    private readonly List<byte> _chunks = [];

    public WavBytes Format(int tag, int channels, int rateHz, int bits, int extraBytes = 0)
    {
        var body = new byte[16 + extraBytes];
        BinaryPrimitives.WriteUInt16LittleEndian(body, (ushort)tag);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), (uint)rateHz);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), (uint)(rateHz * channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(12), (ushort)(channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(14), (ushort)bits);
        return Chunk("fmt ", body);
    }

    /// <summary>A WAVE_FORMAT_EXTENSIBLE format chunk whose sub-format is <paramref
    /// name="subFormat"/>.</summary>
    public WavBytes ExtensibleFormat(int subFormat, int channels, int rateHz, int bits)
    {
        var body = new byte[40];
        BinaryPrimitives.WriteUInt16LittleEndian(body, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), (uint)rateHz);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), (uint)(rateHz * channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(12), (ushort)(channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(14), (ushort)bits);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(24), (ushort)subFormat);
        return Chunk("fmt ", body);
    }

    public WavBytes Chunk(string id, byte[] body, uint? declaredSize = null)
    {
        var header = new byte[8];
        Encoding.ASCII.GetBytes(id).CopyTo(header, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), declaredSize ?? (uint)body.Length);
        _chunks.AddRange(header);
        _chunks.AddRange(body);
        if (body.Length % 2 == 1 && declaredSize is null)
        {
            _chunks.Add(0);
        }

        return this;
    }

    public WavBytes Pcm16Data(params short[] samples)
    {
        var body = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(body.AsSpan(2 * i), samples[i]);
        }

        return Chunk("data", body);
    }

    public string WriteTo(string path)
    {
        var chunks = _chunks.ToArray();
        var file = new byte[12 + chunks.Length];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(file, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)(4 + chunks.Length));
        Encoding.ASCII.GetBytes("WAVE").CopyTo(file, 8);
        chunks.CopyTo(file, 12);
        File.WriteAllBytes(path, file);
        return path;
    }
}
