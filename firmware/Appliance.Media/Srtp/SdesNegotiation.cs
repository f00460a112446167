namespace Appliance.Media.Srtp;

/// <summary>
/// SDES offer/answer (RFC 4568 §5, §7) on the values of <c>a=crypto</c> lines, so Telephony
/// can key a leg from whatever SDP model carries the attributes: our offer lists both suites,
/// the answerer picks the first offered line it can use and answers it with the same tag and
/// suite and a key of its own. Each side then sends with its own key and receives with the
/// other's (<see cref="Engine.RtpEndpoint.UseSrtp"/>). Stateless and thread-safe.
/// </summary>
public static class SdesNegotiation
{
    /// <summary>Our offer: tag 1 AES_CM_128_HMAC_SHA1_80, tag 2 AES_CM_128_HMAC_SHA1_32, each
    /// with a fresh key. Keep them: the answer names one by its tag.</summary>
    public static IReadOnlyList<SdesCrypto> CreateOffer() =>
    [
        SdesCrypto.CreateRandom(1, SrtpSuite.AesCm128HmacSha1Tag80),
        SdesCrypto.CreateRandom(2, SrtpSuite.AesCm128HmacSha1Tag32),
    ];

    /// <summary>
    /// Answers an offer: the first line that <see cref="SdesCrypto.TryParse"/> accepts is
    /// theirs, and ours is a new key with its tag and suite. False, with the reasons every line
    /// was refused, when none can be used (the caller answers RTP/SAVP with 488, RFC 4568 §7.1.3).
    /// </summary>
    public static bool TryAnswer(
        IEnumerable<string> offeredValues,
        out SdesCrypto? theirs,
        out SdesCrypto? ours,
        out string error)
    {
        ArgumentNullException.ThrowIfNull(offeredValues);
        theirs = null;
        ours = null;
        var reasons = new List<string>();
        foreach (var value in offeredValues)
        {
            if (SdesCrypto.TryParse(value, out var crypto, out var reason))
            {
                theirs = crypto;
                ours = SdesCrypto.CreateRandom(crypto!.Tag, crypto.Suite);
                error = string.Empty;
                return true;
            }

            reasons.Add(reason!);
        }

        error = reasons.Count == 0
            ? "the offer has no a=crypto line"
            : "no a=crypto line can be used: " + string.Join("; ", reasons);
        return false;
    }

    /// <summary>
    /// Reads the answer to <paramref name="offer"/>: the answered line must carry the tag and
    /// suite of one we offered (RFC 4568 §7.1.2); that offered line is ours.
    /// </summary>
    public static bool TryReadAnswer(
        IReadOnlyList<SdesCrypto> offer,
        IEnumerable<string> answerValues,
        out SdesCrypto? ours,
        out SdesCrypto? theirs,
        out string error)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(answerValues);
        ours = null;
        theirs = null;
        error = "the answer has no a=crypto line";
        foreach (var value in answerValues)
        {
            if (!SdesCrypto.TryParse(value, out var answered, out var reason))
            {
                error = reason!;
                continue;
            }

            foreach (var offered in offer)
            {
                if (offered.Tag == answered!.Tag && offered.Suite == answered.Suite)
                {
                    ours = offered;
                    theirs = answered;
                    error = string.Empty;
                    return true;
                }
            }

            error = $"the answer's tag {answered!.Tag} with {SdesCrypto.SuiteName(answered.Suite)} "
                + "was not offered";
        }

        return false;
    }
}
