namespace Appliance.Web.Live;

/// <summary>A call in progress.</summary>
/// <param name="CallId">The Call-ID of the caller's dialog.</param>
/// <param name="CallerNumber">The caller's number.</param>
/// <param name="Did">The number dialled.</param>
/// <param name="IvrChoice">The menu key pressed, or null.</param>
/// <param name="Queue">The queue, once in one.</param>
/// <param name="Agent">The agent rung or talking, or null.</param>
/// <param name="State">arrived, queued, offered or answered.</param>
/// <param name="ArrivedUtc">When the call came in.</param>
/// <param name="SinceUtc">When it entered <paramref name="State"/>.</param>
/// <param name="Variables">The IVR variables the call carries (<c>customer.name</c>,
/// <c>customer.account</c>...), or null.</param>
public sealed record LiveCall(
    string CallId,
    string CallerNumber,
    string Did,
    string? IvrChoice,
    string? Queue,
    string? Agent,
    string State,
    DateTimeOffset ArrivedUtc,
    DateTimeOffset SinceUtc,
    IReadOnlyDictionary<string, string>? Variables = null);
