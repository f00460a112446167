namespace Appliance.Telephony.Callbacks;

/// <summary>
/// Where callbacks are kept, so they survive a restart. Implementations must be thread-safe:
/// calls and the switchboard use it from their own threads.
/// </summary>
public interface ICallbackStore
{
    /// <summary>Stores a new callback, waiting.</summary>
    void Save(CallbackRequest callback);

    /// <summary>The callback with this id, or null.</summary>
    CallbackRequest? Find(string id);

    /// <summary>Callbacks neither connected nor given up, in the order they were asked for.</summary>
    /// <exception cref="InvalidDataException">The stored callbacks cannot be read.</exception>
    IReadOnlyList<CallbackRequest> Pending();

    /// <summary>The box dials the callback now; returns its attempts, this one included.</summary>
    int AttemptStarted(string id, DateTimeOffset atUtc);

    /// <summary>
    /// An attempt ended with <paramref name="result"/> (<c>connected</c>, <c>busy</c>,
    /// <c>no-answer</c>, <c>failed</c>, <c>not-confirmed</c>, <c>hung-up</c>, <c>given-up</c>);
    /// <paramref name="done"/> when the callback will not be dialled again.
    /// </summary>
    void AttemptEnded(string id, string result, bool done);
}
