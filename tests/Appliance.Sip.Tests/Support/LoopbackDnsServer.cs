using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Appliance.Sip.Tests.Support;

/// <summary>
/// A tiny authoritative DNS server on a loopback UDP port for resolution tests: answers A, SRV
/// and NAPTR questions from the records added (RFC 1035 §4.1 wire format, RFC 2782 SRV, RFC 3403
/// NAPTR), and an empty NOERROR answer to anything else. Counts the questions it was asked.
/// </summary>
internal sealed class LoopbackDnsServer : IAsyncDisposable
{
    private const ushort TypeA = 1;
    private const ushort TypeSrv = 33;
    private const ushort TypeNaptr = 35;

    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly Dictionary<(string Name, ushort Type), List<byte[]>> _records = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _questions;

    public LoopbackDnsServer()
    {
        _loop = Task.Run(ServeAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.Client.LocalEndPoint!;

    public int Questions => Volatile.Read(ref _questions);

    public void AddA(string name, IPAddress address) => Add(name, TypeA, address.GetAddressBytes());

    public void AddSrv(string name, ushort priority, ushort weight, ushort port, string target)
    {
        var data = new List<byte>();
        data.AddRange(Big(priority));
        data.AddRange(Big(weight));
        data.AddRange(Big(port));
        data.AddRange(EncodeName(target));
        Add(name, TypeSrv, [.. data]);
    }

    public void AddNaptr(string name, ushort order, ushort preference, string flags, string services, string replacement)
    {
        var data = new List<byte>();
        data.AddRange(Big(order));
        data.AddRange(Big(preference));
        data.AddRange(CharacterString(flags));
        data.AddRange(CharacterString(services));
        data.AddRange(CharacterString(string.Empty));
        data.AddRange(EncodeName(replacement));
        Add(name, TypeNaptr, [.. data]);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private void Add(string name, ushort type, byte[] data)
    {
        lock (_records)
        {
            var key = (name.ToLowerInvariant(), type);
            if (!_records.TryGetValue(key, out var list))
            {
                _records[key] = list = [];
            }

            list.Add(data);
        }
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var datagram = await _socket.ReceiveAsync(_stop.Token);
            Interlocked.Increment(ref _questions);
            if (Answer(datagram.Buffer) is { } reply)
            {
                await _socket.SendAsync(reply, datagram.RemoteEndPoint, _stop.Token);
            }
        }
    }

    private byte[]? Answer(byte[] query)
    {
        if (query.Length < 17)
        {
            return null;
        }

        var offset = 12;
        var labels = new List<string>();
        while (offset < query.Length && query[offset] != 0)
        {
            var length = query[offset];
            labels.Add(Encoding.ASCII.GetString(query, offset + 1, length));
            offset += length + 1;
        }

        var questionEnd = offset + 5;
        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(offset + 1));
        List<byte[]> answers;
        lock (_records)
        {
            answers = _records.TryGetValue((string.Join('.', labels).ToLowerInvariant(), type), out var found)
                ? [.. found]
                : [];
        }

        var reply = new List<byte>();
        reply.AddRange(query.AsSpan(0, 2).ToArray());
        reply.AddRange(Big((ushort)(0x8400 | (query[2] & 0x01) << 8)));
        reply.AddRange(Big(1));
        reply.AddRange(Big((ushort)answers.Count));
        reply.AddRange(Big(0));
        reply.AddRange(Big(0));
        reply.AddRange(query.AsSpan(12, questionEnd - 12).ToArray());
        foreach (var data in answers)
        {
            reply.AddRange([0xC0, 0x0C]);
            reply.AddRange(Big(type));
            reply.AddRange(Big(1));
            reply.AddRange([0, 0, 0, 60]);
            reply.AddRange(Big((ushort)data.Length));
            reply.AddRange(data);
        }

        return [.. reply];
    }

    private static byte[] Big(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] CharacterString(string text) => [(byte)text.Length, .. Encoding.ASCII.GetBytes(text)];

    private static byte[] EncodeName(string name)
    {
        var bytes = new List<byte>();
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            bytes.AddRange(CharacterString(label));
        }

        bytes.Add(0);
        return [.. bytes];
    }
}
