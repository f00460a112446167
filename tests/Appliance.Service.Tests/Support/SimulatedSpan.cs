using Appliance.Drivers.Simulation;

namespace Appliance.Service.Tests.Support;

/// <summary>Waits on the simulated card's control socket for a port to come into service.</summary>
public static class SimulatedSpan
{
    /// <summary>Polls <c>ports</c> until <paramref name="port"/> (as it lists it, e.g.
    /// <c>e1-0:30</c>) shows no alarms: on an E1, layer 2 is up.</summary>
    public static async Task WaitInServiceAsync(SimulatedCardControl exchange, string port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var reply = await exchange.CommandAsync("ports", CancellationToken.None);
            Assert.True(reply.Ok, $"ports: {reply.Text}");
            if (reply.Text.Contains(port + ":alarms=0", StringComparison.Ordinal))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Port {port} never came into service");
            await Task.Delay(100);
        }
    }
}
