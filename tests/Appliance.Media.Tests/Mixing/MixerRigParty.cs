using Appliance.Media.Engine;
using Appliance.Media.Tests.Engine;

namespace Appliance.Media.Tests.Mixing;

/// <summary>One party of a <see cref="MixerRig"/>: the box's leg and the peer at its far end.</summary>
internal sealed record MixerRigParty(RawRtpPeer Peer, RtpEndpoint Leg);
