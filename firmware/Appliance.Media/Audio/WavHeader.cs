using System.Buffers.Binary;

namespace Appliance.Media.Audio;

/// <summary>
/// The canonical 44-byte header of a PCM WAV file: RIFF, a 16-byte "fmt " chunk and the
/// "data" chunk header. Shared by <see cref="WavFile"/> and <see cref="StereoWavRecorder"/>.
/// </summary>
internal static class WavHeader
{
    public const int Length = 44;

    public static void Write(Span<byte> destination, WavFormat format, long dataBytes)
    {
        var data = (uint)Math.Min(dataBytes, uint.MaxValue - 36);
        "RIFF"u8.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], data + 36);
        "WAVE"u8.CopyTo(destination[8..]);
        "fmt "u8.CopyTo(destination[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[20..], (ushort)format.FormatTag);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[22..], (ushort)format.Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], (uint)format.SampleRateHz);
        BinaryPrimitives.WriteUInt32LittleEndian(
            destination[28..],
            (uint)(format.SampleRateHz * format.BlockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(destination[32..], (ushort)format.BlockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[34..], (ushort)format.BitsPerSample);
        "data"u8.CopyTo(destination[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[40..], data);
    }
}
