using System.Runtime.InteropServices;

namespace Appliance.Service.Hosting;

/// <summary>
/// SIGTERM (systemctl stop) and SIGINT as a cancellation for the whole life of the process. Before
/// the host exists nothing else handles them, so a stop during a slow start-up (certificate,
/// database, card) would otherwise kill the process mid-step or surface as a cancelled task; with
/// this, start-up checks <see cref="Token"/> and stops in order, and the host is told once it runs.
/// </summary>
internal sealed class StopRequest : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _terminate;
    private readonly PosixSignalRegistration _interrupt;

    public StopRequest()
    {
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
    }

    public CancellationToken Token => _stop.Token;

    public bool Requested => _stop.IsCancellationRequested;

    public void Dispose()
    {
        _terminate.Dispose();
        _interrupt.Dispose();
        _stop.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        // The process is stopped in order by whoever watches the token, not by the runtime's default.
        context.Cancel = true;
        _stop.Cancel();
    }
}
