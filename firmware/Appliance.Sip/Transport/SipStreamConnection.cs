using System.Net;
using System.Net.Sockets;
using Appliance.Sip.Messages;

namespace Appliance.Sip.Transport;

/// <summary>
/// One TCP or TLS connection of a <see cref="SipStreamTransport"/>: a read loop that frames and
/// parses messages, and serialised writes. Closes itself on a stream it cannot frame.
/// </summary>
internal sealed class SipStreamConnection : IAsyncDisposable
{
    private const int ReadChunkBytes = 16 * 1024;

    private readonly TcpClient _client;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private Stream _stream;
    private byte[] _leftover = [];
    private int _disposed;

    public SipStreamConnection(TcpClient client, Stream stream, IPEndPoint remote)
    {
        _client = client;
        _stream = stream;
        RemoteEndPoint = remote;
    }

    public IPEndPoint RemoteEndPoint { get; }

    /// <summary>True once the WebSocket handshake is done: messages travel in frames (RFC 7118).</summary>
    public bool IsWebSocket { get; private set; }

    /// <summary>The stream as accepted, before any TLS wrapper.</summary>
    public Stream RawStream => _stream;

    /// <summary>Replaces the raw stream with its TLS wrapper once the handshake is done.</summary>
    public void Upgrade(Stream stream) => _stream = stream;

    /// <summary>Writes one SIP message, in a text frame on a WebSocket (RFC 7118 §5.1).</summary>
    public ValueTask WriteMessageAsync(ReadOnlyMemory<byte> message) =>
        WriteAsync(IsWebSocket ? SipWebSocketFraming.Frame(SipWebSocketFraming.OpText, message.Span) : message);

    /// <summary>
    /// RFC 6455 §4.2: reads the HTTP upgrade and answers it; false (after a 400) when it is not a
    /// WebSocket upgrade for the "sip" subprotocol.
    /// </summary>
    public async Task<bool> AcceptWebSocketAsync(CancellationToken cancel)
    {
        const int maxHeadBytes = 8 * 1024;
        var buffer = new byte[maxHeadBytes];
        var filled = 0;
        while (true)
        {
            var end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var head = System.Text.Encoding.ASCII.GetString(buffer, 0, end);
                var accepted = SipWebSocketFraming.TryAnswerHandshake(head, out var answer);
                await WriteAsync(System.Text.Encoding.ASCII.GetBytes(answer)).ConfigureAwait(false);
                _leftover = buffer.AsSpan(end + 4, filled - end - 4).ToArray();
                IsWebSocket = accepted;
                return accepted;
            }

            if (filled == buffer.Length)
            {
                return false;
            }

            var read = await _stream.ReadAsync(buffer.AsMemory(filled), cancel).ConfigureAwait(false);
            if (read == 0)
            {
                return false;
            }

            filled += read;
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        await _writeGate.WaitAsync(_closing.Token).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(bytes, _closing.Token).ConfigureAwait(false);
            await _stream.FlushAsync(_closing.Token).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Reads until the peer closes: each framed message goes to <paramref name="onMessage"/> as it
    /// arrives, a malformed one to <paramref name="onMalformed"/>; pings are answered.
    /// </summary>
    public async Task ReadLoopAsync(
        Func<SipMessage, SipStreamConnection, ValueTask> onMessage,
        Func<SipParseError, SipStreamConnection, ValueTask> onMalformed,
        Action<string> onBroken)
    {
        if (IsWebSocket)
        {
            await WebSocketReadLoopAsync(onMessage, onMalformed, onBroken).ConfigureAwait(false);
            return;
        }

        var buffer = new byte[ReadChunkBytes];
        var filled = 0;
        while (!_closing.IsCancellationRequested)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, SipParser.MaxMessageBytes + ReadChunkBytes));
            }

            var read = await _stream.ReadAsync(buffer.AsMemory(filled), _closing.Token).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            filled += read;
            var consumed = 0;
            while (true)
            {
                var kind = SipStreamFrame.TryRead(
                    buffer.AsSpan(consumed, filled - consumed), SipParser.MaxMessageBytes, out var length);
                if (kind == SipStreamFrameKind.Incomplete)
                {
                    break;
                }

                if (kind == SipStreamFrameKind.Broken)
                {
                    onBroken("Stream cannot be framed: bad Content-Length or message over 64 KiB");
                    return;
                }

                var frame = buffer.AsMemory(consumed, length);
                consumed += length;
                if (kind == SipStreamFrameKind.Ping)
                {
                    // RFC 5626 §4.4.1: a double CRLF is answered with a single CRLF.
                    await WriteAsync("\r\n"u8.ToArray()).ConfigureAwait(false);
                }
                else if (kind == SipStreamFrameKind.Message)
                {
                    if (SipParser.TryParse(frame.Span, out var message, out var error))
                    {
                        await onMessage(message, this).ConfigureAwait(false);
                    }
                    else
                    {
                        await onMalformed(error, this).ConfigureAwait(false);
                    }
                }
            }

            if (consumed > 0)
            {
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
    }

    private async Task WebSocketReadLoopAsync(
        Func<SipMessage, SipStreamConnection, ValueTask> onMessage,
        Func<SipParseError, SipStreamConnection, ValueTask> onMalformed,
        Action<string> onBroken)
    {
        var buffer = new byte[Math.Max(ReadChunkBytes, _leftover.Length)];
        _leftover.CopyTo(buffer, 0);
        var filled = _leftover.Length;
        var message = new List<byte>();
        while (!_closing.IsCancellationRequested)
        {
            var consumed = 0;
            while (true)
            {
                var length = SipWebSocketFraming.TryRead(
                    buffer.AsSpan(consumed, filled - consumed), SipParser.MaxMessageBytes, out var fin,
                    out var opcode, out var payload);
                if (length == 0)
                {
                    break;
                }

                if (length < 0 || message.Count > SipParser.MaxMessageBytes)
                {
                    onBroken("WebSocket frame not allowed: unmasked, reserved bits or over 64 KiB");
                    return;
                }

                var data = buffer.AsMemory(consumed, length)[payload];
                consumed += length;
                switch (opcode)
                {
                    case SipWebSocketFraming.OpClose:
                        // RFC 6455 §5.5.1: answer a close with a close, then end.
                        await WriteAsync(SipWebSocketFraming.Frame(SipWebSocketFraming.OpClose, data.Span))
                            .ConfigureAwait(false);
                        return;
                    case SipWebSocketFraming.OpPing:
                        await WriteAsync(SipWebSocketFraming.Frame(SipWebSocketFraming.OpPong, data.Span))
                            .ConfigureAwait(false);
                        continue;
                    case SipWebSocketFraming.OpPong:
                        continue;
                }

                message.AddRange(data.Span);
                if (!fin)
                {
                    continue;
                }

                // RFC 7118 §5.1: each WebSocket message carries exactly one SIP message.
                var bytes = message.ToArray();
                message.Clear();
                if (SipParser.TryParse(bytes, out var parsed, out var error))
                {
                    await onMessage(parsed, this).ConfigureAwait(false);
                }
                else
                {
                    await onMalformed(error, this).ConfigureAwait(false);
                }
            }

            if (consumed > 0)
            {
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }

            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, SipParser.MaxMessageBytes + ReadChunkBytes));
            }

            var read = await _stream.ReadAsync(buffer.AsMemory(filled), _closing.Token).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            filled += read;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _closing.CancelAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _client.Dispose();
        _writeGate.Dispose();
        _closing.Dispose();
    }
}
