namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// Ends the flow in a mailbox: plays the prompts (the greeting), then records the caller for at
/// most <paramref name="MaxLength"/> into mailbox <paramref name="Mailbox"/> (an extension).
/// </summary>
public sealed record VoicemailNode(string Id, string Mailbox, IReadOnlyList<string> Prompts, TimeSpan MaxLength)
    : FlowNode(Id)
{
    public override IEnumerable<(string Field, string Target)> Branches() => [];
}
