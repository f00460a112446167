using System.Collections.Frozen;

namespace Appliance.Drivers.Signalling;

/// <summary>
/// Q.850 cause values to SIP final responses and back, as RFC 3398 sets out for ISUP (the same
/// cause values travel in Q.931 on a PRI). Pure functions, safe from any thread.
/// </summary>
public static class IsdnCauseMapping
{
    public const int NormalClearing = 16;
    public const int UserBusy = 17;
    public const int NoCircuitAvailable = 34;
    public const int TemporaryFailure = 41;
    public const int Interworking = 127;

    // RFC 3398 §8.2.6.1: ISUP cause value received -> SIP response sent.
    private static readonly FrozenDictionary<int, int> s_causeToSip = new Dictionary<int, int>
    {
        [1] = 404, [2] = 404, [3] = 404, [17] = 486, [18] = 408, [19] = 480, [20] = 480,
        [21] = 403, [22] = 410, [23] = 410, [26] = 404, [27] = 502, [28] = 484, [29] = 501,
        [31] = 480, [34] = 503, [38] = 503, [41] = 503, [42] = 503, [47] = 503, [55] = 403,
        [57] = 403, [58] = 503, [65] = 488, [70] = 488, [79] = 501, [87] = 403, [88] = 503,
        [102] = 504, [111] = 500, [127] = 500,
    }.ToFrozenDictionary();

    // RFC 3398 §7.2.6.1: SIP response received -> ISUP cause value sent.
    private static readonly FrozenDictionary<int, int> s_sipToCause = new Dictionary<int, int>
    {
        [400] = 41, [401] = 21, [402] = 21, [403] = 21, [404] = 1, [405] = 63, [406] = 79,
        [407] = 21, [408] = 102, [410] = 22, [413] = 127, [414] = 127, [415] = 79, [416] = 127,
        [420] = 127, [421] = 127, [423] = 127, [480] = 18, [481] = 41, [482] = 25, [483] = 25,
        [484] = 28, [485] = 1, [486] = 17, [500] = 41, [501] = 79, [502] = 38, [503] = 41,
        [504] = 102, [505] = 127, [513] = 127, [600] = 17, [603] = 21, [604] = 1, [606] = 58,
    }.ToFrozenDictionary();

    /// <summary>
    /// The SIP final response for a call the PSTN refused or cleared before answer. Cause 16,
    /// normal clearing, has no response in RFC 3398 (it becomes a BYE or CANCEL); asked for one
    /// anyway, as when the far end clears during ringing, it is 480 like cause 31.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a cause value (1-127).</exception>
    public static int ToSipStatus(int cause)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cause, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cause, 127);
        if (s_causeToSip.TryGetValue(cause, out int status))
        {
            return status;
        }

        // RFC 3398 lists single values; the rest go by their Q.850 §2.2.7 class.
        return cause switch
        {
            < 32 => 480,  // normal event
            < 64 => 503,  // resource or service unavailable
            < 80 => 501,  // service or option not implemented
            < 96 => 400,  // invalid message
            _ => 500,     // protocol error, interworking
        };
    }

    /// <summary>The Q.850 cause to clear a PSTN call with when the SIP side answered
    /// <paramref name="sipStatus"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a final failure response (400-699).</exception>
    public static int ToCause(int sipStatus)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sipStatus, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sipStatus, 699);
        if (s_sipToCause.TryGetValue(sipStatus, out int cause))
        {
            return cause;
        }

        // 487 follows a CANCEL, which is the caller clearing normally; RFC 3398 gives it no value.
        if (sipStatus == 487)
        {
            return NormalClearing;
        }

        // RFC 3261 §21: an unknown response is treated as the x00 of its class.
        return s_sipToCause.TryGetValue(sipStatus / 100 * 100, out int classCause) ? classCause : Interworking;
    }
}
