using System.Net;
using System.Net.Sockets;
using Appliance.Media.Audio;
using Appliance.Media.Codecs;
using Appliance.Media.Rtp;
using Appliance.Media.Tones;

namespace Appliance.Media.Tests.Engine;

/// <summary>
/// The far end of a leg played by a plain UDP socket on loopback: it can send raw datagrams or
/// a paced G.711 tone, and it decodes what it receives into a <see cref="SampleCollector"/>.
/// </summary>
internal sealed class RawRtpPeer : IAsyncDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(RtpHeader Header, byte[] Payload, IPEndPoint From)> _received = [];
    private readonly TaskCompletionSource _firstReceived =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _receiveLoop;
    private Task _toneLoop = Task.CompletedTask;
    private int _disposed;

    public RawRtpPeer(int wantedSamples = 4000)
    {
        Audio = new SampleCollector(wantedSamples);
        _receiveLoop = ReceiveAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_udp.Client.LocalEndPoint!;

    public SampleCollector Audio { get; }

    public Task FirstReceived => _firstReceived.Task;

    public IReadOnlyList<(RtpHeader Header, byte[] Payload, IPEndPoint From)> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public async Task SendAsync(byte[] datagram, int port) =>
        await _udp.SendAsync(datagram, new IPEndPoint(IPAddress.Loopback, port));

    /// <summary>Sends a tone as 20 ms PCMU packets to the port until disposed.</summary>
    /// <remarks>With <paramref name="swapPairs"/>, each even packet is held back and sent just after
    /// the odd one that follows it, so every pair arrives reordered.</remarks>
    public void StartTone(double frequencyHz, int port, bool swapPairs = false) =>
        StartAudio(new ToneGenerator(frequencyHz), port, swapPairs);

    /// <summary>Sends what <paramref name="source"/> plays (silence when it has nothing) as 20 ms
    /// PCMU packets to the port until disposed.</summary>
    public void StartAudio(IAudioSource source, int port, bool swapPairs = false)
    {
        _toneLoop = SendAudioAsync(source, new IPEndPoint(IPAddress.Loopback, port), swapPairs);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // The tone loop ends before the socket goes: a send between its tick and the dispose
        // would otherwise meet a disposed socket instead of the cancellation.
        await _stop.CancelAsync();
        await _toneLoop;
        _udp.Dispose();
        await _receiveLoop;
        _stop.Dispose();
    }

    private async Task SendAudioAsync(IAudioSource tone, IPEndPoint target, bool swapPairs)
    {
        var frame = new short[160];
        var packet = new byte[172];
        var held = new byte[172];
        var count = 0;
        var header = new RtpHeader { Marker = true, PayloadType = 0, Ssrc = 0xFEED, SequenceNumber = 10 };
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (!tone.ReadFrame(frame))
                {
                    frame.AsSpan().Clear();
                }

                header.Write(packet);
                G711.Encode(AudioCodec.Pcmu, frame, packet.AsSpan(12));
                if (swapPairs && count++ % 2 == 0)
                {
                    packet.CopyTo(held, 0);
                }
                else
                {
                    await _udp.SendAsync(packet, target, _stop.Token);
                    if (swapPairs)
                    {
                        await _udp.SendAsync(held, target, _stop.Token);
                    }
                }

                header = header with
                {
                    Marker = false,
                    SequenceNumber = (ushort)(header.SequenceNumber + 1),
                    Timestamp = header.Timestamp + 160,
                };
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReceiveAsync()
    {
        var samples = new short[160];
        try
        {
            while (true)
            {
                var result = await _udp.ReceiveAsync(_stop.Token);
                if (!RtpPacket.TryRead(result.Buffer, out var header, out var payload))
                {
                    continue;
                }

                lock (_received)
                {
                    _received.Add((header, payload.ToArray(), result.RemoteEndPoint));
                }

                _firstReceived.TrySetResult();
                if (header.PayloadType is 0 or 8 && payload.Length == 160)
                {
                    G711.Decode((AudioCodec)header.PayloadType, payload, samples);
                    Audio.WriteFrame(samples);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
