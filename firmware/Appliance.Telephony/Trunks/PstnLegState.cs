namespace Appliance.Telephony.Trunks;

/// <summary>Where a PSTN leg is between the card channel and its SIP dialog.</summary>
internal enum PstnLegState
{
    Inviting,
    Connected,
    OutboundDialling,
    Ended,
}
