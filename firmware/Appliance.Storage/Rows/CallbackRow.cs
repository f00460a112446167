using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// One callback a waiting caller asked for (table <c>Callback</c>): the call that kept its place
/// (<see cref="Id"/>), the queue and number, when it was asked for, how many times the box has
/// dialled it and the result of the last attempt. A callback that is not <see cref="Done"/> is
/// put back in its queue when the service starts.
/// </summary>
[Table("Callback")]
public sealed class CallbackRow
{
    /// <summary>The Call-ID of the call that asked; also the callback's id in the ACD.</summary>
    [PrimaryKey]
    public string Id { get; set; } = "";

    [NotNull]
    public string Queue { get; set; } = "";

    /// <summary>The number to dial, as the caller confirmed or keyed it.</summary>
    [NotNull]
    public string Number { get; set; } = "";

    /// <summary>Where the callback INVITE goes (host:port): the trunk the call came in on.</summary>
    public string? Route { get; set; }

    /// <summary>The number the caller dialled, presented as the callback's caller id.</summary>
    public string? Did { get; set; }

    /// <summary>The prompt language the caller chose (<c>zh</c>, <c>en</c>); null for the box's.</summary>
    public string? Language { get; set; }

    public int Priority { get; set; }

    public string? Skill { get; set; }

    public int Level { get; set; }

    public DateTime RequestedUtc { get; set; }

    public int Attempts { get; set; }

    public DateTime? LastAttemptUtc { get; set; }

    /// <summary>
    /// <c>waiting</c>, <c>dialling</c>, then after an attempt <c>busy</c>, <c>no-answer</c>,
    /// <c>failed</c>, <c>not-confirmed</c> or <c>hung-up</c>; finally <c>connected</c>,
    /// <c>given-up</c>, or <c>cancelled</c> when an agent took the call as it was being booked.
    /// </summary>
    [NotNull]
    public string Result { get; set; } = "waiting";

    [Indexed]
    public bool Done { get; set; }
}
