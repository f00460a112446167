using System.Net;
using Appliance.Media.Codecs;
using Appliance.Media.Engine;
using Appliance.Media.Rtp;
using Appliance.Media.Tests.Engine;
using Appliance.Media.Tones;

namespace Appliance.Media.Tests.Mixing;

/// <summary>
/// Parties for mixer tests: each is a leg of the box on a real UDP socket, with a raw RTP peer
/// on loopback that sends its own tone and keeps what it hears.
/// </summary>
internal sealed class MixerRig : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private readonly MediaPortAllocator _ports = new(46000, 46999);
    private readonly List<MixerRigParty> _parties = [];

    public MixerRig()
    {
        Clock = new MediaClock(Log.Logger);
    }

    public CapturingLog Log { get; } = new();

    public MediaClock Clock { get; }

    /// <summary>A leg whose far end sends <paramref name="toneHz"/>, or nothing when null.</summary>
    public MixerRigParty Party(double? toneHz)
    {
        var peer = new RawRtpPeer(wantedSamples: int.MaxValue);
        var leg = RtpEndpoint.Open(IPAddress.Loopback, _ports, Clock, Log.Logger);
        leg.Configure(peer.EndPoint, AudioCodec.Pcmu, 0, telephoneEventPayloadType: 101);
        if (toneHz is { } hz)
        {
            peer.StartTone(hz, leg.LocalPort);
        }

        var party = new MixerRigParty(peer, leg);
        _parties.Add(party);
        return party;
    }

    /// <summary>
    /// What the party's far end hears next: skips 200 ms (audio still in flight from before a
    /// change), then returns the following 300 ms.
    /// </summary>
    public static async Task<short[]> HearsNextAsync(MixerRigParty party)
    {
        const int Skip = 1600;
        const int Take = 2400;
        var start = party.Peer.Audio.Count;
        var deadline = DateTime.UtcNow + s_timeout;
        while (party.Peer.Audio.Count < start + Skip + Take)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"Port {party.Leg.LocalPort} heard only {party.Peer.Audio.Count - start} samples.");
            }

            await Task.Delay(20);
        }

        return party.Peer.Audio.Samples().AsSpan(start + Skip, Take).ToArray();
    }

    /// <summary>
    /// The first 300 ms window the party's far end hears with the tone in it, within 3 s; the
    /// last window heard when the tone never came, so the caller's assertion names what was
    /// heard. A freshly built path may take a few frames longer on a loaded machine than the
    /// 200 ms <see cref="HearsNextAsync"/> skips.
    /// </summary>
    public static async Task<short[]> HearsSoonAsync(MixerRigParty party, double toneHz)
    {
        var window = await HearsNextAsync(party);
        for (var tries = 1; tries < 10 && !Contains(window, toneHz); tries++)
        {
            window = await HearsNextAsync(party);
        }

        return window;
    }

    /// <summary>True when some 300 ms window of the samples clearly holds the tone.</summary>
    public static bool AnyWindowContains(ReadOnlySpan<short> samples, double toneHz)
    {
        const int Window = 2400;
        for (var at = 0; at + Window <= samples.Length; at += Window / 2)
        {
            if (Contains(samples.Slice(at, Window).ToArray(), toneHz))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the tone is clearly there (above -30 dBFS).</summary>
    public static bool Contains(short[] samples, double toneHz) =>
        Goertzel.Power(samples, 8000, toneHz) > 0.001;

    /// <summary>True when the tone is absent (below -50 dBFS).</summary>
    public static bool Lacks(short[] samples, double toneHz) =>
        Goertzel.Power(samples, 8000, toneHz) < 0.00001;

    public static void AssertHears(short[] samples, double toneHz) =>
        Assert.True(Contains(samples, toneHz), Describe(samples, toneHz, "missing"));

    public static void AssertLacks(short[] samples, double toneHz) =>
        Assert.True(Lacks(samples, toneHz), Describe(samples, toneHz, "present"));

    private static string Describe(short[] samples, double toneHz, string what) =>
        $"{toneHz} Hz {what}: power {Goertzel.Power(samples, 8000, toneHz):G3}, "
        + $"dominant {Goertzel.DominantFrequency(samples, 8000, 300, 3400, 10)} Hz";

    public async ValueTask DisposeAsync()
    {
        foreach (var party in _parties)
        {
            await party.Leg.DisposeAsync();
            await party.Peer.DisposeAsync();
        }

        await Clock.DisposeAsync();
    }
}
