using System.Buffers.Binary;
using Appliance.Media.Codecs;

namespace Appliance.Media.Audio;

/// <summary>
/// Reads and writes the WAV files of the appliance: prompts (8 kHz mono, 16-bit PCM or G.711
/// A-law/µ-law) and recordings (8 kHz stereo 16-bit PCM). Unknown chunks are skipped; a data
/// chunk whose size was never patched (0, 0xFFFFFFFF, or past the end of the file, as left by
/// a power cut) is read up to the end of the file.
/// </summary>
/// <remarks>
/// Every member is thread-safe. Files are read whole; prompts and test recordings are small.
/// Any file that is not RIFF/WAVE, or not in a format the method accepts, raises an
/// <see cref="InvalidDataException"/> whose message names the file and its format.
/// </remarks>
public static class WavFile
{
    private const int WaveFormatExtensible = 0xFFFE;
    private const int TelephoneRateHz = 8000;

    /// <summary>Reads an 8 kHz mono prompt into 16-bit linear samples.</summary>
    /// <exception cref="InvalidDataException">Not WAV, or not 8 kHz mono PCM16/A-law/µ-law.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static short[] ReadMono8k(string path)
    {
        var samples = Read(path, out var format);
        if (format.Channels != 1)
        {
            throw Unsupported(path, format, "a prompt must be 8 kHz mono 16-bit PCM, A-law or µ-law");
        }

        return samples;
    }

    /// <summary>Reads an 8 kHz stereo file (a recording) into its left and right channels.</summary>
    /// <exception cref="InvalidDataException">Not WAV, or not 8 kHz stereo PCM16/A-law/µ-law.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static void ReadStereo8k(string path, out short[] left, out short[] right)
    {
        var samples = Read(path, out var format);
        if (format.Channels != 2)
        {
            throw Unsupported(path, format, "expected 8 kHz stereo 16-bit PCM, A-law or µ-law");
        }

        left = new short[samples.Length / 2];
        right = new short[samples.Length / 2];
        for (var i = 0; i < left.Length; i++)
        {
            left[i] = samples[2 * i];
            right[i] = samples[(2 * i) + 1];
        }
    }

    /// <summary>Reads the format chunk only, for diagnostics.</summary>
    /// <exception cref="InvalidDataException">The file is not RIFF/WAVE or has no format chunk.</exception>
    public static WavFormat ReadFormat(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Locate(path, bytes, out var format, out _, out _);
        return format;
    }

    /// <summary>Writes an 8 kHz mono 16-bit PCM file, replacing any file at the path.</summary>
    public static void WriteMono8k(string path, ReadOnlySpan<short> samples)
    {
        var bytes = new byte[WavHeader.Length + (2 * samples.Length)];
        WavHeader.Write(bytes, WavFormat.Telephone, 2L * samples.Length);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(WavHeader.Length + (2 * i)), samples[i]);
        }

        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Writes an 8 kHz stereo 16-bit PCM file from two channels of equal length.</summary>
    /// <exception cref="ArgumentException">The channels differ in length.</exception>
    public static void WriteStereo8k(string path, ReadOnlySpan<short> left, ReadOnlySpan<short> right)
    {
        if (left.Length != right.Length)
        {
            throw new ArgumentException(
                $"The left channel has {left.Length} samples and the right {right.Length}.",
                nameof(right));
        }

        var bytes = new byte[WavHeader.Length + (4 * left.Length)];
        WavHeader.Write(bytes, WavFormat.TelephoneStereo, 4L * left.Length);
        for (var i = 0; i < left.Length; i++)
        {
            var at = bytes.AsSpan(WavHeader.Length + (4 * i));
            BinaryPrimitives.WriteInt16LittleEndian(at, left[i]);
            BinaryPrimitives.WriteInt16LittleEndian(at[2..], right[i]);
        }

        File.WriteAllBytes(path, bytes);
    }

    // Decodes the data chunk to interleaved linear samples, after checking the rate and encoding.
    private static short[] Read(string path, out WavFormat format)
    {
        var bytes = File.ReadAllBytes(path);
        Locate(path, bytes, out format, out var dataOffset, out var dataLength);
        if (format.SampleRateHz != TelephoneRateHz || format.Channels is < 1 or > 2)
        {
            throw Unsupported(path, format, "the engine plays 8 kHz mono or stereo only");
        }

        var data = bytes.AsSpan(dataOffset, dataLength);
        switch ((format.FormatTag, format.BitsPerSample))
        {
            case ((int)WavEncoding.Pcm, 16):
                var linear = new short[data.Length / 2];
                for (var i = 0; i < linear.Length; i++)
                {
                    linear[i] = BinaryPrimitives.ReadInt16LittleEndian(data[(2 * i)..]);
                }

                return linear;
            case ((int)WavEncoding.ALaw, 8):
            case ((int)WavEncoding.MuLaw, 8):
                var codec = format.FormatTag == (int)WavEncoding.ALaw ? AudioCodec.Pcma : AudioCodec.Pcmu;
                var decoded = new short[data.Length];
                G711.Decode(codec, data, decoded);
                return decoded;
            default:
                throw Unsupported(path, format, "the engine plays 16-bit PCM, A-law or µ-law only");
        }
    }

    // Walks the RIFF chunks (each: 4-byte id, 32-bit little-endian size, data, pad to even).
    private static void Locate(
        string path,
        ReadOnlySpan<byte> bytes,
        out WavFormat format,
        out int dataOffset,
        out int dataLength)
    {
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes[8..12].SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException($"{path} is not a WAV file: it has no RIFF/WAVE header.");
        }

        format = default;
        var haveFormat = false;
        dataOffset = -1;
        dataLength = 0;
        var offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            var id = bytes.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(offset + 4)..]);
            var body = offset + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                format = ReadFormatChunk(path, bytes[body..], size);
                haveFormat = true;
            }
            else if (id.SequenceEqual("data"u8))
            {
                var available = bytes.Length - body;
                dataOffset = body;
                dataLength = size == 0 || size > available ? available : (int)size;
                break;
            }

            offset = (int)Math.Min(bytes.Length, body + (long)size + (size & 1));
        }

        if (!haveFormat || dataOffset < 0)
        {
            throw new InvalidDataException(
                $"{path} is not a playable WAV file: it has no {(haveFormat ? "data" : "fmt ")} chunk "
                + "before the end of the file.");
        }

        if (format.BlockAlign > 0)
        {
            dataLength -= dataLength % format.BlockAlign;
        }
    }

    private static WavFormat ReadFormatChunk(string path, ReadOnlySpan<byte> body, uint size)
    {
        if (size < 16 || body.Length < 16)
        {
            throw new InvalidDataException(
                $"{path} has a format chunk of {size} bytes; at least 16 are needed.");
        }

        int tag = BinaryPrimitives.ReadUInt16LittleEndian(body);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
        var rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(body[4..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);

        // WAVE_FORMAT_EXTENSIBLE: the real format tag is the first two bytes of the sub-format GUID.
        if (tag == WaveFormatExtensible && size >= 40 && body.Length >= 26)
        {
            tag = BinaryPrimitives.ReadUInt16LittleEndian(body[24..]);
        }

        return new WavFormat(tag, channels, rate, bits);
    }

    private static InvalidDataException Unsupported(string path, WavFormat format, string expectation) =>
        new($"{path} cannot be used: it is {format}; {expectation}.");
}
