using System.Globalization;

namespace Appliance.Telephony.Trunks;

/// <summary>
/// The RFC 3326 Reason header for a SIP failure that stands for a Q.850 cause, so the box (and
/// an upstream core) sees the PSTN's own cause beside the RFC 3398 response code.
/// </summary>
internal static class Q850Reason
{
    private static readonly Dictionary<int, string> s_names = new()
    {
        [1] = "Unallocated number",
        [3] = "No route to destination",
        [16] = "Normal call clearing",
        [17] = "User busy",
        [18] = "No user responding",
        [19] = "No answer from user",
        [21] = "Call rejected",
        [22] = "Number changed",
        [27] = "Destination out of order",
        [28] = "Invalid number format",
        [31] = "Normal, unspecified",
        [34] = "No circuit/channel available",
        [38] = "Network out of order",
        [41] = "Temporary failure",
        [42] = "Switching equipment congestion",
        [44] = "Requested circuit/channel not available",
        [47] = "Resource unavailable, unspecified",
        [57] = "Bearer capability not authorized",
        [58] = "Bearer capability not presently available",
        [65] = "Bearer capability not implemented",
        [88] = "Incompatible destination",
        [102] = "Recovery on timer expiry",
        [111] = "Protocol error, unspecified",
        [127] = "Interworking, unspecified",
    };

    public const string Header = "Reason";

    /// <summary>RFC 3326 §2: <c>Q.850;cause=N;text="..."</c>; a cause without a name here takes
    /// the name of its Q.850 class.</summary>
    public static string For(int cause)
    {
        var text = s_names.TryGetValue(cause, out var name) ? name : cause switch
        {
            < 32 => "Normal event",
            < 64 => "Resource unavailable",
            < 80 => "Service or option not implemented",
            < 96 => "Invalid message",
            _ => "Protocol error",
        };
        return string.Create(CultureInfo.InvariantCulture, $"Q.850;cause={cause};text=\"{text}\"");
    }
}
