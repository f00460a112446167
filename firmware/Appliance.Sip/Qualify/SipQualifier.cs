using System.Globalization;
using System.Net;
using Appliance.Sip.Messages;
using Appliance.Sip.Transactions;

namespace Appliance.Sip.Qualify;

/// <summary>
/// Sends one out-of-dialog OPTIONS (RFC 3261 §11) to a peer and times its answer: any final
/// response, even an error, proves the peer alive; silence for the timeout does not.
/// </summary>
public static class SipQualifier
{
    /// <summary>The round trip to the final response, or null when none came within <paramref name="timeout"/>.</summary>
    /// <param name="sip">The layer that sends it (a new client transaction).</param>
    /// <param name="target">Where the OPTIONS goes.</param>
    /// <param name="requestUri">Its Request-URI: the peer's Contact or the trunk's domain.</param>
    /// <param name="timeout">How long to wait; shorter than Timer F, so a dead peer is seen soon.</param>
    /// <param name="time">The clock the round trip is measured on.</param>
    public static async Task<TimeSpan?> PingAsync(
        SipTransactionLayer sip,
        IPEndPoint target,
        SipUri requestUri,
        TimeSpan timeout,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(sip);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(requestUri);
        ArgumentNullException.ThrowIfNull(time);

        var local = sip.LocalEndPoint;
        var options = new SipRequest("OPTIONS", requestUri);
        options.Headers.Add("From", $"<sip:qualify@{Host(local.Address)}>;tag={SipTransactionLayer.NewTag()}");
        options.Headers.Add("To", $"<{requestUri}>");
        options.Headers.Add("Call-ID", string.Create(CultureInfo.InvariantCulture, $"{Guid.NewGuid():N}@{Host(local.Address)}"));
        options.Headers.Add("CSeq", "1 OPTIONS");
        options.Headers.Add("Accept", "application/sdp");

        var started = time.GetTimestamp();
        var transaction = sip.SendRequest(options, target);
        try
        {
            var response = await transaction.FinalResponse.WaitAsync(timeout, time).ConfigureAwait(false);
            return response is null ? null : time.GetElapsedTime(started);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private static string Host(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
}
