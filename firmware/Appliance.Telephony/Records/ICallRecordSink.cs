using Appliance.CallCenter.Records;

namespace Appliance.Telephony.Records;

/// <summary>
/// Where a finished call's record goes (the database in the service). Called on the call's
/// own mailbox once, when the call has ended; an implementation must make the record durable
/// before it returns, so a power cut after that loses nothing.
/// </summary>
public interface ICallRecordSink
{
    /// <summary>Stores the record of a call that has ended.</summary>
    void Write(CallRecord record);
}
