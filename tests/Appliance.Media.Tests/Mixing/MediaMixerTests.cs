using Appliance.Media.Audio;
using Appliance.Media.Engine;
using Appliance.Media.Mixing;
using Appliance.Media.Tones;
using static Appliance.Media.Tests.Mixing.MixerRig;

namespace Appliance.Media.Tests.Mixing;

[Trait("Category", "Integration")]
public sealed class MediaMixerTests : IAsyncDisposable
{
    private const double CallerHz = 440;
    private const double AgentHz = 1000;
    private const double SupervisorHz = 1800;
    private const double FourthHz = 2600;

    private readonly MixerRig _rig = new();
    private readonly TempFolder _folder = new();

    public async ValueTask DisposeAsync()
    {
        await _rig.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task ListeningSupervisorHearsBothSidesAndNeitherSideHearsTheSupervisor()
    {
        var (caller, agent, supervisor) = ThreeParties();
        using var mixer = new MediaMixer(_rig.Clock);
        mixer.Join(caller.Leg);
        mixer.Join(agent.Leg);

        mixer.Join(supervisor.Leg, MixRole.Listen);
        var callerHears = await HearsNextAsync(caller);
        var agentHears = await HearsNextAsync(agent);
        var supervisorHears = await HearsNextAsync(supervisor);

        AssertHears(supervisorHears, CallerHz);
        AssertHears(supervisorHears, AgentHz);
        AssertHears(callerHears, AgentHz);
        AssertLacks(callerHears, SupervisorHz);
        AssertLacks(callerHears, CallerHz);
        AssertHears(agentHears, CallerHz);
        AssertLacks(agentHears, SupervisorHz);
    }

    [Fact]
    public async Task WhisperIsHeardByTheAgentOnly()
    {
        var (caller, agent, supervisor) = ThreeParties();
        using var mixer = new MediaMixer(_rig.Clock);
        mixer.Join(caller.Leg);
        mixer.Join(agent.Leg);

        mixer.Join(supervisor.Leg, MixRole.Whisper, whisperTo: agent.Leg);
        var callerHears = await HearsNextAsync(caller);
        var agentHears = await HearsNextAsync(agent);
        var supervisorHears = await HearsNextAsync(supervisor);

        AssertHears(agentHears, SupervisorHz);
        AssertHears(agentHears, CallerHz);
        AssertLacks(callerHears, SupervisorHz);
        AssertHears(callerHears, AgentHz);
        AssertHears(supervisorHears, CallerHz);
        AssertHears(supervisorHears, AgentHz);
    }

    [Fact]
    public async Task BargingFromListenMakesAThreeWayCall()
    {
        var (caller, agent, supervisor) = ThreeParties();
        using var mixer = new MediaMixer(_rig.Clock);
        mixer.Join(caller.Leg);
        mixer.Join(agent.Leg);
        mixer.Join(supervisor.Leg, MixRole.Listen);
        var before = await HearsNextAsync(caller);

        mixer.SetRole(supervisor.Leg, MixRole.Talk);
        var callerHears = await HearsNextAsync(caller);
        var agentHears = await HearsNextAsync(agent);

        AssertLacks(before, SupervisorHz);
        AssertHears(callerHears, SupervisorHz);
        AssertHears(callerHears, AgentHz);
        AssertHears(agentHears, SupervisorHz);
        AssertHears(agentHears, CallerHz);
        Assert.Equal(MixRole.Talk, mixer.RoleOf(supervisor.Leg));
    }

    [Fact]
    public async Task EveryConferenceMemberHearsTheOthersButNotItself()
    {
        double[] tones = [CallerHz, AgentHz, SupervisorHz, FourthHz];
        var members = tones.Select(hz => _rig.Party(hz)).ToArray();
        using var mixer = new MediaMixer(_rig.Clock);

        foreach (var member in members)
        {
            mixer.Join(member.Leg);
        }

        var heard = await Task.WhenAll(members.Select(HearsNextAsync));

        for (var m = 0; m < members.Length; m++)
        {
            for (var t = 0; t < tones.Length; t++)
            {
                Assert.True(
                    m == t ? Lacks(heard[m], tones[t]) : Contains(heard[m], tones[t]),
                    $"member {m} and the tone {tones[t]} Hz of member {t}");
            }
        }
    }

    [Fact]
    public async Task LeavingStopsTheMixForThatLegAndGivesItBack()
    {
        var (caller, agent, supervisor) = ThreeParties();
        using var mixer = new MediaMixer(_rig.Clock);
        mixer.Join(caller.Leg);
        mixer.Join(agent.Leg);
        mixer.Join(supervisor.Leg);
        var before = await HearsNextAsync(caller);

        var left = mixer.Leave(supervisor.Leg);
        var after = await HearsNextAsync(caller);

        Assert.True(left);
        AssertHears(before, SupervisorHz);
        AssertLacks(after, SupervisorHz);
        AssertHears(after, AgentHz);
        Assert.Null(supervisor.Leg.Source);
        Assert.Null(supervisor.Leg.Sink);
        Assert.Null(mixer.RoleOf(supervisor.Leg));
        Assert.Equal(2, mixer.PartyCount);
    }

    [Fact]
    public async Task TakingOverABridgeKeepsRecordingAndABargeIsHeardOnTheAgentChannel()
    {
        var (caller, agent, supervisor) = ThreeParties();
        var path = _folder.File("supervised.wav");
        var bridge = new MediaBridge(caller.Leg, agent.Leg, _rig.Clock, new StereoWavRecorder(path));
        var bridged = await HearsSoonAsync(caller, AgentHz);

        var mixer = MediaMixer.TakeOver(bridge, _rig.Clock, _rig.Log.Logger);
        var mixed = await HearsNextAsync(caller);
        mixer.Join(supervisor.Leg, MixRole.Talk);
        var barged = await HearsSoonAsync(caller, SupervisorHz);
        mixer.Dispose();
        WavFile.ReadStereo8k(path, out var left, out var right);

        AssertHears(bridged, AgentHz);
        AssertHears(mixed, AgentHz);
        AssertHears(barged, SupervisorHz);
        AssertHears(left, CallerHz);
        AssertLacks(left, AgentHz);
        AssertHears(right, AgentHz);
        Assert.True(
            AnyWindowContains(right.AsSpan(right.Length / 2), SupervisorHz),
            "the barging supervisor is missing from the agent channel's second half");
        AssertLacks(right[..2400], SupervisorHz);
        Assert.Null(caller.Leg.Source);
        Assert.Null(agent.Leg.Sink);
    }

    [Fact]
    public async Task HoldMusicAddedToTheRoomIsHeardByEveryLeg()
    {
        var first = _rig.Party(toneHz: null);
        var second = _rig.Party(toneHz: null);
        var music = new HoldMusic(new ToneGenerator(600).Generate(8000));
        using var mixer = new MediaMixer(_rig.Clock);
        mixer.Join(first.Leg);
        mixer.Join(second.Leg, MixRole.Listen);

        mixer.AddSource(music.OpenStream());
        var firstHears = await HearsNextAsync(first);
        var secondHears = await HearsNextAsync(second);

        AssertHears(firstHears, 600);
        AssertHears(secondHears, 600);
    }

    [Fact]
    public void AWhisperNeedsATargetInTheRoom()
    {
        var (caller, agent, supervisor) = ThreeParties();
        using var mixer = new MediaMixer(_rig.Clock);
        mixer.Join(caller.Leg);

        var noTarget = Assert.Throws<InvalidOperationException>(
            () => mixer.Join(supervisor.Leg, MixRole.Whisper));
        var absent = Assert.Throws<InvalidOperationException>(
            () => mixer.Join(supervisor.Leg, MixRole.Whisper, whisperTo: agent.Leg));
        var twice = Assert.Throws<InvalidOperationException>(() => mixer.Join(caller.Leg));

        Assert.Contains("needs the leg", noTarget.Message, StringComparison.Ordinal);
        Assert.Contains($"port {agent.Leg.LocalPort},", absent.Message, StringComparison.Ordinal);
        Assert.Contains("already", twice.Message, StringComparison.Ordinal);
        Assert.Equal(1, mixer.PartyCount);
    }

    private (MixerRigParty Caller, MixerRigParty Agent, MixerRigParty Supervisor) ThreeParties() =>
        (_rig.Party(CallerHz), _rig.Party(AgentHz), _rig.Party(SupervisorHz));
}
