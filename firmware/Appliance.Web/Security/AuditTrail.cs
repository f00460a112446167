using System.Globalization;
using Appliance.Storage.Web;
using Microsoft.AspNetCore.Http;
using Serilog;

namespace Appliance.Web.Security;

/// <summary>Writes each change made through the web into table <c>AuditLog</c> and the log.</summary>
public sealed class AuditTrail
{
    private readonly WebStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _log;

    public AuditTrail(WebStore store, TimeProvider time, ILogger log)
    {
        _store = store;
        _time = time;
        _log = log.ForContext<AuditTrail>();
    }

    /// <summary>Records that the request's user did <paramref name="action"/>.</summary>
    public void Record(HttpContext http, string action, string? detail, string? actor = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var who = actor ?? http.User.Identity?.Name ?? "anonymous";
        var source = http.Connection.RemoteIpAddress?.ToString();
        _store.Audit(new AuditRow
        {
            AtUtc = _time.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            Actor = who,
            Source = source,
            Action = action,
            Detail = detail,
        });
        _log.Information("Web change {Action} by {User} from {RemoteAddress}: {Detail}", action, who, source, detail);
    }
}
