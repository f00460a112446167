using System.Buffers.Binary;

namespace Appliance.Media.Audio;

/// <summary>
/// Records a call as an 8 kHz, 16-bit, two-channel WAV file, frame by frame. The RIFF and data
/// sizes in the header are patched on every flush, which happens after each second of audio,
/// on <see cref="Flush"/> and on <see cref="Dispose"/>, so a file cut off by a power failure
/// still plays up to its last flush.
/// </summary>
/// <remarks>
/// Thread-safe: one lock guards the file, so a bridge may write on the media clock thread while
/// another thread disposes. Flushes hand the data to the operating system; only
/// <see cref="Dispose"/> waits for the disk, because an fsync every second would stall the
/// media clock on slow flash. A power cut can therefore lose the last few seconds the system
/// had not yet written back; the reader copes with a header that claims more than the file has.
/// The file is limited to 4 GB (about 37 hours).
/// </remarks>
public sealed class StereoWavRecorder : IDisposable
{
    /// <summary>The header is patched after this many samples per channel (one second).</summary>
    public const int FlushIntervalSamples = 8000;

    private readonly object _lock = new();
    private readonly FileStream _stream;
    private readonly byte[] _header = new byte[WavHeader.Length];
    private byte[] _interleaved = new byte[4 * 160];
    private long _samplesSinceFlush;
    private bool _disposed;

    /// <summary>Creates (or replaces) the file, creating its folder when needed.</summary>
    /// <exception cref="IOException">The file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public StereoWavRecorder(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        Path = path;
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 16 * 1024);
        WavHeader.Write(_header, WavFormat.TelephoneStereo, 0);
        _stream.Write(_header);
        _stream.Flush();
    }

    public string Path { get; }

    /// <summary>Samples per channel written so far.</summary>
    public long SampleCount { get; private set; }

    public TimeSpan Duration => TimeSpan.FromSeconds(SampleCount / 8000.0);

    /// <summary>
    /// Appends one frame of each channel: left is the caller, right the agent by convention.
    /// </summary>
    /// <exception cref="ArgumentException">The channels differ in length.</exception>
    /// <exception cref="ObjectDisposedException">The recorder was disposed.</exception>
    /// <exception cref="IOException">The disk is full or failed.</exception>
    public void WriteFrame(ReadOnlySpan<short> left, ReadOnlySpan<short> right)
    {
        if (left.Length != right.Length)
        {
            throw new ArgumentException(
                $"The left frame has {left.Length} samples and the right {right.Length}.",
                nameof(right));
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_interleaved.Length < 4 * left.Length)
            {
                _interleaved = new byte[4 * left.Length];
            }

            for (var i = 0; i < left.Length; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(_interleaved.AsSpan(4 * i), left[i]);
                BinaryPrimitives.WriteInt16LittleEndian(_interleaved.AsSpan((4 * i) + 2), right[i]);
            }

            _stream.Write(_interleaved, 0, 4 * left.Length);
            SampleCount += left.Length;
            _samplesSinceFlush += left.Length;
            if (_samplesSinceFlush >= FlushIntervalSamples)
            {
                FlushLocked(toDisk: false);
            }
        }
    }

    /// <summary>Writes buffered audio and patches the header sizes.</summary>
    /// <exception cref="ObjectDisposedException">The recorder was disposed.</exception>
    public void Flush()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            FlushLocked(toDisk: false);
        }
    }

    /// <summary>Patches the header, waits for the disk and closes the file. Idempotent.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                FlushLocked(toDisk: true);
            }
            finally
            {
                _stream.Dispose();
            }
        }
    }

    // RIFF size = 36 + data bytes; data size = 4 bytes per stereo sample (WAV "canonical" form).
    private void FlushLocked(bool toDisk)
    {
        _stream.Flush();
        WavHeader.Write(_header, WavFormat.TelephoneStereo, 4 * SampleCount);
        RandomAccess.Write(_stream.SafeFileHandle, _header, 0);
        if (toDisk)
        {
            _stream.Flush(flushToDisk: true);
        }

        _samplesSinceFlush = 0;
    }
}
