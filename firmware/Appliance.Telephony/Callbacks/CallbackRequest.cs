using Appliance.CallCenter.Routing;

namespace Appliance.Telephony.Callbacks;

/// <summary>
/// A callback a waiting caller asked for: the call that keeps its place (<see cref="Id"/>), the
/// queue, and the number to dial. Immutable; attempts are counted by the store.
/// </summary>
/// <param name="Id">The Call-ID of the call that asked; also the callback's id in the ACD.</param>
/// <param name="Queue">The queue whose place it keeps.</param>
/// <param name="Number">The number to dial, as the caller confirmed or keyed it.</param>
public sealed record CallbackRequest(string Id, string Queue, string Number)
{
    /// <summary>Where the callback INVITE goes (host:port), or null for the configured trunk.</summary>
    public string? Route { get; init; }

    /// <summary>The number the caller dialled, presented as the callback's caller id.</summary>
    public string? Did { get; init; }

    /// <summary>The priority and skill the call waited with; the callback keeps them.</summary>
    public CallRequirements Requirements { get; init; } = CallRequirements.Normal;

    public DateTimeOffset RequestedUtc { get; init; }

    /// <summary>The prompt language the caller chose (<c>zh</c>, <c>en</c>), or null for the
    /// box's: the call back to it asks its question in that language.</summary>
    public string? Language { get; init; }

    /// <summary>Times the box has dialled it so far.</summary>
    public int Attempts { get; init; }
}
