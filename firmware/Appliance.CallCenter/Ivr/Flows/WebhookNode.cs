namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// Asks a CRM about the call: an HTTP <paramref name="Method"/> (POST with the call's variables
/// as JSON, or GET with them in the query) to <paramref name="Url"/>, waiting at most
/// <paramref name="Timeout"/>. A 2xx answer whose body is a JSON object goes to
/// <paramref name="Ok"/>, after each variable of <paramref name="Map"/> is set from the answer's
/// field it names (nested fields written <c>account.id</c>); a timeout, an error, another status
/// or a body that is not a JSON object goes to <paramref name="Failed"/> and sets nothing.
/// </summary>
public sealed record WebhookNode(
    string Id,
    Uri Url,
    string Method,
    TimeSpan Timeout,
    IReadOnlyDictionary<string, string> Map,
    string Ok,
    string Failed) : FlowNode(Id)
{
    public override IEnumerable<(string Field, string Target)> Branches() => [("ok", Ok), ("failed", Failed)];
}
