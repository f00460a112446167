namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// Plays the prompts and collects digits into <paramref name="Variable"/>: collection ends at
/// <paramref name="Terminator"/> (not stored), at <paramref name="MaxLength"/> digits, or when no
/// digit comes for <paramref name="Timeout"/>. Between the lengths it goes to
/// <paramref name="Next"/>, otherwise to <paramref name="Invalid"/> and the variable is not set.
/// </summary>
public sealed record CollectNode(
    string Id,
    IReadOnlyList<string> Prompts,
    string Variable,
    int MinLength,
    int MaxLength,
    char? Terminator,
    TimeSpan Timeout,
    string Next,
    string Invalid) : FlowNode(Id)
{
    public override IEnumerable<(string Field, string Target)> Branches() =>
        [("next", Next), ("invalid", Invalid)];
}
