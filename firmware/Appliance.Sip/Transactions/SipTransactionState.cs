namespace Appliance.Sip.Transactions;

/// <summary>
/// The states of RFC 3261 Figures 5-8, plus Accepted for our 2xx-until-ACK (RFC 6026 §7.1).
/// </summary>
internal enum SipTransactionState
{
    Calling,
    Trying,
    Proceeding,
    Accepted,
    Completed,
    Confirmed,
    Terminated,
}
