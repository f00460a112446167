using Appliance.CallCenter.Ivr.Flows;
using Appliance.Storage;
using Appliance.Web.Calendar;

namespace Appliance.Service.Web;

/// <summary>
/// Hands the stored business-hours schedules and holidays to the flow library calls run, so the
/// next call's conditions read them; the library refuses a calendar a running flow would lose a
/// schedule by.
/// </summary>
internal sealed class CalendarReload : ICalendarConfiguration
{
    private readonly IvrFlowLibrary _library;
    private readonly ApplianceDatabase _database;

    public CalendarReload(IvrFlowLibrary library, ApplianceDatabase database)
    {
        _library = library;
        _database = database;
    }

    public bool AppliesAtOnce => true;

    public string? Apply()
    {
        try
        {
            var problems = _library.UseCalendar(_database.Calendar());
            return problems.Count == 0
                ? null
                : string.Join(" ", problems.Select(p => $"{p.Message.TrimEnd('.')} (node '{p.NodeId}')."));
        }
        catch (InvalidDataException ex)
        {
            return ex.Message;
        }
    }
}
