namespace Appliance.Service.Tests.Support;

/// <summary>A registered agent's SIPp phone, with the ports its Contact and SDP name.</summary>
public sealed record AgentPhone(string Extension, SippPeer Peer, int SipPort, int MediaPort) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Peer.DisposeAsync();
}
