namespace Appliance.Board.Panel;

/// <summary>
/// A consistent picture of the box for the status screens and LEDs, taken once per refresh.
/// </summary>
/// <param name="HostName">The host name.</param>
/// <param name="Addresses">IPv4 addresses of the interfaces that are up, loopback excluded.</param>
/// <param name="ActiveCalls">Calls in progress.</param>
/// <param name="AgentsReady">Agents logged in and free to take a call.</param>
/// <param name="WaitingCalls">Calls queued for an agent.</param>
/// <param name="Trunks">Every trunk, in the order the panel lists them.</param>
/// <param name="Alarms">Alarm texts shown before anything else, newest first.</param>
/// <param name="Healthy">Whether the service's health checks pass.</param>
public sealed record PanelStatus(
    string HostName,
    IReadOnlyList<string> Addresses,
    int ActiveCalls,
    int AgentsReady,
    int WaitingCalls,
    IReadOnlyList<TrunkStatus> Trunks,
    IReadOnlyList<string> Alarms,
    bool Healthy)
{
    /// <summary>Whether any trunk is in alarm or any alarm is raised.</summary>
    public bool AnyAlarm => Alarms.Count > 0 || Trunks.Any(t => t.InAlarm);

    /// <summary>What the panel shows before the first snapshot arrives.</summary>
    public static PanelStatus Starting { get; } = new("sparklecc", [], 0, 0, 0, [], [], Healthy: false);
}
