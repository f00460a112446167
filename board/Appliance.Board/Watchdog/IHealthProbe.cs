namespace Appliance.Board.Watchdog;

/// <summary>The service's health checks, asked before every watchdog feed.</summary>
/// <remarks>Must answer within the watchdog interval; a probe that hangs counts as a failure.</remarks>
public interface IHealthProbe
{
    ValueTask<HealthVerdict> CheckAsync(CancellationToken cancellationToken);
}
