namespace Appliance.Telephony.Campaigns;

/// <summary>Where a campaign call is in its life.</summary>
internal enum OutboundPhase
{
    /// <summary>The contact's INVITE is out; no final response yet.</summary>
    Dialling,

    /// <summary>The contact answered; its first seconds are screened for an answering machine.</summary>
    Screening,

    /// <summary>The contact answered and the chosen agent's phone rings.</summary>
    RingingAgent,

    /// <summary>The contact and the agent hear each other.</summary>
    Bridged,

    /// <summary>
    /// The contact answered with no agent free and waits in silence, up to the campaign's
    /// <c>AbandonHold</c>, for the first agent free.
    /// </summary>
    Held,

    /// <summary>The contact answered with no agent free and hears the abandon message.</summary>
    Abandoning,

    Ended,
}
