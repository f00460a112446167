using Appliance.Drivers.Cards;
using Appliance.Sip.Sdp;

namespace Appliance.Telephony.Trunks;

/// <summary>An inbound PSTN call as the gateway offers it to the SIP side: the DID it was given,
/// the caller, the port's name and the SDP offer.</summary>
internal sealed record PstnOffer(string Did, PhoneNumber Calling, string PortName, SdpSession Sdp);
