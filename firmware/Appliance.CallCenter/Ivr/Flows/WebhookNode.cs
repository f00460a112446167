namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// Asks a CRM about the call: an HTTP <paramref name="Method"/> (POST with the call's variables
/// as JSON, or GET with them in the query) to <paramref name="Url"/>, waiting at most
/// <paramref name="Timeout"/>. A 2xx answer whose body is a JSON object goes to
/// <paramref name="Ok"/>, after each variable of <paramref name="Map"/> is set from the answer's
/// field it names (nested fields written <c>account.id</c>); a timeout, an error, another status
/// or a body that is not a JSON object goes to <paramref name="Failed"/> and sets nothing.
/// A refused connection or a 5xx answer is tried again up to <see cref="Retries"/> times, all
/// within the one <paramref name="Timeout"/>.
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
    /// <summary>The credentials sent with each request, by reference; null sends none.</summary>
    public WebhookAuth? Auth { get; init; }

    /// <summary>How many times a refused connection or a 5xx answer is tried again (0 to 2).</summary>
    public int Retries { get; init; }

    public override IEnumerable<(string Field, string Target)> Branches() => [("ok", Ok), ("failed", Failed)];
}
