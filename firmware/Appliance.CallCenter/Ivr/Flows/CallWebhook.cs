namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// Send the request of a <see cref="WebhookNode"/> with the call's <paramref name="Variables"/>
/// and report the answer to <see cref="IvrFlowRun.WebhookAnswered"/>: the fields of the JSON
/// object it returned, or null when it failed. The caller hears nothing meanwhile.
/// </summary>
public sealed record CallWebhook(
    Uri Url,
    string Method,
    TimeSpan Timeout,
    IReadOnlyDictionary<string, string> Variables) : IvrAction
{
    /// <summary>The node's credentials, by reference to a secret the box keeps; null for none.</summary>
    public WebhookAuth? Auth { get; init; }

    /// <summary>How many times a refused connection or a 5xx answer is tried again.</summary>
    public int Retries { get; init; }
}
