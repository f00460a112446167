using System.Collections.Concurrent;

namespace Appliance.Telephony.Calls;

/// <summary>
/// Finds the call a SIP message belongs to, by the Call-ID of the caller's dialog or of one of
/// its agent legs. Thread-safe.
/// </summary>
internal sealed class CallRegistry
{
    private readonly ConcurrentDictionary<string, Call> _byCallerCallId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Call> _byAgentCallId = new(StringComparer.Ordinal);

    public int ActiveCalls => _byCallerCallId.Count;

    /// <summary>A snapshot of the calls in progress.</summary>
    public IReadOnlyCollection<Call> Calls => [.. _byCallerCallId.Values];

    public bool TryAddCall(Call call) => _byCallerCallId.TryAdd(call.CallId, call);

    public void RemoveCall(string callId) => _byCallerCallId.TryRemove(callId, out _);

    public void AddAgentLeg(string legCallId, Call call) => _byAgentCallId[legCallId] = call;

    public void RemoveAgentLeg(string legCallId) => _byAgentCallId.TryRemove(legCallId, out _);

    public Call? FindByCaller(string callId) => _byCallerCallId.GetValueOrDefault(callId);

    public Call? FindAny(string? callId)
    {
        if (callId is null)
        {
            return null;
        }

        return _byCallerCallId.GetValueOrDefault(callId) ?? _byAgentCallId.GetValueOrDefault(callId);
    }
}
