using Appliance.Drivers.Gsm;

namespace Appliance.Drivers.Tests.Gsm;

/// <summary>Waiting for one kind of report from a modem in the pty tests.</summary>
internal static class ModemEvents
{
    /// <summary>The next event of <paramref name="kind"/>; events of other kinds before it are
    /// passed over.</summary>
    /// <exception cref="OperationCanceledException">None came within <paramref name="timeout"/>.</exception>
    public static async Task<GsmEvent> NextAsync(AtModem modem, GsmEventKind kind, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var e = await modem.Events.ReadAsync(deadline.Token);
            if (e.Kind == kind)
            {
                return e;
            }
        }
    }
}
