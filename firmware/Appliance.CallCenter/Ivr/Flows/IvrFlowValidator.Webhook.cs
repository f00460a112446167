using System.Text.Json;
using System.Text.RegularExpressions;

namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>The webhook node's fields: address, method, timeout, answer map, credentials, retries.</summary>
public static partial class IvrFlowValidator
{
    /// <summary>The most times a webhook node may try its request again.</summary>
    public const int MaxWebhookRetries = 2;

    private static readonly TimeSpan s_defaultWebhookTimeout = TimeSpan.FromSeconds(2);

    // Stands in for a webhook's address that failed to read; the node is refused anyway.
    private static readonly Uri s_placeholderUrl = new("http://invalid/");

    private static WebhookNode ReadWebhook(Reader r, string id)
    {
        var text = r.String("url");
        var url = s_placeholderUrl;
        if (text is not null)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
            {
                r.Problem("url", $"'{text}' is not an absolute http or https address.");
            }
            else if (parsed.UserInfo.Length > 0)
            {
                // Credentials in the address would be shown by the flow API and logged with the
                // address; they belong in "auth", by reference to a secret.
                r.Problem("url", "must not carry a user or password; use \"auth\" with a secret's name.");
            }
            else
            {
                url = parsed;
            }
        }

        var method = (r.String("method", required: false) ?? "POST").ToUpperInvariant();
        if (method is not ("POST" or "GET"))
        {
            r.Problem("method", $"'{method}' is not POST or GET.");
        }

        var timeout = s_defaultWebhookTimeout;
        if (r.Element.TryGetProperty("timeoutSeconds", out var seconds))
        {
            if (seconds.ValueKind == JsonValueKind.Number
                && seconds.TryGetDouble(out var value)
                && value is >= 0.1 and <= 30)
            {
                timeout = TimeSpan.FromSeconds(value);
            }
            else
            {
                r.Problem("timeoutSeconds", "must be a number of seconds from 0.1 to 30.");
            }
        }

        var map = ReadWebhookMap(r);
        var auth = ReadWebhookAuth(r);
        var retries = r.Int("retries", 1, 0, MaxWebhookRetries);
        return new WebhookNode(id, url, method, timeout, map, r.Text("ok"), r.Text("failed"))
        {
            Auth = auth,
            Retries = retries,
        };
    }

    private static Dictionary<string, string> ReadWebhookMap(Reader r)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!r.Element.TryGetProperty("map", out var fields))
        {
            return map;
        }

        if (fields.ValueKind != JsonValueKind.Object)
        {
            r.Problem("map", "must be an object of variable names to answer fields.");
            return map;
        }

        foreach (var field in fields.EnumerateObject())
        {
            if (field.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(field.Value.GetString()))
            {
                r.Problem($"map.{field.Name}", "must name a field of the answer, e.g. \"account.id\".");
            }
            else
            {
                map[field.Name] = field.Value.GetString()!;
            }
        }

        return map;
    }

    /// <summary>
    /// <c>"auth": { "scheme": "bearer", "secret": "crm-token" }</c> or
    /// <c>{ "scheme": "basic", "user": "ivr", "secret": "crm-password" }</c>. The document names the
    /// secret only; a field that would hold the secret itself is refused.
    /// </summary>
    private static WebhookAuth? ReadWebhookAuth(Reader r)
    {
        if (!r.Element.TryGetProperty("auth", out var auth) || auth.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (auth.ValueKind != JsonValueKind.Object)
        {
            r.Problem("auth", "must be an object with a scheme (bearer or basic) and a secret's name.");
            return null;
        }

        var before = r.Problems.Count;
        foreach (var field in auth.EnumerateObject())
        {
            if (field.Name is not ("scheme" or "user" or "secret"))
            {
                r.Problem(
                    $"auth.{field.Name}",
                    "is not a field of auth (scheme, user, secret); the secret itself never goes in a flow.");
            }
        }

        var scheme = AuthText(r, auth, "scheme");
        var user = AuthText(r, auth, "user");
        var secret = AuthText(r, auth, "secret");
        if (scheme is not (WebhookAuth.Bearer or WebhookAuth.Basic))
        {
            r.Problem(
                "auth.scheme",
                scheme is null ? "is required (bearer or basic)." : $"'{scheme}' is not bearer or basic.");
        }

        if (secret is null)
        {
            r.Problem("auth.secret", "is required: the name of a secret set in Ivr:WebhookSecrets.");
        }
        else if (!SecretName().IsMatch(secret))
        {
            r.Problem("auth.secret", "must be a secret's name: 1 to 64 letters, digits, '-' or '_'.");
        }

        if (scheme == WebhookAuth.Basic && (user is null || user.Contains(':', StringComparison.Ordinal)))
        {
            // RFC 7617 §2: the user-id cannot contain a colon.
            r.Problem("auth.user", "is required for basic and cannot contain ':'.");
        }
        else if (scheme == WebhookAuth.Bearer && user is not null)
        {
            r.Problem("auth.user", "is only for basic; a bearer token has no user.");
        }

        if (r.Problems.Count > before)
        {
            return null;
        }

        return new WebhookAuth(scheme!, user, secret!);
    }

    private static string? AuthText(Reader r, JsonElement auth, string field)
    {
        if (!auth.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            r.Problem($"auth.{field}", "must be a non-empty text.");
            return null;
        }

        return value.GetString()!.Trim();
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SecretName();
}
