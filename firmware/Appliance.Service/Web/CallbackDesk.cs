using Appliance.CallCenter.Routing;
using Appliance.Storage;
using Appliance.Web.Callbacks;
using Serilog;

namespace Appliance.Service.Web;

/// <summary>The web's view of the callbacks: rows of table <c>Callback</c>, and the ACD that holds their places.</summary>
internal sealed class CallbackDesk : ICallbackDesk
{
    private readonly ApplianceDatabase _database;
    private readonly AutomaticCallDistributor _acd;
    private readonly ILogger _log;

    public CallbackDesk(ApplianceDatabase database, AutomaticCallDistributor acd, ILogger log)
    {
        _database = database;
        _acd = acd;
        _log = log.ForContext<CallbackDesk>();
    }

    public IReadOnlyList<PendingCallback> Pending() =>
        [.. _database.PendingCallbacks().Select(r => new PendingCallback(
            r.Id,
            r.Queue,
            r.Number,
            new DateTimeOffset(DateTime.SpecifyKind(r.RequestedUtc, DateTimeKind.Utc)),
            r.Attempts,
            r.Result))];

    public CallbackCancelOutcome Cancel(string id)
    {
        var row = _database.FindCallback(id);
        if (row is null || row.Done)
        {
            return CallbackCancelOutcome.NotFound;
        }

        // The row first, so a restart in between does not put the callback back in line.
        if (!_database.CancelCallback(id))
        {
            return _database.FindCallback(id) is { Done: false } ? CallbackCancelOutcome.Dialling : CallbackCancelOutcome.NotFound;
        }

        _acd.CancelCallback(id);
        _log.Information("Callback {CallbackId} to {Number} for queue {Queue} cancelled", id, row.Number, row.Queue);
        return CallbackCancelOutcome.Cancelled;
    }
}
