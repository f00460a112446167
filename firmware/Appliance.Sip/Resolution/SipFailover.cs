using Appliance.Sip.Messages;
using Appliance.Sip.Transactions;
using Serilog;

namespace Appliance.Sip.Resolution;

/// <summary>
/// Sends a request to the targets of <see cref="SipTargetResolver"/> in turn (RFC 3263 §4.3): the
/// next one is tried when a target does not answer (the client transaction times out) or
/// answers 503 Service Unavailable; any other response ends the search.
/// </summary>
public static class SipFailover
{
    /// <summary>
    /// Sends a fresh request from <paramref name="build"/> (a new transaction each time, so a new
    /// branch) to each target until one answers other than 503.
    /// </summary>
    /// <returns>The response and the target that gave it, or nulls when every target failed.</returns>
    public static async Task<(SipResponse? Response, SipTarget? Target)> SendAsync(
        SipTransactionLayer sip,
        Func<SipRequest> build,
        IReadOnlyList<SipTarget> targets,
        ILogger log)
    {
        ArgumentNullException.ThrowIfNull(sip);
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(log);

        SipResponse? last = null;
        foreach (var target in targets)
        {
            var request = build();
            var response = await sip.SendRequest(request, target.EndPoint).FinalResponse.ConfigureAwait(false);
            if (response is not null && response.StatusCode != 503)
            {
                return (response, target);
            }

            last = response;
            log.Warning(
                "{Method} to {Target} failed ({Status}); trying the next server",
                request.Method,
                target.EndPoint,
                response?.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer");
        }

        return (last, null);
    }
}
