namespace Appliance.Sip.Registration;

/// <summary>
/// Limits of <see cref="SipRegistrar"/> (RFC 3261 §10.3 steps 6-7), its bindings per user and
/// its failure bans. Failures are counted per (source IP, user) so one cracker behind an office
/// NAT locks out only the user it attacks; the per-address ceiling stops scanners that try many
/// users.
/// </summary>
public sealed class RegistrarOptions
{
    /// <summary>Shortest registration accepted; shorter non-zero ones get 423 (§10.3 step 7).</summary>
    public TimeSpan MinExpires { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Used when neither the contact nor the request says.</summary>
    public TimeSpan DefaultExpires { get; init; } = TimeSpan.FromSeconds(3600);

    /// <summary>Longer requests, and values too large to read, are shortened to this (§10.3).</summary>
    public TimeSpan MaxExpires { get; init; } = TimeSpan.FromSeconds(3600);

    /// <summary>
    /// Failed authentications for one user from one IP address in <see cref="FailureWindow"/>
    /// that ban that (address, user) pair; other users behind the same address are unaffected.
    /// </summary>
    public int FailureLimit { get; init; } = 10;

    /// <summary>
    /// Failed authentications from one IP address in <see cref="FailureWindow"/>, whatever the
    /// user, that ban the whole address.
    /// </summary>
    public int AddressFailureLimit { get; init; } = 100;

    public TimeSpan FailureWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a banned pair or address is answered 403.</summary>
    public TimeSpan BanDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Most contacts one user may have bound; a REGISTER that would add one beyond it gets 403
    /// and changes nothing.
    /// </summary>
    public int MaxBindingsPerUser { get; init; } = 10;
}
