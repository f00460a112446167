namespace Appliance.Web.Callbacks;

/// <summary>The callbacks waiting to be dialled, for <c>/api/callbacks</c>. Thread safe.</summary>
public interface ICallbackDesk
{
    /// <summary>Callbacks neither connected, given up nor cancelled, in the order they were asked for.</summary>
    IReadOnlyList<PendingCallback> Pending();

    /// <summary>Takes a callback out of its queue for good.</summary>
    CallbackCancelOutcome Cancel(string id);
}
