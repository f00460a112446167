using Serilog;

namespace Appliance.Drivers.CallerId;

/// <summary>
/// Finds FSK caller-ID messages in a stream of 8 kHz 16-bit linear samples from an FXO line.
/// A mark-against-space energy detector over one bit's worth of samples gives the bit; an
/// asynchronous receiver (start bit, eight data bits, stop bit) gives bytes once a run of mark has
/// followed the channel seizure; a message is handed out only when its checksum holds. Not thread
/// safe: one decoder per line, fed from one thread.
/// </summary>
public sealed class FskCallerIdDecoder
{
    private const double SamplesPerBit = (double)CallerIdEncoder.SampleRateHz / CallerIdEncoder.BaudRate;

    // 1200, 2200, 1300 and 2100 Hz all repeat within 80 samples at 8 kHz, so one table serves both
    // standards.
    private const int TablePeriod = 80;

    // At least ten bits of mark before a start bit counts (EN 300 659-1 sends 180).
    private const int ArmingMarkSamples = 67;

    // A message that pauses longer than this between bytes, or runs past 258 bytes, is abandoned.
    private const int MaxIdleSamples = 400;

    // The bit decision averages the discriminator over this many samples, against noise.
    private const int SmoothingSamples = 3;

    // Below this mean square (about -56 dBFS) the line counts as silent.
    private const double CarrierFloor = 2500;

    private readonly ILogger _log;
    private readonly double[] _markCos = new double[TablePeriod];
    private readonly double[] _markSin = new double[TablePeriod];
    private readonly double[] _spaceCos = new double[TablePeriod];
    private readonly double[] _spaceSin = new double[TablePeriod];
    private readonly int _window = (int)Math.Round(SamplesPerBit);
    private readonly double[,] _history;
    private readonly double[] _sums = new double[5];
    private readonly double[] _discriminator = new double[SmoothingSamples];
    private readonly List<byte> _frame = new(258);
    private long _sampleIndex;
    private ReceiverState _state;
    private int _markRun;
    private double _sinceEdge;
    private int _bitIndex;
    private int _byteValue;
    private int _idle;

    public FskCallerIdDecoder(FskStandard standard, ILogger? log = null)
    {
        Standard = standard;
        _log = log ?? Serilog.Core.Logger.None;
        _history = new double[_window, 5];
        var (markHz, spaceHz) = CallerIdEncoder.Tones(standard);
        for (var n = 0; n < TablePeriod; n++)
        {
            var t = 2 * Math.PI * n / CallerIdEncoder.SampleRateHz;
            _markCos[n] = Math.Cos(markHz * t);
            _markSin[n] = Math.Sin(markHz * t);
            _spaceCos[n] = Math.Cos(spaceHz * t);
            _spaceSin[n] = Math.Sin(spaceHz * t);
        }
    }

    private enum ReceiverState
    {
        Hunting,
        Armed,
        Receiving,
    }

    public FskStandard Standard { get; }

    /// <summary>Messages that framed but were refused (bad checksum, length or content).</summary>
    public int RefusedMessages { get; private set; }

    /// <summary>Feeds samples; returns the messages that completed inside them (usually none).</summary>
    public IReadOnlyList<CallerIdMessage> Feed(ReadOnlySpan<short> samples)
    {
        List<CallerIdMessage>? done = null;
        foreach (var sample in samples)
        {
            var (mark, carrier) = Detect(sample);
            if (Step(mark, carrier) is { } message)
            {
                (done ??= []).Add(message);
            }
        }

        return done is null ? [] : done;
    }

    /// <summary>Forgets any half-received message, as after an answer or a hang-up.</summary>
    public void Reset()
    {
        _state = ReceiverState.Hunting;
        _markRun = 0;
        _frame.Clear();
    }

