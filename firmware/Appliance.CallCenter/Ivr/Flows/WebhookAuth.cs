namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// How a <see cref="WebhookNode"/> authenticates to its CRM: <paramref name="Scheme"/> is
/// <c>bearer</c> (the secret is the token) or <c>basic</c> (<paramref name="User"/> and the secret
/// as password, RFC 7617). <paramref name="Secret"/> is the name of a secret the box keeps
/// (<c>Ivr:WebhookSecrets:&lt;name&gt;</c>), never the secret itself, so a flow document can be
/// shown, exported and logged without giving it away.
/// </summary>
public sealed record WebhookAuth(string Scheme, string? User, string Secret)
{
    public const string Bearer = "bearer";

    public const string Basic = "basic";
}
