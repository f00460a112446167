using System.Buffers.Binary;
using System.Text;

namespace Appliance.Service.Tests.Support;

/// <summary>
/// Reads a call recording: RIFF WAVE, PCM (format 1), 16-bit, 2 channels, 8 kHz, into its left and
/// right channels. Kept in the tests rather than taken from Appliance.Media because the product's
/// WavFile reads mono prompts only, and a reader written apart from the recorder checks it better.
/// </summary>
public static class StereoWav
{
    /// <exception cref="InvalidDataException">The file is not such a WAV; the message names it.</exception>
    public static (short[] Left, short[] Right) Read(string path)
    {
        var data = File.ReadAllBytes(path);
        if (data.Length < 12
            || Encoding.ASCII.GetString(data, 0, 4) != "RIFF"
            || Encoding.ASCII.GetString(data, 8, 4) != "WAVE")
        {
            throw new InvalidDataException($"{path} is not a RIFF WAVE file.");
        }

        var formatChecked = false;
        for (var offset = 12; offset + 8 <= data.Length;)
        {
            var id = Encoding.ASCII.GetString(data, offset, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset + 4));
            var body = offset + 8;
            if (id == "fmt ")
            {
                var format = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(body));
                var channels = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(body + 2));
                var rate = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(body + 4));
                var bits = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(body + 14));
                if (format != 1 || channels != 2 || rate != 8000 || bits != 16)
                {
                    throw new InvalidDataException(
                        $"{path} is format {format}, {channels} channels, {rate} Hz, {bits} bits; "
                        + "expected PCM, 2 channels of 16 bits at 8000 Hz.");
                }

                formatChecked = true;
            }
            else if (id == "data" && formatChecked)
            {
                // The recorder patches the sizes on every flush; trust the file length over a stale size.
                var length = Math.Min(size, data.Length - body) / 4;
                var left = new short[length];
                var right = new short[length];
                for (var i = 0; i < length; i++)
                {
                    left[i] = BinaryPrimitives.ReadInt16LittleEndian(data.AsSpan(body + (i * 4)));
                    right[i] = BinaryPrimitives.ReadInt16LittleEndian(data.AsSpan(body + (i * 4) + 2));
                }

                return (left, right);
            }

            offset = body + size + (size & 1);
        }

        throw new InvalidDataException($"{path} has no data chunk after its fmt chunk.");
    }
}
