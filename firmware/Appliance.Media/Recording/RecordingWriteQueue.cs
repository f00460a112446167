namespace Appliance.Media.Recording;

/// <summary>
/// A bounded queue of audio blocks between the media clock and a recording file. The media
/// thread copies a block into one of a fixed set of buffers and returns at once; a thread-pool
/// worker writes the buffers in order while there are any, so a slow disk stalls the worker and
/// never the clock. When every buffer is taken the block is dropped and counted.
/// </summary>
/// <remarks>
/// Thread-safe. Nothing is allocated per block once each buffer has seen the largest block.
/// A block stays in its buffer until the writer has written it, so the block being written
/// counts against <see cref="Capacity"/>. An exception from the writer stops the queue: later
/// blocks are dropped and counted, and <see cref="Fault"/> holds the exception.
/// </remarks>
internal sealed class RecordingWriteQueue
{
    private readonly object _lock = new();
    private readonly byte[][] _buffers;
    private readonly int[] _lengths;
    private readonly Action<ReadOnlyMemory<byte>> _write;
    private int _head;
    private int _count;
    private bool _draining;
    private bool _completed;

    /// <param name="capacity">How many blocks may wait, the one being written included.</param>
    /// <param name="blockBytes">The usual block size; larger blocks grow their buffer once.</param>
    /// <param name="write">Writes one block; called on a thread-pool thread, one at a time.</param>
    public RecordingWriteQueue(int capacity, int blockBytes, Action<ReadOnlyMemory<byte>> write)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockBytes, 1);
        ArgumentNullException.ThrowIfNull(write);

        _buffers = new byte[capacity][];
        for (var i = 0; i < capacity; i++)
        {
            _buffers[i] = new byte[blockBytes];
        }

        _lengths = new int[capacity];
        _write = write;
    }

    public int Capacity => _buffers.Length;

    /// <summary>Blocks refused because the queue was full, stopped or completed.</summary>
    public long Dropped { get; private set; }

    /// <summary>The exception that stopped the writer, or null.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Copies a block into the queue; false (and counted) when it had to be dropped.</summary>
    public bool TryEnqueue(ReadOnlySpan<byte> block)
    {
        var startWorker = false;
        lock (_lock)
        {
            if (_count == _buffers.Length || _completed || Fault is not null)
            {
                Dropped++;
                return false;
            }

            var slot = (_head + _count) % _buffers.Length;
            if (_buffers[slot].Length < block.Length)
            {
                _buffers[slot] = new byte[block.Length];
            }

            block.CopyTo(_buffers[slot]);
            _lengths[slot] = block.Length;
            _count++;
            if (!_draining)
            {
                _draining = true;
                startWorker = true;
            }
        }

        if (startWorker)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static queue => queue.Drain(), this, preferLocal: false);
        }

        return true;
    }

    /// <summary>Blocks until every block queued so far has been written (or the writer failed).</summary>
    public void WaitUntilWritten()
    {
        lock (_lock)
        {
            while (_draining)
            {
                Monitor.Wait(_lock);
            }
        }
    }

    /// <summary>Refuses further blocks and waits for the queued ones to be written.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _completed = true;
        }

        WaitUntilWritten();
    }

    private void Drain()
    {
        while (true)
        {
            int slot;
            lock (_lock)
            {
                if (_count == 0 || Fault is not null)
                {
                    _draining = false;
                    Monitor.PulseAll(_lock);
                    return;
                }

                slot = _head;
            }

            try
            {
                _write(_buffers[slot].AsMemory(0, _lengths[slot]));
            }
            catch (Exception ex)
            {
                lock (_lock)
                {
                    // The blocks still waiting are lost with the file; count them as dropped.
                    Fault = ex;
                    Dropped += _count;
                    _count = 0;
                }

                continue;
            }

            lock (_lock)
            {
                _head = (_head + 1) % _buffers.Length;
                _count--;
            }
        }
    }
}
