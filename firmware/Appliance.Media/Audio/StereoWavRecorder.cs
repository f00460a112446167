using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Appliance.Media.Recording;

namespace Appliance.Media.Audio;

/// <summary>
/// Records a call as an 8 kHz, 16-bit, two-channel WAV file, frame by frame, or as stereo Ogg
/// Opus when <see cref="RecordingOptions.Format"/> says so (pages instead of header patches). Frames go through
/// a bounded <see cref="RecordingWriteQueue"/> to the file, so a slow disk never holds up the
/// media clock: when the queue is full a frame is dropped and counted. The RIFF and data sizes
/// in the header are patched after each second of audio written, on <see cref="Flush"/> and on
/// <see cref="Dispose"/>, so a file cut off by a power failure still plays up to its last patch.
/// </summary>
/// <remarks>
/// Thread-safe: a bridge may write on the media clock thread while another thread pauses or
/// disposes. Only <see cref="Dispose"/> waits for the disk (an fsync every second would stall
/// the writer on slow flash); it then hashes the file and hands a
/// <see cref="RecordingSummary"/> to the index of <see cref="RecordingOptions"/>, so an index
/// entry always names a complete file. While paused, silence is recorded in place of the call so
/// the file keeps its timeline. The file is limited to 4 GB (about 37 hours).
/// </remarks>
public sealed class StereoWavRecorder : IDisposable
{
    /// <summary>The header is patched after this many samples per channel (one second).</summary>
    public const int FlushIntervalSamples = 8000;

    private const int BytesPerSample = 4;

    private readonly object _lock = new();
    private readonly object _fileLock = new();
    private readonly Stream _stream;
    private readonly RecordingWriteQueue _queue;
    private readonly RecordingOptions _options;
    private readonly DateTimeOffset _startedUtc;
    private readonly byte[] _header = new byte[WavHeader.Length];
    private readonly OggOpusWriter? _opus;
    private byte[] _interleaved = new byte[BytesPerSample * 160];
    private long _samplesWritten;
    private long _samplesSincePatch;
    private long _pausedSamples;
    private bool _paused;
    private bool _faultReported;
    private bool _disposed;

    /// <summary>Creates (or replaces) the file, creating its folder when needed.</summary>
    /// <exception cref="IOException">The file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public StereoWavRecorder(string path)
        : this(path, new RecordingOptions())
    {
    }

    /// <summary>Creates (or replaces) the file, to be indexed and logged as the options say.</summary>
    /// <exception cref="IOException">The file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public StereoWavRecorder(string path, RecordingOptions options)
        : this(path, options, OpenFile)
    {
    }

    /// <summary>For tests: <paramref name="open"/> gives the (seekable) stream to write to.</summary>
    internal StereoWavRecorder(string path, RecordingOptions options, Func<string, Stream> open)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        Path = path;
        _options = options;
        _startedUtc = options.Time.GetUtcNow();
        _stream = open(path);
        if (options.Format == RecordingFormat.OggOpus)
        {
            // RFC 3533 §6: the serial number tells streams apart; random, as the encoders do.
            _opus = new OggOpusWriter(_stream, (uint)Random.Shared.NextInt64(uint.MaxValue));
            _opus.WriteHeaders();
        }
        else
        {
            WavHeader.Write(_header, WavFormat.TelephoneStereo, 0);
            _stream.Write(_header);
        }

