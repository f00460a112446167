using Appliance.Telephony.Callbacks;
using Microsoft.Extensions.Configuration;

namespace Appliance.Service.Configuration;

/// <summary>
/// Reads <c>Callbacks:*</c>: where (Trunk, one address:port or several in failover order) and how
/// often waiting callers are called back.
/// </summary>
internal static class CallbackSettings
{
    /// <exception cref="ConfigurationException">A value is invalid; the key is named.</exception>
    public static CallbackOptions Load(IConfiguration configuration, ConfigurationReader read)
    {
        return new CallbackOptions
        {
            Trunk = Outbound.RouteList.Read(configuration, "Callbacks:Trunk") ?? [],
            MaxAttempts = read.Int("Callbacks:MaxAttempts", 3, 1, 20),
            RetryAfter = read.Duration(
                "Callbacks:RetryAfter", TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)),
            RingLimit = read.Duration(
                "Callbacks:RingLimit", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(2)),
            ConfirmTimeout = read.Duration(
                "Callbacks:ConfirmTimeout", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1)),
            OfferTimeout = read.Duration(
                "Callbacks:OfferTimeout", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1)),
        };
    }
}
