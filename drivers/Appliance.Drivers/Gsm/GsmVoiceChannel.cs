using System.Buffers.Binary;
using System.IO.Ports;
using Serilog;

namespace Appliance.Drivers.Gsm;

/// <summary>
/// The voice of a call over a module's serial PCM port (Quectel AT+QPCMV, SIMCom AT+CPCMREG):
/// 8 kHz, 16-bit signed little-endian mono, with no framing, so 320 bytes are 20 ms. A reader
/// task cuts what arrives into 20 ms frames and keeps at most <see cref="MaxQueuedFrames"/>
/// (dropping the oldest, counted) so a late reader hears the present, not a backlog. Reading and
/// writing are safe from any one thread each and never block.
/// </summary>
public sealed class GsmVoiceChannel : IAsyncDisposable
{
    public const int FrameSamples = 160;
    public const int FrameBytes = FrameSamples * 2;
    public const int MaxQueuedFrames = 10;

    private readonly Stream _stream;
    private readonly IDisposable? _owner;
    private readonly ILogger _log;
    private readonly Queue<short[]> _frames = new();
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private readonly byte[] _out = new byte[FrameBytes];

    /// <summary>Carries voice over any byte stream; disposes it unless <paramref name="owner"/> is
    /// given, which is disposed instead.</summary>
    public GsmVoiceChannel(Stream stream, ILogger log, IDisposable? owner = null)
    {
        _stream = stream;
        _owner = owner;
        _log = log.ForContext<GsmVoiceChannel>();
        _reader = Task.Run(() => ReadLoopAsync(_stop.Token));
    }

    /// <summary>Frames thrown away because nobody read them in time.</summary>
    public long DroppedFrames { get; private set; }

    /// <summary>Frames written towards the network.</summary>
    public long FramesWritten { get; private set; }

    /// <exception cref="IOException">The port cannot be opened.</exception>
    public static GsmVoiceChannel OpenSerial(string portName, int baudRate, ILogger log)
    {
        var port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };
        port.Open();
        return new GsmVoiceChannel(port.BaseStream, log, owner: port);
    }

    /// <summary>Takes the oldest 20 ms frame the network sent.</summary>
    /// <returns>False when no whole frame is waiting.</returns>
    public bool TryReadFrame(Span<short> frame)
    {
        short[] next;
        lock (_gate)
        {
            if (!_frames.TryDequeue(out next!))
            {
                return false;
            }
        }

        next.CopyTo(frame);
        return true;
    }

    /// <summary>Sends a 20 ms frame (160 samples) towards the network.</summary>
    /// <exception cref="ArgumentException">The frame is not 160 samples.</exception>
    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        if (frame.Length != FrameSamples)
        {
            throw new ArgumentException($"A frame is {FrameSamples} samples, not {frame.Length}.", nameof(frame));
        }

        for (var i = 0; i < FrameSamples; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(_out.AsSpan(i * 2), frame[i]);
        }

        try
        {
            _stream.Write(_out);
            FramesWritten++;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or TimeoutException)
        {
            // The port is closing with the call; the frame has nowhere to go.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_owner is not null)
        {
            _owner.Dispose();
        }
        else
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }

        await _reader.ConfigureAwait(false);
        _stop.Dispose();
        if (DroppedFrames > 0)
        {
            _log.Information("GSM voice channel dropped {DroppedFrames} frames nobody read", DroppedFrames);
        }
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[FrameBytes * 4];
        var pending = new byte[FrameBytes];
        var filled = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            int read;
            try
            {
                read = await _stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            if (read == 0)
            {
                return;
            }

            for (var offset = 0; offset < read;)
            {
                var take = Math.Min(read - offset, FrameBytes - filled);
                buffer.AsSpan(offset, take).CopyTo(pending.AsSpan(filled));
                filled += take;
                offset += take;
                if (filled == FrameBytes)
                {
                    filled = 0;
                    Enqueue(pending);
                }
            }
        }
    }

    private void Enqueue(byte[] bytes)
    {
        var frame = new short[FrameSamples];
        for (var i = 0; i < FrameSamples; i++)
        {
            frame[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(i * 2));
        }

        lock (_gate)
        {
            if (_frames.Count == MaxQueuedFrames)
            {
                _frames.Dequeue();
                DroppedFrames++;
            }

            _frames.Enqueue(frame);
        }
    }
}
