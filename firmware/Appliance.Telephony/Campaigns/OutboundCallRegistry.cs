using System.Collections.Concurrent;

namespace Appliance.Telephony.Campaigns;

/// <summary>
/// Finds the campaign call a SIP message belongs to, by the Call-ID of its contact leg or of
/// its agent leg, so the switchboard can hand it in-dialog requests. Thread-safe.
/// </summary>
internal sealed class OutboundCallRegistry
{
    private readonly ConcurrentDictionary<string, OutboundCampaignCall> _byCallId = new(StringComparer.Ordinal);

    public int Count => _byCallId.Count;

    public void Add(string callId, OutboundCampaignCall call) => _byCallId[callId] = call;

    public void Remove(string callId) => _byCallId.TryRemove(callId, out _);

    public OutboundCampaignCall? Find(string? callId) =>
        callId is null ? null : _byCallId.GetValueOrDefault(callId);
}
