using Appliance.CallCenter.Ivr;
using Appliance.CallCenter.Ivr.Flows;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.CallCenter.Tests.Ivr.Flows;

public sealed class TransferNodeTests
{
    private const string Sorry = """{ "id": "sorry", "type": "hangup", "prompts": ["invalid"] }""";

    [Fact]
    public void ATransferToANumberIsExternalAndWaitsForItsOutcome()
    {
        var run = Start(
            """{ "id": "out", "type": "transfer", "number": "+8613800138000", "failed": "sorry" }""",
            Sorry);

        var action = run.Start();

        Assert.Equal(new TransferCall("+8613800138000", External: true), action);
        Assert.False(run.IsFinished);
    }

    [Fact]
    public void AnExtensionMarkedExternalIsDialledThroughTheTrunk()
    {
        var run = Start("""{ "id": "out", "type": "transfer", "extension": "5551234", "external": true }""");

        var action = run.Start();

        Assert.Equal(new TransferCall("5551234", External: true), action);
    }

    [Fact]
    public void AFailedTransferGoesOnAtTheFailedBranch()
    {
        var run = Start(
            """{ "id": "out", "type": "transfer", "number": "5551234", "failed": "sorry" }""",
            Sorry);
        run.Start();

        var next = run.TransferFailed();
        var again = run.TransferFailed();

        Assert.Equal(["invalid"], Assert.IsType<PlayPrompts>(next).Prompts);
        Assert.Same(NoAction.Instance, again);
    }

    [Fact]
    public void AFailedTransferWithoutAFailedBranchHangsUp()
    {
        var run = Start("""{ "id": "out", "type": "transfer", "extension": "1002" }""");
        run.Start();

        var next = run.TransferFailed();

        Assert.Same(HangUpCall.Instance, next);
        Assert.True(run.IsFinished);
    }

    [Fact]
    public void AConnectedTransferFinishesTheRunAndALaterFailureDoesNothing()
    {
        var run = Start("""{ "id": "out", "type": "transfer", "number": "5551234", "failed": "sorry" }""", Sorry);
        run.Start();

        run.TransferConnected();
        var late = run.TransferFailed();

        Assert.True(run.IsFinished);
        Assert.Same(NoAction.Instance, late);
    }

    [Theory]
    [InlineData("""{ "id": "out", "type": "transfer", "number": "55-12" }""", "number")]
    [InlineData("""{ "id": "out", "type": "transfer", "extension": "desk", "external": true }""", "extension")]
    [InlineData("""{ "id": "out", "type": "transfer", "number": "5551234", "extension": "1001" }""", "number")]
    [InlineData("""{ "id": "out", "type": "transfer", "extension": "1001", "external": "yes" }""", "external")]
    [InlineData("""{ "id": "out", "type": "transfer", "number": "5551234", "failed": "nowhere" }""", "failed")]
    public void ABadTransferNodeIsRefusedNamingTheField(string node, string field)
    {
        var validation = IvrFlowValidator.Validate(FlowJson.Document("out", node));

        var error = Assert.Single(validation.Errors);
        Assert.Equal(("out", field), (error.NodeId, error.Field));
        Assert.False(validation.IsValid);
    }

    private static IvrFlowRun Start(params string[] nodes)
    {
        var validation = IvrFlowValidator.Validate(FlowJson.Document("out", nodes));
        Assert.True(validation.IsValid, string.Join("\n", validation.Problems));
        return new IvrFlowRun(validation.Document!, new FakeTimeProvider());
    }
}
