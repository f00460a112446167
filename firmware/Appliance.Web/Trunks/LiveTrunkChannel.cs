namespace Appliance.Web.Trunks;

/// <summary>A card channel with a call.</summary>
/// <param name="Port">The card port's number.</param>
/// <param name="PortName">The port's name (<c>e1-0</c>).</param>
/// <param name="Channel">The channel on the port (a B channel on an E1 span, 1 on a line).</param>
/// <param name="State">offered (an FXO line waiting for caller ID), ringing, dialling or
/// connected.</param>
/// <param name="CallId">The SIP Call-ID of the call's gateway leg, null while offered.</param>
public sealed record LiveTrunkChannel(int Port, string PortName, int Channel, string State, string? CallId);
