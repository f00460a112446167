using Appliance.CallCenter.Ivr.Flows;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.CallCenter.Tests.Ivr.Flows;

public sealed class IvrFlowLibraryTests
{
    [Fact]
    public void ReplacingAFlowLeavesACallInItOnItsVersionAndGivesNewCallsTheNewOne()
    {
        var time = new FakeTimeProvider();
        var library = new IvrFlowLibrary();
        library.Replace(Version(1, "1001"));
        var before = library.StartRun("main", time)!;
        before.Start();

        var replaced = library.Replace(Version(2, "1002"));
        var after = library.StartRun("main", time)!;
        after.Start();
        var oldEnding = before.Digit('1');
        var newEnding = after.Digit('1');

        Assert.True(replaced.IsValid);
        Assert.Equal(1, before.Document.Version);
        Assert.Equal(2, after.Document.Version);
        Assert.Equal(new TransferCall("1001"), oldEnding);
        Assert.Equal(new TransferCall("1002"), newEnding);
    }

    [Fact]
    public void ARefusedReplacementKeepsTheCurrentVersion()
    {
        var library = new IvrFlowLibrary();
        library.Replace(Version(1, "1001"));

        var refused = library.Replace(FlowJson.Document("main", 2, "menu", [], """{ "id": "menu", "type": "menu" }"""));

        Assert.False(refused.IsValid);
        Assert.Equal(1, library.Find("main")!.Version);
    }

    [Fact]
    public void AnUnknownFlowStartsNoRun()
    {
        Assert.Null(new IvrFlowLibrary().StartRun("nothing", new FakeTimeProvider()));
    }

    private static string Version(int version, string extension) =>
        FlowJson.Document(
            "main",
            version,
            "menu",
            [],
            """{ "id": "menu", "type": "menu", "prompts": ["menu"], "choices": { "1": "agent" }, "invalid": "agent" }""",
            $$"""{ "id": "agent", "type": "transfer", "extension": "{{extension}}" }""");
}
