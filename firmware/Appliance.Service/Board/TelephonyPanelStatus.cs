using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Appliance.Board.Panel;
using Appliance.Board.Watchdog;
using Appliance.CallCenter.Agents;
using Appliance.Service.Hosting;

namespace Appliance.Service.Board;

/// <summary>
/// The panel's picture of the box from the running switchboard and ACD: calls in progress,
/// agents free, calls queued, and the health verdict of the watchdog's checks.
/// </summary>
/// <remarks>Trunks come from an <see cref="ITrunkStatusSource"/> registered by whoever runs the
/// spans, ports and modules; without one the trunk screen says none are configured.</remarks>
internal sealed class TelephonyPanelStatus : IPanelStatus
{
    private readonly ApplianceRuntime _runtime;
    private readonly WatchdogFeeder _health;
    private readonly ITrunkStatusSource? _trunks;

    public TelephonyPanelStatus(ApplianceRuntime runtime, WatchdogFeeder health, ITrunkStatusSource? trunks)
    {
        _runtime = runtime;
        _health = health;
        _trunks = trunks;
    }

    public PanelStatus Snapshot()
    {
        var acd = _runtime.Acd;
        var ready = _runtime.AgentIds.Count(a => acd.GetAgentState(a) == AgentState.Idle);
        var waiting = acd.QueueNames().Sum(q => acd.Snapshot(q).WaitingCalls);
        var verdict = _health.Verdict;
        return new PanelStatus(
            Dns.GetHostName(),
            Addresses(),
            _runtime.Switchboard.ActiveCalls,
            ready,
            waiting,
            _trunks?.Trunks() ?? [],
            Alarms: verdict.Healthy ? [] : [verdict.Problem ?? "health check failed"],
            verdict.Healthy);
    }

    private static List<string> Addresses()
    {
        var addresses = new List<string>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up
                || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }

            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                if (unicast.Address.AddressFamily == AddressFamily.InterNetwork)
                {
                    addresses.Add(unicast.Address.ToString());
                }
            }
        }

        return addresses;
    }
}
