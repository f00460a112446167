using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Appliance.CallCenter.Ivr.Flows;

namespace Appliance.Telephony.Webhooks;

/// <summary>
/// Sends the requests of IVR flows' <see cref="WebhookNode"/>s to CRMs and reads their answers.
/// A POST carries <c>{ "callId", "caller", "did", "variables": { ... } }</c>; a GET carries the
/// same as query parameters (<c>callId</c>, <c>caller</c>, <c>did</c>, then each variable by
/// name). The answer's JSON object is flattened into text fields: nested objects as
/// <c>account.id</c>, numbers and booleans as written, arrays left out. A failure is returned
/// with its reason for the call to log (once per call). A node's credentials are looked up by
/// the secret's name at each request and sent in the Authorization header only; no reason
/// returned names them. A refused connection or a 5xx answer is tried again as often as the node
/// says, within the node's one timeout: an attempt never starts or runs past it. Thread-safe.
/// </summary>
public sealed class FlowWebhookClient
{
    // A CRM answer larger than this is not a few fields about a caller.
    private const int MaxAnswerBytes = 64 * 1024;

    // The pause before trying again, so a CRM restarting behind a proxy gets a moment.
    private static readonly TimeSpan s_retryPause = TimeSpan.FromMilliseconds(100);

    private readonly HttpClient _http;
    private readonly Func<string, string?> _secrets;

    /// <param name="http">The client the requests go through; its own timeout should be longer
    /// than any node's, which each request applies itself.</param>
    /// <param name="secrets">The secret of a name, or null when the box has none of that name.</param>
    public FlowWebhookClient(HttpClient http, Func<string, string?>? secrets = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _secrets = secrets ?? (_ => null);
    }

    /// <summary>
    /// The answer's fields, or no fields and the reason when the request timed out, failed, got a
    /// status other than 2xx or a body that is not a JSON object.
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, string>? Fields, string? Failure)> CallAsync(
        CallWebhook webhook, string callId, string? caller, string? did, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var authorization = Authorization(webhook.Auth);
        if (webhook.Auth is not null && authorization is null)
        {
            return (null, $"no secret '{webhook.Auth.Secret}' is set (Ivr:WebhookSecrets)");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(webhook.Timeout);
        var failure = string.Empty;
        for (var attempt = 0; attempt <= webhook.Retries; attempt++)
        {
            if (attempt > 0)
            {
                try
                {
                    await Task.Delay(s_retryPause, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    return (null, $"{failure}, and no time was left to try again");
                }
            }

            var (fields, reason, retry) = await AttemptAsync(
                webhook, authorization, callId, caller, did, cancel, timeout.Token).ConfigureAwait(false);
            if (!retry || attempt == webhook.Retries)
            {
                var tried = reason is null || attempt == 0 ? reason : $"{reason} after {attempt + 1} attempts";
                return (fields, tried);
            }

            failure = reason!;
        }

        return (null, failure);
    }

    /// <summary>One request; <c>Retry</c> says the failure is one worth trying again.</summary>
    private async Task<(IReadOnlyDictionary<string, string>? Fields, string? Failure, bool Retry)> AttemptAsync(
        CallWebhook webhook,
        AuthenticationHeaderValue? authorization,
        string callId,
        string? caller,
        string? did,
        CancellationToken cancel,
        CancellationToken timeout)
    {
        try
        {
            using var request = Request(webhook, callId, caller, did);
            request.Headers.Authorization = authorization;
            using var response = await _http
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout)
                .ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"status {(int)response.StatusCode}", (int)response.StatusCode >= 500);
            }

            if (response.Content.Headers.ContentLength > MaxAnswerBytes)
            {
                return (null, $"an answer of {response.Content.Headers.ContentLength} bytes", false);
            }

            var body = await response.Content.ReadAsStreamAsync(timeout).ConfigureAwait(false);
            await using var _ = body.ConfigureAwait(false);
            using var limited = new MemoryStream();
            await CopyLimitedAsync(body, limited, timeout).ConfigureAwait(false);
            limited.Position = 0;
            using var answer = await JsonDocument.ParseAsync(limited, cancellationToken: timeout)
                .ConfigureAwait(false);
            if (answer.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "an answer that is not a JSON object", false);
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            Flatten(answer.RootElement, string.Empty, fields);
            return (fields, null, false);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            var seconds = webhook.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
            return (null, $"no answer within {seconds} s", false);
        }
        catch (HttpRequestException ex)
        {
            // A request that got no status (refused, reset, name not found) may work a moment later.
            return (null, ex.Message, ex.StatusCode is null);
        }
        catch (JsonException)
        {
            return (null, "an answer that is not JSON", false);
        }
        catch (InvalidDataException ex)
        {
            return (null, ex.Message, false);
        }
    }

    /// <summary>The header of <paramref name="auth"/>, or null when it names no secret the box has.</summary>
    private AuthenticationHeaderValue? Authorization(WebhookAuth? auth)
    {
        if (auth is null || _secrets(auth.Secret) is not { Length: > 0 } secret)
        {
            return null;
        }

        if (auth.Scheme == WebhookAuth.Basic)
        {
            // RFC 7617 §2: base64 of user-id ":" password, in UTF-8 (§2.1 charset).
            var pair = Encoding.UTF8.GetBytes($"{auth.User}:{secret}");
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(pair));
        }

        // RFC 6750 §2.1: the token goes in the Authorization header with the Bearer scheme.
        return new AuthenticationHeaderValue("Bearer", secret);
    }

    private static HttpRequestMessage Request(CallWebhook webhook, string callId, string? caller, string? did)
    {
        if (webhook.Method == "GET")
        {
            var given = webhook.Url.Query.Length > 1 ? webhook.Url.Query[1..] + "&" : string.Empty;
            var query = new StringBuilder(given);
            var parameters = new List<KeyValuePair<string, string>>
            {
                new("callId", callId),
                new("caller", caller ?? string.Empty),
                new("did", did ?? string.Empty),
            };
            parameters.AddRange(webhook.Variables);
            query.AppendJoin('&', parameters.Select(
                p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
            var url = new UriBuilder(webhook.Url) { Query = query.ToString() }.Uri;
            return new HttpRequestMessage(HttpMethod.Get, url);
        }

        return new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = JsonContent.Create(new { callId, caller, did, variables = webhook.Variables }),
        };
    }

    /// <exception cref="InvalidDataException">The answer is larger than 64 KiB.</exception>
    private static async Task CopyLimitedAsync(Stream from, Stream to, CancellationToken cancel)
    {
        var buffer = new byte[8192];
        int read;
        while ((read = await from.ReadAsync(buffer, cancel).ConfigureAwait(false)) > 0)
        {
            if (to.Length + read > MaxAnswerBytes)
            {
                throw new InvalidDataException($"an answer larger than {MaxAnswerBytes} bytes");
            }

            await to.WriteAsync(buffer.AsMemory(0, read), cancel).ConfigureAwait(false);
        }
    }

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string> fields)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix + property.Name;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    Flatten(property.Value, name + ".", fields);
                    break;
                case JsonValueKind.String:
                    fields[name] = property.Value.GetString()!;
                    break;
                case JsonValueKind.Number:
                    fields[name] = property.Value.GetRawText();
                    break;
                case JsonValueKind.True:
                case JsonValueKind.False:
                    fields[name] = property.Value.ValueKind == JsonValueKind.True ? "true" : "false";
                    break;
            }
        }
    }
}
