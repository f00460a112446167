namespace Appliance.CallCenter.Dialer;

/// <summary>The life of a campaign. Calls in progress always run to their end, whatever the state.</summary>
public enum CampaignState
{
    /// <summary>Built, not started: agents may log in, nothing is dialled.</summary>
    NotStarted,

    /// <summary>Dialling.</summary>
    Running,

    /// <summary>No new calls; <see cref="CampaignController.Resume"/> continues.</summary>
    Paused,

    /// <summary>No new calls, for good.</summary>
    Stopped,

    /// <summary>Every contact is closed and no call is left.</summary>
    Finished,
}
