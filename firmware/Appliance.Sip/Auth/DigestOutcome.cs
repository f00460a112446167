namespace Appliance.Sip.Auth;

/// <summary>What <see cref="DigestAuthenticator.Verify"/> concluded about a request's credentials.</summary>
public enum DigestOutcome
{
    /// <summary>No Digest credentials for our realm: challenge.</summary>
    Missing,

    /// <summary>Wrong password, unknown user, forged or foreign nonce, or malformed credentials.</summary>
    Invalid,

    /// <summary>Correct credentials on an expired nonce of ours: challenge again with stale=true.</summary>
    Stale,

    /// <summary>Correct credentials on a current nonce.</summary>
    Accepted,
}
