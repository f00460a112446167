using Appliance.Sip.Resolution;
using Appliance.Sip.Transactions;
using Appliance.Sip.Trunks;
using DnsClient;
using Serilog;

namespace Appliance.Service.SipTrunks;

/// <summary>Starts the configured carrier trunks on the box's SIP layer and closes them on the way down.</summary>
internal static class CarrierTrunks
{
    public static IReadOnlyList<CarrierTrunk> Start(
        CarrierTrunkSettings settings,
        SipTransactionLayer sip,
        TimeProvider time,
        ILogger log,
        Stack<Func<ValueTask>> closers)
    {
        if (settings.Trunks.Count == 0)
        {
            return [];
        }

        var dns = settings.DnsServers.Count == 0
            ? new LookupClient(new LookupClientOptions { UseCache = true, Timeout = TimeSpan.FromSeconds(3) })
            : new LookupClient(new LookupClientOptions([.. settings.DnsServers])
            {
                UseCache = true,
                Timeout = TimeSpan.FromSeconds(3),
            });
        var resolver = new SipTargetResolver(dns, log);
        var trunks = new List<CarrierTrunk>();
        foreach (var options in settings.Trunks)
        {
            var trunk = new CarrierTrunk(sip, resolver, options, time, log);
            closers.Push(trunk.DisposeAsync);
            trunk.Start();
            trunks.Add(trunk);
        }

        return trunks;
    }
}
