using System.Net;
using System.Net.Sockets;
using Appliance.Media.Codecs;
using Appliance.Media.Rtp;
using Appliance.Media.Tests.Engine;
using Appliance.Media.Tones;

namespace Appliance.Media.Tests.Srtp;

/// <summary>
/// The far end of an SRTP leg on loopback whose every packet goes through libsrtp2: a paced
/// G.711 tone protected by one libsrtp-peer process, and what arrives unprotected by another
/// and decoded into a <see cref="SampleCollector"/>.
/// </summary>
internal sealed class LibSrtpRtpPeer : IAsyncDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly LibSrtpPeer _protect;
    private readonly LibSrtpPeer _unprotect;
    private readonly Task _receiveLoop;
    private Task _toneLoop = Task.CompletedTask;
    private int _refused;

    /// <param name="sendingKey">The key this peer offered (it sends with it).</param>
    /// <param name="receivingKey">The key the box offered (the box sends with it).</param>
    public LibSrtpRtpPeer(ReadOnlySpan<byte> sendingKey, ReadOnlySpan<byte> receivingKey)
    {
        _protect = new LibSrtpPeer("protect", 80, sendingKey);
        _unprotect = new LibSrtpPeer("unprotect", 80, receivingKey);
        _receiveLoop = Task.Run(ReceiveAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_udp.Client.LocalEndPoint!;

    public SampleCollector Audio { get; } = new(wantedSamples: 4000);

    /// <summary>Packets libsrtp refused to unprotect.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public void StartTone(double frequencyHz, int port) =>
        _toneLoop = SendToneAsync(frequencyHz, new IPEndPoint(IPAddress.Loopback, port));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _toneLoop;
        _udp.Dispose();
        await _receiveLoop;
        _protect.Dispose();
        _unprotect.Dispose();
        _stop.Dispose();
    }

    private async Task SendToneAsync(double frequencyHz, IPEndPoint target)
    {
        var tone = new ToneGenerator(frequencyHz);
        var frame = new short[160];
        var packet = new byte[172];
        var header = new RtpHeader { PayloadType = 0, Ssrc = 0xBEEF, SequenceNumber = 65500 };
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                tone.ReadFrame(frame);
                header.Write(packet);
                G711.Encode(AudioCodec.Pcmu, frame, packet.AsSpan(12));
                var protectedPacket = _protect.Transform(packet, out _);
                if (protectedPacket is not null)
                {
                    await _udp.SendAsync(protectedPacket, target, _stop.Token);
                }

                header = header with
                {
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
                var plain = _unprotect.Transform(result.Buffer, out _);
                if (plain is null)
                {
                    Interlocked.Increment(ref _refused);
                    continue;
                }

                if (RtpPacket.TryRead(plain, out var header, out var payload)
                    && header.PayloadType == 0
                    && payload.Length == 160)
                {
                    G711.Decode(AudioCodec.Pcmu, payload, samples);
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
