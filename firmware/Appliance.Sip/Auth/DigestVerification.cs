namespace Appliance.Sip.Auth;

/// <summary>
/// The result of checking credentials. <see cref="UserName"/> is the authenticated user when
/// accepted, otherwise the user name the request claimed (for security logs), or null.
/// </summary>
public readonly record struct DigestVerification(DigestOutcome Outcome, string? UserName);
