using System.Buffers.Binary;
using System.Text;
using Appliance.Media.Audio;

namespace Appliance.Telephony.Voicemail;

/// <summary>
/// Writes received audio, 8 kHz 16-bit mono, to a WAV file: the caller's side of a voicemail.
/// Frames arrive on the media clock and <see cref="Dispose"/> comes from the call's mailbox, so
/// both take one lock. The header holds the true length once the recorder is disposed.
/// </summary>
public sealed class MonoWavRecorder : IAudioSink, IDisposable
{
    private readonly Lock _gate = new();
    private readonly FileStream _stream;
    private readonly byte[] _frame = new byte[2 * 160];
    private bool _disposed;

    /// <exception cref="IOException">The file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public MonoWavRecorder(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        Path = path;
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 16 * 1024);
        _stream.Write(Header(dataBytes: 0));
    }

    public string Path { get; }

    /// <summary>Samples written so far.</summary>
    public long SampleCount { get; private set; }

    public TimeSpan Duration => TimeSpan.FromSeconds(SampleCount / 8000.0);

    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var bytes = frame.Length * 2;
            var buffer = bytes <= _frame.Length ? _frame : new byte[bytes];
            for (var i = 0; i < frame.Length; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(i * 2), frame[i]);
            }

            _stream.Write(buffer, 0, bytes);
            SampleCount += frame.Length;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _stream.Position = 0;
            _stream.Write(Header(SampleCount * 2));
            _stream.Dispose();
        }
    }

    /// <summary>The 44-byte RIFF header of 8 kHz 16-bit mono PCM with this much audio.</summary>
    private static byte[] Header(long dataBytes)
    {
        var header = new byte[44];
        var span = header.AsSpan();
        var data = (uint)Math.Min(dataBytes, uint.MaxValue - 36);
        Encoding.ASCII.GetBytes("RIFF", span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], 36 + data);
        Encoding.ASCII.GetBytes("WAVEfmt ", span[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], 8000);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], 16000);
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        Encoding.ASCII.GetBytes("data", span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], data);
        return header;
    }
}