    // Sliding correlation with both tones over one bit: the stronger tone is the bit.
    private (bool Mark, bool Carrier) Detect(short sample)
    {
        var phase = (int)(_sampleIndex % TablePeriod);
        var slot = (int)(_sampleIndex % _window);
        _sampleIndex++;
        Span<double> values =
        [
            sample * _markCos[phase], sample * _markSin[phase],
            sample * _spaceCos[phase], sample * _spaceSin[phase], (double)sample * sample,
        ];
        for (var i = 0; i < 5; i++)
        {
            _sums[i] += values[i] - _history[slot, i];
            _history[slot, i] = values[i];
        }

        // Normalised to -1..1 so that the average does not follow the level of the line.
        var markPower = (_sums[0] * _sums[0]) + (_sums[1] * _sums[1]);
        var spacePower = (_sums[2] * _sums[2]) + (_sums[3] * _sums[3]);
        _discriminator[_sampleIndex % SmoothingSamples] =
            (markPower - spacePower) / (markPower + spacePower + double.Epsilon);
        return (_discriminator.Sum() >= 0, _sums[4] / _window > CarrierFloor);
    }

    private CallerIdMessage? Step(bool mark, bool carrier)
    {
        if (!carrier)
        {
            AbandonIfReceiving("carrier lost");
            _state = ReceiverState.Hunting;
            _markRun = 0;
            return null;
        }

        switch (_state)
        {
            case ReceiverState.Hunting:
                _markRun = mark ? _markRun + 1 : 0;
                if (_markRun >= ArmingMarkSamples)
                {
                    _state = ReceiverState.Armed;
                    _idle = 0;
                }

                return null;
            case ReceiverState.Armed:
                if (mark)
                {
                    if (++_idle > MaxIdleSamples && _frame.Count > 0)
                    {
                        AbandonIfReceiving("pause between bytes");
                    }

                    return null;
                }

                // The falling edge opens a start bit; bits are read at their middles from here.
                _state = ReceiverState.Receiving;
                _sinceEdge = 0;
                _bitIndex = 0;
                _byteValue = 0;
                return null;
            default:
                return Receive(mark);
        }
    }

    private CallerIdMessage? Receive(bool mark)
    {
        _sinceEdge++;
        if (_sinceEdge < (_bitIndex + 0.5) * SamplesPerBit)
        {
            return null;
        }

        var bit = _bitIndex++;
        if (bit == 0)
        {
            // A start bit that is mark again at its middle was a glitch.
            _state = mark ? ReceiverState.Armed : ReceiverState.Receiving;
            return null;
        }

        if (bit <= 8)
        {
            _byteValue |= (mark ? 1 : 0) << (bit - 1);
            return null;
        }

        if (!mark)
        {
            AbandonIfReceiving("framing error");
            _state = ReceiverState.Hunting;
            _markRun = 0;
            return null;
        }

        _state = ReceiverState.Armed;
        _idle = 0;
        return AddByte((byte)_byteValue);
    }

    private CallerIdMessage? AddByte(byte value)
    {
        // The first byte must be a message type we read; anything else is not caller ID.
        if (_frame.Count == 0 && value is not (CallerIdMessageCodec.SdmfType or CallerIdMessageCodec.MdmfType))
        {
            _state = ReceiverState.Hunting;
            _markRun = 0;
            return null;
        }

        _frame.Add(value);
        if (_frame.Count < 2 || _frame.Count < _frame[1] + 3)
        {
            return null;
        }

        var bytes = _frame.ToArray();
        _frame.Clear();
        _state = ReceiverState.Hunting;
        _markRun = 0;
        if (CallerIdMessageCodec.TryDecode(bytes, out var message, out var error))
        {
            _log.Debug("Caller ID decoded from {Standard} FSK: {Format} message of {Length} bytes",
                Standard, message!.Format, bytes.Length);
            return message;
        }

        RefusedMessages++;
        _log.Warning("Caller ID message refused: {Reason}", error);
        return null;
    }

    private void AbandonIfReceiving(string reason)
    {
        if (_frame.Count > 0)
        {
            _log.Debug("Caller ID message abandoned after {Bytes} bytes: {Reason}", _frame.Count, reason);
            _frame.Clear();
        }

        _state = ReceiverState.Hunting;
        _markRun = 0;
    }
}
