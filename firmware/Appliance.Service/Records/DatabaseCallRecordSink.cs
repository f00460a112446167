using Appliance.CallCenter.Records;
using Appliance.Storage;
using Appliance.Telephony.Records;
using Serilog;

namespace Appliance.Service.Records;

/// <summary>
/// Stores call records in the appliance database; the insert is durable on return. When the
/// database refuses (locked past its busy timeout, disk trouble), the record goes to the
/// <see cref="CallRecordSpool"/> instead and is moved into the database at the next start.
/// </summary>
internal sealed class DatabaseCallRecordSink : ICallRecordSink
{
    private readonly ApplianceDatabase _database;
    private readonly CallRecordSpool _spool;
    private readonly ILogger _log;

    public DatabaseCallRecordSink(ApplianceDatabase database, CallRecordSpool spool, ILogger log)
    {
        _database = database;
        _spool = spool;
        _log = log;
    }

    public void Write(CallRecord record)
    {
        try
        {
            _database.InsertCdr(record);
        }
        catch (Exception ex)
        {
            _log.Error(
                ex,
                "Record of call {CallId} could not be stored in the database; spooled to {SpoolPath}",
                record.CallId,
                _spool.Path);
            _spool.Append(record);
        }
    }
}
