using System.Buffers.Binary;
namespace Appliance.GsmSimulator;

/// <summary>
/// The module's end of a serial PCM voice port (QPCMV style: 8 kHz, 16-bit little-endian, no
/// framing) on a pty pair: plays the network's caller into the call at the real 20 ms pace, a
/// steady tone with DTMF keys sent in band on request, and keeps every sample the service wrote
/// towards the network.
/// </summary>
public sealed class PtyVoicePort : IDisposable
{
    private const int SampleRateHz = 8000;
    private const int FrameSamples = 160;

    private readonly PtyPair _pty = PtyPair.Open();
    private readonly List<short> _heard = [];
    private readonly object _gate = new();
    private readonly Thread _writer;
    private readonly Thread _reader;
    private volatile bool _stop;
    private volatile int _keyFramesLeft;
    private char _key;
    private long _sample;

    public PtyVoicePort(double toneHz)
    {
        ToneHz = toneHz;
        _writer = new Thread(Write) { IsBackground = true, Name = "pty voice writer" };
        _reader = new Thread(Read) { IsBackground = true, Name = "pty voice reader" };
        _writer.Start();
        _reader.Start();
    }

    public string DevicePath => _pty.DevicePath;

    public double ToneHz { get; }

    /// <summary>Sends <paramref name="key"/> in band for 100 ms (ITU-T Q.23 pair) instead of the tone.</summary>
    public void PressKey(char key)
    {
        _key = key;
        _keyFramesLeft = 5;
    }

    /// <summary>What the service sent towards the network since the last call.</summary>
    public short[] TakeHeard()
    {
        lock (_gate)
        {
            var heard = _heard.ToArray();
            _heard.Clear();
            return heard;
        }
    }

    public void Dispose()
    {
        _stop = true;
        _writer.Join();
        _reader.Join();
        _pty.Dispose();
    }

    private void Write()
    {
        var bytes = new byte[FrameSamples * 2];
        var next = DateTime.UtcNow;
        while (!_stop)
        {
            var (low, high) = _keyFramesLeft > 0 ? KeyPair(_key) : (ToneHz, 0.0);
            for (var i = 0; i < FrameSamples; i++, _sample++)
            {
                var t = (double)_sample / SampleRateHz;
                var value = high == 0 ? 8000 * Math.Sin(2 * Math.PI * low * t)
                    : 6000 * (Math.Sin(2 * Math.PI * low * t) + Math.Sin(2 * Math.PI * high * t));
                BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), (short)value);
            }

            if (_keyFramesLeft > 0)
            {
                _keyFramesLeft--;
            }

            _pty.Write(bytes);
            next += TimeSpan.FromMilliseconds(20);
            var wait = next - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }
        }
    }

    private void Read()
    {
        var buffer = new byte[4096];
        var odd = -1;
        while (!_stop)
        {
            var read = _pty.Read(buffer, timeoutMs: 100);
            lock (_gate)
            {
                for (var i = 0; i < read; i++)
                {
                    if (odd < 0)
                    {
                        odd = buffer[i];
                        continue;
                    }

                    _heard.Add((short)(odd | (buffer[i] << 8)));
                    odd = -1;
                }
            }
        }
    }

    private static (double Low, double High) KeyPair(char key) => key switch
    {
        '1' => (697, 1209),
        '2' => (697, 1336),
        '3' => (697, 1477),
        '5' => (770, 1336),
        '9' => (852, 1477),
        '0' => (941, 1336),
        _ => throw new ArgumentException($"No tone pair for '{key}' here.", nameof(key)),
    };
}
