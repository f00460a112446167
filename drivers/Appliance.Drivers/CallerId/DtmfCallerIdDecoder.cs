using System.Text;
using Serilog;

namespace Appliance.Drivers.CallerId;

/// <summary>
/// Finds a DTMF caller ID (as Chinese and some European exchanges send before the first ring) in
/// 8 kHz 16-bit linear samples: a start key A or D, the digits, and C. After the start key, B and
/// two digits give a reason instead of a number (10 private, 00 unavailable). Keys are found with
/// the Goertzel algorithm over blocks of 128 samples (16 ms) and count once two blocks agree, so
/// a key of 40 ms is enough. Not thread
/// safe: one decoder per line.
/// </summary>
public sealed class DtmfCallerIdDecoder
{
    private const int BlockSamples = 128;
    private const int MaxDigits = 32;

    // A caller ID whose keys stop for more than about 1.5 s is abandoned.
    private const int MaxGapBlocks = 94;

    // Below this mean square (about -50 dBFS) a block is silence.
    private const double EnergyFloor = 10000;

    private const string Keys = "123A456B789C*0#D";
    private static readonly double[] s_rowsHz = [697, 770, 852, 941];
    private static readonly double[] s_columnsHz = [1209, 1336, 1477, 1633];

    private readonly ILogger _log;
    private readonly short[] _block = new short[BlockSamples];
    private readonly StringBuilder _keys = new();
    private int _filled;
    private char? _candidate;
    private bool _reported;
    private int _gapBlocks;

    public DtmfCallerIdDecoder(ILogger? log = null)
    {
        _log = log ?? Serilog.Core.Logger.None;
    }

    /// <summary>Feeds samples; returns the caller IDs that completed inside them (usually none).</summary>
    public IReadOnlyList<CallerIdMessage> Feed(ReadOnlySpan<short> samples)
    {
        List<CallerIdMessage>? done = null;
        while (samples.Length > 0)
        {
            var take = Math.Min(samples.Length, BlockSamples - _filled);
            samples[..take].CopyTo(_block.AsSpan(_filled));
            _filled += take;
            samples = samples[take..];
            if (_filled < BlockSamples)
            {
                break;
            }

            _filled = 0;
            if (OnKeyBlock(DetectKey(_block)) is { } message)
            {
                (done ??= []).Add(message);
            }
        }

        return done is null ? [] : done;
    }

    /// <summary>Forgets any half-received caller ID.</summary>
    public void Reset()
    {
        _keys.Clear();
        _candidate = null;
        _reported = false;
        _filled = 0;
    }

    internal static char? DetectKey(ReadOnlySpan<short> block)
    {
        var energy = 0.0;
        foreach (var s in block)
        {
            energy += (double)s * s;
        }

        if (energy / block.Length < EnergyFloor)
        {
            return null;
        }

        var (row, rowPower, rowSecond) = Strongest(block, s_rowsHz);
        var (column, columnPower, columnSecond) = Strongest(block, s_columnsHz);

        // A pure tone of amplitude a gives a Goertzel power of (a N / 2)^2 and a block energy of
        // N a^2 / 2; so power / (N / 2 * energy) is each tone's share of the block. Both tones must
        // carry most of it, stand well above their neighbours, and twist stays within 8 dB.
        var scale = block.Length / 2.0 * energy;
        var rowShare = rowPower / scale;
        var columnShare = columnPower / scale;
        var twist = rowPower / columnPower;
        if (rowShare + columnShare < 0.7 || rowShare < 0.1 || columnShare < 0.1
            || twist > 6.3 || twist < 1 / 6.3
            || rowSecond * 6 > rowPower || columnSecond * 6 > columnPower)
        {
            return null;
        }

        return Keys[(row * 4) + column];
    }

    private static (int Index, double Power, double Second) Strongest(ReadOnlySpan<short> block,
        double[] frequencies)
    {
        var best = -1;
        var bestPower = 0.0;
        var second = 0.0;
        for (var i = 0; i < frequencies.Length; i++)
        {
            var power = Goertzel(block, frequencies[i]);
            if (power > bestPower)
            {
                second = bestPower;
                bestPower = power;
                best = i;
            }
            else if (power > second)
            {
                second = power;
            }
        }

        return (Math.Max(best, 0), bestPower, second);
    }

    private static double Goertzel(ReadOnlySpan<short> block, double frequencyHz)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequencyHz / CallerIdEncoder.SampleRateHz);
        double previous = 0, beforePrevious = 0;
        foreach (var s in block)
        {
            var current = s + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        return (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
    }

    private CallerIdMessage? OnKeyBlock(char? key)
    {
        if (key is null || key != _candidate)
        {
            _candidate = key;
            _reported = false;
            if (key is null && _keys.Length > 0 && ++_gapBlocks > MaxGapBlocks)
            {
                _log.Debug("DTMF caller ID abandoned after {Keys}: no key for too long", _keys.ToString());
                _keys.Clear();
            }

            return null;
        }

        // The same key in two blocks in a row is one press; it counts once until it stops.
        if (_reported)
        {
            return null;
        }

        _reported = true;
        _gapBlocks = 0;
        return OnKey(key.Value);
    }

    private CallerIdMessage? OnKey(char key)
    {
        if (_keys.Length == 0)
        {
            if (key is 'A' or 'D')
            {
                _keys.Append(key);
            }

            return null;
        }

        if (key == 'C')
        {
            var received = _keys.ToString(1, _keys.Length - 1);
            _keys.Clear();
            return ToMessage(received);
        }

        if (key is 'A' or 'D')
        {
            // A new start key restarts the caller ID.
            _keys.Clear().Append(key);
            return null;
        }

        if (_keys.Length > MaxDigits || key is '*' or '#' || (key == 'B' && _keys.Length > 1))
        {
            _log.Debug("DTMF caller ID abandoned: unexpected key {Key} after {Keys}", key, _keys.ToString());
            _keys.Clear();
            return null;
        }

        _keys.Append(key);
        return null;
    }

    private CallerIdMessage? ToMessage(string received)
    {
        if (received.Length > 0 && received[0] == 'B')
        {
            var absence = received switch
            {
                "B10" => CallerIdAbsence.Private,
                "B00" => CallerIdAbsence.Unavailable,
                _ => (CallerIdAbsence?)null,
            };
            if (absence is null)
            {
                _log.Warning("DTMF caller ID refused: unknown reason code {Code}", received);
                return null;
            }

            return new CallerIdMessage { Format = CallerIdFormat.Dtmf, NumberAbsence = absence.Value };
        }

        if (received.Length == 0)
        {
            return null;
        }

        return new CallerIdMessage { Format = CallerIdFormat.Dtmf, Number = received };
    }
}
