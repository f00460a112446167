using System.Globalization;
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
/// with its reason for the call to log (once per call). Thread-safe.
/// </summary>
public sealed class FlowWebhookClient
{
    // A CRM answer larger than this is not a few fields about a caller.
    private const int MaxAnswerBytes = 64 * 1024;

    private readonly HttpClient _http;

    /// <param name="http">The client the requests go through; its own timeout should be longer
    /// than any node's, which each request applies itself.</param>
    public FlowWebhookClient(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
    }

    /// <summary>
    /// The answer's fields, or no fields and the reason when the request timed out, failed, got a
    /// status other than 2xx or a body that is not a JSON object.
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, string>? Fields, string? Failure)> CallAsync(
        CallWebhook webhook, string callId, string? caller, string? did, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(webhook.Timeout);
        try
        {
            using var request = Request(webhook, callId, caller, did);
            using var response = await _http
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                .ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"status {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentLength > MaxAnswerBytes)
            {
                return (null, $"an answer of {response.Content.Headers.ContentLength} bytes");
            }

            var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using var _ = body.ConfigureAwait(false);
            using var limited = new MemoryStream();
            await CopyLimitedAsync(body, limited, timeout.Token).ConfigureAwait(false);
            limited.Position = 0;
            using var answer = await JsonDocument.ParseAsync(limited, cancellationToken: timeout.Token)
                .ConfigureAwait(false);
            if (answer.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "an answer that is not a JSON object");
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            Flatten(answer.RootElement, string.Empty, fields);
            return (fields, null);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            var seconds = webhook.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
            return (null, $"no answer within {seconds} s");
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.Message);
        }
        catch (JsonException)
        {
            return (null, "an answer that is not JSON");
        }
        catch (InvalidDataException ex)
        {
            return (null, ex.Message);
        }
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
