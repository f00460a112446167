namespace Appliance.Sip.Registration;

/// <summary>Limits of <see cref="SipRegistrar"/> (RFC 3261 §10.3 steps 6-7) and its failure ban.</summary>
public sealed class RegistrarOptions
{
    /// <summary>Shortest registration accepted; shorter non-zero ones get 423 (§10.3 step 7).</summary>
    public TimeSpan MinExpires { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Used when neither the contact nor the request says.</summary>
    public TimeSpan DefaultExpires { get; init; } = TimeSpan.FromSeconds(3600);

    /// <summary>Longer requests are shortened to this.</summary>
    public TimeSpan MaxExpires { get; init; } = TimeSpan.FromSeconds(3600);

    /// <summary>Failed authentications from one address in <see cref="FailureWindow"/> that ban it.</summary>
    public int FailureLimit { get; init; } = 10;

    public TimeSpan FailureWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a banned address is answered 403.</summary>
    public TimeSpan BanDuration { get; init; } = TimeSpan.FromMinutes(5);
}