        _stream.Flush();
        _queue = new RecordingWriteQueue(options.QueueFrames, BytesPerSample * 160, WriteBlock);
    }

    public string Path { get; }

    /// <summary>Samples per channel in the file so far (frames still queued are not counted).</summary>
    public long SampleCount => Interlocked.Read(ref _samplesWritten);

    public TimeSpan Duration => TimeSpan.FromSeconds(SampleCount / 8000.0);

    /// <summary>Frames lost so far because the queue to the disk was full.</summary>
    public long DroppedFrames => _queue.Dropped;

    /// <summary>Time recorded as silence while paused.</summary>
    public TimeSpan Paused => TimeSpan.FromSeconds(Interlocked.Read(ref _pausedSamples) / 8000.0);

    public bool IsPaused
    {
        get
        {
            lock (_lock)
            {
                return _paused;
            }
        }
    }

    /// <summary>
    /// Records silence instead of the call from the next frame on (a card number being read out,
    /// for instance). False when the recording was already paused.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The recorder was disposed.</exception>
    public bool Pause() => SetPaused(paused: true);

    /// <summary>Records the call again from the next frame on. False when it was not paused.</summary>
    /// <exception cref="ObjectDisposedException">The recorder was disposed.</exception>
    public bool Resume() => SetPaused(paused: false);

    /// <summary>
    /// Queues one frame of each channel: left is the caller, right the agent by convention. Does
    /// not wait for the disk; a frame that finds the queue full is dropped and counted.
    /// </summary>
    /// <exception cref="ArgumentException">The channels differ in length.</exception>
    /// <exception cref="ObjectDisposedException">The recorder was disposed.</exception>
    /// <exception cref="IOException">Writing the file failed (disk full or failed).</exception>
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
            ThrowIfFaultedLocked();
            var bytes = BytesPerSample * left.Length;
            if (_interleaved.Length < bytes)
            {
                _interleaved = new byte[bytes];
            }

            if (_paused)
            {
                // The pause keeps the timeline: the same length of silence takes the frame's place.
                _interleaved.AsSpan(0, bytes).Clear();
                Interlocked.Add(ref _pausedSamples, left.Length);
            }
            else
            {
                for (var i = 0; i < left.Length; i++)
                {
                    BinaryPrimitives.WriteInt16LittleEndian(_interleaved.AsSpan(4 * i), left[i]);
                    BinaryPrimitives.WriteInt16LittleEndian(_interleaved.AsSpan((4 * i) + 2), right[i]);
                }
            }

            _queue.TryEnqueue(_interleaved.AsSpan(0, bytes));
        }
    }

    /// <summary>Waits for the queued frames to be written and patches the header sizes.</summary>
    /// <exception cref="ObjectDisposedException">The recorder was disposed.</exception>
    /// <exception cref="IOException">Writing the file failed.</exception>
    public void Flush()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
        }

        _queue.WaitUntilWritten();
        lock (_fileLock)
        {
            PatchHeaderLocked(toDisk: false);
        }
    }

    /// <summary>
    /// Writes what is queued, patches the header, waits for the disk, closes the file, and then
    /// indexes it. Idempotent; never throws for a failed disk (that is logged).
    /// </summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _queue.Complete();
        var closed = Close();
        ReportDrops();
        if (closed)
        {
            Index();
        }
    }

    /// <summary>For tests: blocks until every frame queued so far is in the file.</summary>
    internal void WaitUntilWritten() => _queue.WaitUntilWritten();

    private static FileStream OpenFile(string path)
        => new(path, FileMode.Create, FileAccess.Write, FileShare.Read, 16 * 1024);

    private bool SetPaused(bool paused)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_paused == paused)
            {
                return false;
            }

            _paused = paused;
            return true;
        }
    }

    private void ThrowIfFaultedLocked()
    {
        if (_queue.Fault is { } fault && !_faultReported)
        {
            // Reported once: the caller logs it and closes the recorder.
            _faultReported = true;
            throw new IOException($"Recording {Path} could not be written: {fault.Message}", fault);
        }
    }

    // Runs on the queue's writer, one block at a time.
    private void WriteBlock(ReadOnlyMemory<byte> block)
    {
        lock (_fileLock)
        {
            if (_opus is null)
            {
                _stream.Write(block.Span);
            }
            else
            {
                // Encoding here, on the queue's worker, keeps the codec off the media clock.
                _opus.Write(block.Span);
            }

            var samples = block.Length / BytesPerSample;
            Interlocked.Add(ref _samplesWritten, samples);
            _samplesSincePatch += samples;
            if (_samplesSincePatch >= FlushIntervalSamples)
            {
                PatchHeaderLocked(toDisk: false);
            }
        }
    }

    // RIFF size = 36 + data bytes; data size = 4 bytes per stereo sample (WAV "canonical" form).
    private void PatchHeaderLocked(bool toDisk)
    {
        if (_opus is null)
        {
            WavHeader.Write(_header, WavFormat.TelephoneStereo, BytesPerSample * SampleCount);
            _stream.Seek(0, SeekOrigin.Begin);
            _stream.Write(_header);
            _stream.Seek(0, SeekOrigin.End);
        }

        if (toDisk && _stream is FileStream file)
        {
            file.Flush(flushToDisk: true);
        }
        else
        {
            _stream.Flush();
        }

        _samplesSincePatch = 0;
    }

    private bool Close()
    {
        lock (_fileLock)
        {
            try
            {
                if (_queue.Fault is null)
                {
                    _opus?.Finish();
                    PatchHeaderLocked(toDisk: true);
                    return true;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _options.Log?.Error(
                    ex, "Recording {Path} of call {CallId} could not be completed", Path, _options.CallId);
                return false;
            }
            finally
            {
                DisposeStreamQuietly();
            }
        }

        if (!_faultReported)
        {
            _options.Log?.Error(
                _queue.Fault,
                "Recording {Path} of call {CallId} could not be written",
                Path,
                _options.CallId);
        }

        return false;
    }

    private void DisposeStreamQuietly()
    {
        try
        {
            _stream.Dispose();
        }
        catch (IOException)
        {
            // The data was synced before; a failing close has nothing left to lose.
        }
    }

    private void ReportDrops()
    {
        if (_queue.Dropped > 0)
        {
            _options.Log?.Warning(
                "Recording {Path} of call {CallId} lost {DroppedFrames} frames: the disk did not keep up",
                Path,
                _options.CallId,
                _queue.Dropped);
        }
    }

    private void Index()
    {
        if (_options.Index is null)
        {
            return;
        }

        try
        {
            // Hashed from the disk after the sync, so the checksum is of what a reader will get.
            string sha256;
            long size;
            using (var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                size = file.Length;
                sha256 = Convert.ToHexStringLower(SHA256.HashData(file));
            }

            var summary = new RecordingSummary(
                _options.CallId,
                _options.IndexedPath ?? Path,
                _opus is null ? "wav" : "opus",
                _startedUtc,
                Duration,
                size,
                sha256,
                Paused,
                _queue.Dropped);
            _options.Index.Add(summary);
            _options.Log?.Information(
                "Recording {Path} of call {CallId} stored: {DurationSeconds} s, {SizeBytes} bytes",
                summary.Path,
                summary.CallId,
                Math.Round(summary.Duration.TotalSeconds, 1).ToString(CultureInfo.InvariantCulture),
                summary.SizeBytes);
        }
        catch (Exception ex)
        {
            // The file is complete; only its entry is missing, and the Cdr still names it.
            _options.Log?.Error(ex, "Recording {Path} of call {CallId} could not be indexed", Path, _options.CallId);
        }
    }
}
