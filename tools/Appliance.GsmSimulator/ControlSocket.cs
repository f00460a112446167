using System.Net.Sockets;
using System.Text;

namespace Appliance.GsmSimulator;

/// <summary>
/// A Unix stream socket that takes <see cref="SimulatorCommands"/> lines from any number of
/// clients (<c>socat - UNIX-CONNECT:/tmp/gsm.sock</c>, or a test), one reply line each. A client
/// that goes away costs nothing but its own connection.
/// </summary>
public sealed class ControlSocket : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly SimulatorCommands _commands;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private ControlSocket(Socket listener, string path, SimulatorCommands commands)
    {
        _listener = listener;
        _commands = commands;
        Path = path;
        _accepting = Task.Run(() => AcceptLoopAsync(_stop.Token));
    }

    public string Path { get; }

    /// <summary>Listens on <paramref name="path"/>, replacing a socket file left there.</summary>
    /// <exception cref="IOException">The path cannot be bound; the text says why in a sentence.</exception>
    public static ControlSocket Listen(string path, SimulatorCommands commands)
    {
        // bind(2) says only EADDRNOTAVAIL for a missing folder, which reads as a network fault.
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"the folder {folder} does not exist");
        }

        if (File.Exists(path))
        {
            File.Delete(path);
        }

        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(8);
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException)
        {
            listener.Dispose();
            throw new IOException($"cannot listen on {path}: {ex.Message}", ex);
        }

        return new ControlSocket(listener, path, commands);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for a client.
        }

        _stop.Dispose();
        File.Delete(Path);
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client, cancellationToken), cancellationToken);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        using var stream = new NetworkStream(client, ownsSocket: true);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
        try
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                await writer.WriteLineAsync(_commands.Run(line)).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or the simulator is stopping.
        }
    }
}
