namespace Appliance.Web.Callbacks;

/// <summary>A callback as <c>GET /api/callbacks</c> lists it.</summary>
/// <param name="Id">The Call-ID of the call that asked for it.</param>
/// <param name="Queue">The queue whose place it keeps.</param>
/// <param name="Number">The number the box will dial.</param>
/// <param name="RequestedUtc">When the caller asked for it.</param>
/// <param name="Attempts">How many times the box has dialled it so far.</param>
/// <param name="State"><c>waiting</c>, <c>dialling</c>, or the result of its last attempt.</param>
public sealed record PendingCallback(
    string Id,
    string Queue,
    string Number,
    DateTimeOffset RequestedUtc,
    int Attempts,
    string State);
