namespace Appliance.Sip.Auth;

/// <summary>What <see cref="DigestAuthenticator.Verify"/> concluded about a request's credentials.</summary>
public enum DigestOutcome
{
    /// <summary>No Digest credentials for our realm: challenge.</summary>
    Missing,

    /// <summary>Wrong password or unknown user on a nonce of ours, or malformed credentials.</summary>
    Invalid,

    /// <summary>
    /// Challenge again with stale=true; not a failed guess. The nonce is not ours (another
    /// secret, e.g. before a restart, or forged; the response is not checked), or it is ours and
    /// the credentials are correct but the nonce expired or its nonce count was already used.
    /// </summary>
    Stale,

    /// <summary>Correct credentials on a current nonce.</summary>
    Accepted,
}
