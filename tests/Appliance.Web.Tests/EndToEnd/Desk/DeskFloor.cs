using System.Globalization;
using Appliance.Service.Tests.Support;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;
using SQLite;

namespace Appliance.Web.Tests.EndToEnd.Desk;

/// <summary>
/// The demo box with agent 1001's desktop and SIPp phone, and a SIPp caller talking to it.
/// </summary>
internal sealed class DeskFloor : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    private DeskFloor(WebBox box, SippRunner sipp)
    {
        Box = box;
        Sipp = sipp;
        Phones = new AgentPhones(sipp, box.Service);
    }

    public WebBox Box { get; }

    public SippRunner Sipp { get; }

    public AgentPhones Phones { get; }

    public Browser Browser { get; private set; } = null!;

    public IPage Admin { get; private set; } = null!;

    public IPage Desk { get; private set; } = null!;

    public AgentPhone Agent { get; private set; } = null!;

    public SippPeer Caller { get; private set; } = null!;

    public string CallId { get; } = $"web-transfer-{Guid.NewGuid():N}";

    public int CallerMediaPort { get; } = FreePorts.Media();

    public int AgentMediaPort => Agent.MediaPort;

    /// <param name="agentScenario">The SIPp scenario of 1001's phone.</param>
    /// <param name="agentArguments">Its further SIPp arguments (e.g. -set talk 18000).</param>
    public static async Task<DeskFloor> StartAsync(string agentScenario, params string[] agentArguments)
    {
        var box = await WebBox.StartAsync("demo");
        var floor = new DeskFloor(box, new SippRunner(box.Service.Root));
        floor._owned.Add(box);
        var browser = await Browser.LaunchAsync();
        floor._owned.Add(browser);
        floor.Browser = browser;
        floor.Admin = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(floor.Admin, "admin", "demo");
        floor.Desk = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(floor.Desk, "1001", "demo");
        await floor.Desk.GotoAsync("/agent");
        floor.Agent = await floor.Phones.StartAsync("1001", agentScenario, TimeSpan.FromSeconds(90), agentArguments);
        floor._owned.Add(floor.Agent);
        await Assertions.Expect(floor.Desk.Locator("#state")).ToHaveTextAsync("ready");

        floor.Caller = floor.Sipp.Start(
            "caller-until-bye.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(90),
            box.Service.SipTarget,
            "-s", "100",
            "-cid_str", floor.CallId,
            "-mp", floor.CallerMediaPort.ToString(CultureInfo.InvariantCulture),
            "-m", "1");
        floor._owned.Add(floor.Caller);
        await Assertions.Expect(floor.Desk.Locator("#callTitle")).ToHaveTextAsync("On call", new() { Timeout = 30_000 });
        return floor;
    }

    /// <summary>Captures what the caller, the agent's phone and the other phones' media ports receive.</summary>
    public Task<PacketCapture> CaptureAsync(params int[] otherMediaPorts) => PacketCapture.StartAsync(
        string.Join(" or ", new[] { CallerMediaPort, Agent.MediaPort }.Concat(otherMediaPorts).Select(p => $"udp dst port {p}")),
        Box.Service.Root);

    public async Task<SippResult[]> WaitAsync(params SippPeer[] others)
    {
        var results = new List<SippResult> { await Caller.WaitAsync(), await Agent.Peer.WaitAsync() };
        foreach (var other in others)
        {
            results.Add(await other.WaitAsync());
        }

        return [.. results];
    }

    public void AssertPeersPassed(SippResult[] results)
    {
        foreach (var result in results)
        {
            Assert.True(result.ExitCode == 0, result.Describe() + "\nService:\n" + Box.Service.Output);
        }
    }

    /// <summary>The call's record: to whom it was transferred and how.</summary>
    public (string? To, string? Kind) Record()
    {
        using var connection = new SQLiteConnection(Box.Service.DatabasePath, SQLiteOpenFlags.ReadOnly);
        var to = connection.ExecuteScalar<string?>("SELECT TransferredTo FROM Cdr WHERE CallId = ?", CallId);
        var kind = connection.ExecuteScalar<string?>("SELECT TransferKind FROM Cdr WHERE CallId = ?", CallId);
        return (to, kind);
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }
}
