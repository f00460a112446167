using System.Globalization;
using System.Text.RegularExpressions;

namespace Appliance.Service.Tests.Support;

/// <summary>The PSTN gateway's own SIP port in a running service, read from the line the
/// service logs as the gateway starts (the port is chosen by the system).</summary>
public static partial class GatewayEndPoint
{
    public static async Task<int> PortAsync(ApplianceProcess service, TimeSpan timeout)
    {
        Assert.True(await service.WaitForOutputAsync("PSTN gateway on", timeout), service.Output);
        var match = GatewayLine().Match(service.Output);
        Assert.True(match.Success, service.Output);
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"PSTN gateway on 127\.0\.0\.1:(\d+)")]
    private static partial Regex GatewayLine();
}
