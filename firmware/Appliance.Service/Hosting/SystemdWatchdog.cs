using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Appliance.Service.Board;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace Appliance.Service.Hosting;

/// <summary>
/// Pings systemd's service watchdog (WatchdogSec= in the unit, sd_notify "WATCHDOG=1") at half
/// its interval, but only while the service's health probe passes (the database takes a write and
/// SIP answers an OPTIONS to its own port): a service that still runs but no longer takes calls
/// is killed and restarted by systemd. Does nothing outside systemd.
/// </summary>
internal sealed class SystemdWatchdog : BackgroundService
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly ServiceHealthProbe _probe;
    private readonly ILogger _log;
    private readonly string? _socketPath;
    private readonly TimeSpan _interval;

    public SystemdWatchdog(ApplianceRuntime runtime, ILogger log)
    {
        _probe = new ServiceHealthProbe(runtime.Database, runtime.SipEndPoint, TimeProvider.System);
        _log = log;
        _socketPath = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        var usec = Environment.GetEnvironmentVariable("WATCHDOG_USEC");
        _interval = long.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? TimeSpan.FromMicroseconds(value / 2.0)
            : TimeSpan.Zero;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_socketPath is null || _interval == TimeSpan.Zero)
        {
            return;
        }

        _log.Information("Feeding the systemd watchdog every {Interval} while SIP answers", _interval);
        var failures = 0;
        using var timer = new PeriodicTimer(_interval);
        do
        {
            var problem = await CheckAsync(stoppingToken).ConfigureAwait(false);
            if (problem is null)
            {
                Notify("WATCHDOG=1");
                if (failures > 1)
                {
                    _log.Information("Health check passes again; feeding the systemd watchdog");
                }

                failures = 0;
            }
            else if (++failures == 2)
            {
                // One miss is a busy moment (the first probe can race the start); two in a row
                // mean calls are not being answered, and systemd will restart the service.
                _log.Error("Health check failed twice ({Reason}); no longer feeding the systemd watchdog", problem);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Null when healthy; otherwise why not. A probe that hangs counts as a failure.</summary>
    private async Task<string?> CheckAsync(CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            var verdict = await _probe.CheckAsync(timeout.Token).ConfigureAwait(false);
            return verdict.Healthy ? null : verdict.Problem;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return $"no answer within {ProbeTimeout.TotalSeconds} s";
        }
    }

    private void Notify(string state)
    {
        // A leading '@' names a socket in the abstract namespace (sd_notify(3)).
        var path = _socketPath!.StartsWith('@') ? "\0" + _socketPath[1..] : _socketPath;
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.SendTo(Encoding.ASCII.GetBytes(state), new UnixDomainSocketEndPoint(path));
    }
}
