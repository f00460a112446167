namespace Appliance.CallCenter.Ivr;

/// <summary>
/// What the call must do next on behalf of an <see cref="IvrSession"/>: one of
/// <see cref="PlayPrompts"/>, <see cref="WaitForDigit"/>, <see cref="RouteToQueue"/> or
/// <see cref="NoAction"/>.
/// </summary>
public abstract record IvrAction;
