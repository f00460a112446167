namespace Appliance.CallCenter.Agents;

/// <summary>
/// Why an agent is not ready. Administrators define the reasons with a <paramref name="Code"/>
/// (the digit dialled after the not-ready feature code); the ACD's own reason for an agent who
/// missed too many offers has no code.
/// </summary>
/// <param name="Code">0-99, or null for a reason only the ACD gives.</param>
/// <param name="Name">What reports show: <c>break</c>, <c>lunch</c>, <c>training</c>.</param>
public sealed record NotReadyReason(int? Code, string Name)
{
    /// <summary>Given by the ACD after the queue's number of missed offers in a row.</summary>
    public static NotReadyReason MissedOffers { get; } = new(null, "missed-offers");

    /// <summary>The agent asked for not ready without naming a reason.</summary>
    public static NotReadyReason Unspecified { get; } = new(null, "unspecified");
}
