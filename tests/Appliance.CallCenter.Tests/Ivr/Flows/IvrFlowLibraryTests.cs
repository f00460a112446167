using Appliance.CallCenter.Ivr;
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

    [Fact]
    public void AFlowNamingAQueueTheBoxDoesNotHaveIsRefusedWithTheNodeNamed()
    {
        var library = new IvrFlowLibrary(document => document.QueueNames()
            .Where(q => q != "sales")
            .Select(q => new FlowProblem(FlowProblemSeverity.Error, q, "queue", $"no queue '{q}'.")));
        var stored = new List<string>();
        library.Replaced += (document, _) => stored.Add(document.Name);

        var refused = library.Replace(FlowJson.Document(
            "main", 1, "q", [], """{ "id": "q", "type": "queue", "queue": "billing" }"""));
        var accepted = library.Replace(FlowJson.Document(
            "main", 2, "q", [], """{ "id": "q", "type": "queue", "queue": "sales" }"""));

        Assert.False(refused.IsValid);
        Assert.Equal(
            "Error: node 'billing', field 'queue': no queue 'billing'.", refused.Errors.Single().ToString());
        Assert.True(accepted.IsValid);
        Assert.Equal(["main"], stored);
        Assert.Equal(2, library.Find("main")!.Version);
    }

    [Fact]
    public void AMenuGreetingPlaysOnceAndADigitDuringItIsTheChoice()
    {
        var library = new IvrFlowLibrary();
        library.Replace(FlowJson.Document(
            "main",
            1,
            "menu",
            [],
            """
            { "id": "menu", "type": "menu", "greeting": "welcome", "prompts": ["menu"],
              "invalidPrompt": "invalid", "choices": { "1": "agent" }, "invalid": "agent" }
            """,
            """{ "id": "agent", "type": "transfer", "extension": "1001" }"""));
        var run = library.StartRun("main", new FakeTimeProvider())!;
        var other = library.StartRun("main", new FakeTimeProvider())!;

        var first = run.Start();
        var retry = run.Digit('9');
        other.Start();
        var bargedIn = other.Digit('1');

        Assert.Equal(["welcome", "menu"], ((PlayPrompts)first).Prompts);
        Assert.Equal(["invalid", "menu"], ((PlayPrompts)retry).Prompts);
        Assert.Equal(new TransferCall("1001"), bargedIn);
        Assert.Equal('1', other.LastChoice);
        Assert.Null(run.LastChoice);
        Assert.Equal(["invalid", "menu", "welcome"], library.Find("main")!.PromptNames());
    }

    [Fact]
    public void AVoicemailNodePlaysItsGreetingThenRecordsIntoItsMailbox()
    {
        var library = new IvrFlowLibrary();
        var validation = library.Replace(FlowJson.Document(
            "main",
            1,
            "vm",
            [],
            """
            { "id": "vm", "type": "voicemail", "mailbox": "1002", "prompts": ["voicemail"], "maxSeconds": 45 }
            """));
        var run = library.StartRun("main", new FakeTimeProvider())!;

        var greeting = run.Start();
        var recording = run.PromptsFinished();

        Assert.True(validation.IsValid, string.Join(" ", validation.Problems));
        Assert.Equal(["voicemail"], ((PlayPrompts)greeting).Prompts);
        Assert.Equal(new RecordVoicemail("1002", TimeSpan.FromSeconds(45)), recording);
        Assert.True(run.IsFinished);
    }

    [Fact]
    public void AVoicemailNodeWithoutAMailboxIsRefusedNamingTheField()
    {
        var validation = IvrFlowValidator.Validate(FlowJson.Document(
            "main", 1, "vm", [], """{ "id": "vm", "type": "voicemail" }"""));

        Assert.False(validation.IsValid);
        Assert.Contains(validation.Errors, e => e.NodeId == "vm" && e.Field == "mailbox");
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
