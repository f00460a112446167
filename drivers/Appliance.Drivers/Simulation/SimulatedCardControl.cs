using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Appliance.Drivers.Simulation;

/// <summary>
/// A client of a simulated card's control socket: it plays the far end (the exchange, the analog
/// line, the mobile network) for tests and the bench. Commands are sent one at a time; the far
/// end's event lines ("event setup ...", "event release ...") are queued for
/// <see cref="WaitForEventAsync"/>. The command set is in docs/drivers.md.
/// </summary>
public sealed class SimulatedCardControl : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly Channel<string> _replies = Channel.CreateUnbounded<string>();
    private readonly Channel<string> _events = Channel.CreateUnbounded<string>();
    private readonly List<string> _unclaimed = [];
    private readonly SemaphoreSlim _commandLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;

    private SimulatedCardControl(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _reader = ReadLinesAsync(_stop.Token);
    }

    public static async Task<SimulatedCardControl> ConnectAsync(
        string socketPath,
        CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken)
                .ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new SimulatedCardControl(socket);
    }

    /// <summary>Sends one command line and returns its reply.</summary>
    /// <exception cref="ArgumentException">The command holds a line break.</exception>
    public async Task<SimulatorReply> CommandAsync(string command, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        if (command.Contains('\n', StringComparison.Ordinal) || command.Contains('\r', StringComparison.Ordinal))
        {
            throw new ArgumentException("A control command is one line.", nameof(command));
        }

        await _commandLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\n"), cancellationToken)
                .ConfigureAwait(false);
            string line = await _replies.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            string verb = space < 0 ? line : line[..space];
            return new SimulatorReply(verb == "ok", space < 0 ? string.Empty : line[(space + 1)..]);
        }
        finally
        {
            _commandLock.Release();
        }
    }

    /// <summary>Waits for the next far-end event line starting with <paramref name="prefix"/>
    /// (for example "setup port=0"); earlier lines that do not match stay queued.</summary>
    /// <exception cref="TimeoutException">None came within <paramref name="timeout"/>.</exception>
    public async Task<string> WaitForEventAsync(
        string prefix,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        string wanted = "event " + prefix;
        lock (_unclaimed)
        {
            int index = _unclaimed.FindIndex(l => l.StartsWith(wanted, StringComparison.Ordinal));
            if (index >= 0)
            {
                string found = _unclaimed[index];
                _unclaimed.RemoveAt(index);
                return found;
            }
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                string line = await _events.Reader.ReadAsync(deadline.Token).ConfigureAwait(false);
                if (line.StartsWith(wanted, StringComparison.Ordinal))
                {
                    return line;
                }
                lock (_unclaimed)
                {
                    _unclaimed.Add(line);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No simulator event '{prefix}' within {timeout}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Shutdown(SocketShutdown.Both);
        try
        {
            await _reader.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The reader ends by cancellation; nothing was lost.
        }
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
        _commandLock.Dispose();
        _stop.Dispose();
    }

    private async Task ReadLinesAsync(CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(_stream, Encoding.ASCII, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            Channel<string> target = line.StartsWith("event ", StringComparison.Ordinal) ? _events : _replies;
            target.Writer.TryWrite(line);
        }
        _replies.Writer.TryComplete();
        _events.Writer.TryComplete();
    }
}
