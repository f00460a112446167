namespace Appliance.CallCenter.Ivr;

/// <summary>
/// Start a timer of <paramref name="Timeout"/> and report <see cref="IvrSession.DigitTimedOut"/>
/// when it fires before a digit arrives.
/// </summary>
public sealed record WaitForDigit(TimeSpan Timeout) : IvrAction;
