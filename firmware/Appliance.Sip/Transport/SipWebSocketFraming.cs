using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Appliance.Sip.Transport;

/// <summary>
/// The server side of the WebSocket protocol that SIP over WebSocket needs (RFC 6455, RFC 7118):
/// the opening handshake with the "sip" subprotocol and the framing of messages. Thread safe (no
/// state).
/// </summary>
internal static class SipWebSocketFraming
{
    public const byte OpText = 0x1;
    public const byte OpBinary = 0x2;
    public const byte OpClose = 0x8;
    public const byte OpPing = 0x9;
    public const byte OpPong = 0xA;
    private const byte OpContinuation = 0x0;

    // RFC 6455 §1.3: the GUID appended to Sec-WebSocket-Key.
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>
    /// Reads the HTTP upgrade request (RFC 6455 §4.2.1) from <paramref name="head"/> and builds the
    /// 101 answer; false (with a 400 to send) when it is not a WebSocket upgrade asking for "sip".
    /// </summary>
    public static bool TryAnswerHandshake(string head, out string answer)
    {
        var lines = head.Split("\r\n");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                var name = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
            }
        }

        var isGet = lines[0].StartsWith("GET ", StringComparison.Ordinal);
        var upgrade = headers.GetValueOrDefault("Upgrade") ?? string.Empty;
        var key = headers.GetValueOrDefault("Sec-WebSocket-Key");
        var protocols = (headers.GetValueOrDefault("Sec-WebSocket-Protocol") ?? string.Empty)
            .Split(',', StringSplitOptions.TrimEntries);
        if (!isGet || !upgrade.Equals("websocket", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(key))
        {
            answer = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            return false;
        }

        // RFC 7118 §4.1: the subprotocol must be "sip"; without it we refuse the upgrade.
        if (!protocols.Contains("sip", StringComparer.OrdinalIgnoreCase))
        {
            answer = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            return false;
        }

        var accept = Convert.ToBase64String(AcceptHash(key));
        answer = "HTTP/1.1 101 Switching Protocols\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + $"Sec-WebSocket-Accept: {accept}\r\n"
            + "Sec-WebSocket-Protocol: sip\r\n\r\n";
        return true;
    }

    // RFC 6455 §4.2.2 fixes SHA-1 for Sec-WebSocket-Accept; it proves the server read the key,
    // it protects nothing, so the weakness of SHA-1 does not matter here.
    [System.Diagnostics.CodeAnalysis.SuppressMessage(
        "Security",
        "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "RFC 6455 §4.2.2 mandates SHA-1 for the handshake; no security rests on it.")]
    private static byte[] AcceptHash(string key) => SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid));

    /// <summary>A server frame (never masked, RFC 6455 §5.1) with FIN set.</summary>
    public static byte[] Frame(byte opcode, ReadOnlySpan<byte> payload)
    {
        var headerLength = payload.Length < 126 ? 2 : payload.Length <= ushort.MaxValue ? 4 : 10;
        var frame = new byte[headerLength + payload.Length];
        frame[0] = (byte)(0x80 | opcode);
        if (headerLength == 2)
        {
            frame[1] = (byte)payload.Length;
        }
        else if (headerLength == 4)
        {
            frame[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
        }
        else
        {
            frame[1] = 127;
            BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
        }

        payload.CopyTo(frame.AsSpan(headerLength));
        return frame;
    }

    /// <summary>
    /// Reads one frame from the start of <paramref name="buffer"/> (RFC 6455 §5.2), unmasking its
    /// payload in place. Returns 0 when incomplete, -1 when the frame is not allowed (unmasked
    /// client frame, reserved bits, over <paramref name="maxPayload"/>), else the frame length.
    /// </summary>
    public static int TryRead(
        Span<byte> buffer,
        int maxPayload,
        out bool fin,
        out byte opcode,
        out Range payload)
    {
        fin = false;
        opcode = 0;
        payload = default;
        if (buffer.Length < 2)
        {
            return 0;
        }

        fin = (buffer[0] & 0x80) != 0;
        opcode = (byte)(buffer[0] & 0x0F);
        var masked = (buffer[1] & 0x80) != 0;
        if ((buffer[0] & 0x70) != 0 || !masked || opcode is > OpBinary and < OpClose or > OpPong)
        {
            return -1;
        }

        long length = buffer[1] & 0x7F;
        var offset = 2;
        if (length == 126)
        {
            if (buffer.Length < 4)
            {
                return 0;
            }

            length = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
            offset = 4;
        }
        else if (length == 127)
        {
            if (buffer.Length < 10)
            {
                return 0;
            }

            length = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(buffer[2..]), long.MaxValue);
            offset = 10;
        }

        if (length > maxPayload)
        {
            return -1;
        }

        var total = offset + 4 + (int)length;
        if (buffer.Length < total)
        {
            return 0;
        }

        var mask = buffer.Slice(offset, 4);
        var data = buffer.Slice(offset + 4, (int)length);
        for (var i = 0; i < data.Length; i++)
        {
            data[i] ^= mask[i & 3];
        }

        payload = new Range(offset + 4, total);
        return total;
    }

    /// <summary>True for the opcode of a data frame continuing a fragmented message.</summary>
    public static bool IsContinuation(byte opcode) => opcode == OpContinuation;
}
