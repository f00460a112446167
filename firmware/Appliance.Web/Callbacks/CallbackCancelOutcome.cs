namespace Appliance.Web.Callbacks;

/// <summary>What <see cref="ICallbackDesk.Cancel"/> did.</summary>
public enum CallbackCancelOutcome
{
    /// <summary>The callback left its queue and will not be dialled.</summary>
    Cancelled,

    /// <summary>No pending callback has that id.</summary>
    NotFound,

    /// <summary>The box is dialling it right now; it may be cancelled once that attempt ends.</summary>
    Dialling,
}
