namespace Appliance.Sip.Sdp;

/// <summary>The direction attributes of RFC 4566 §6 / RFC 3264 §5.1.</summary>
public enum SdpDirection
{
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}
