using Appliance.CallCenter.Records;
using Appliance.Storage;
using Appliance.Telephony.Records;

namespace Appliance.Service.Records;

/// <summary>Stores call records in the appliance database; the insert is durable on return.</summary>
internal sealed class DatabaseCallRecordSink : ICallRecordSink
{
    private readonly ApplianceDatabase _database;

    public DatabaseCallRecordSink(ApplianceDatabase database)
    {
        _database = database;
    }

    public void Write(CallRecord record) => _database.InsertCdr(record);
}
