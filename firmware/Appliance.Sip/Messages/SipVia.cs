using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Appliance.Sip.Messages;

/// <summary>
/// One Via value (RFC 3261 §20.42, §18.2.1 received, RFC 3581 rport):
/// <c>SIP/2.0/UDP host:port;branch=z9hG4bK...;received=...;rport=...</c>.
/// <see cref="Parameters"/> holds every parameter, the named properties are views on it.
/// </summary>
public sealed class SipVia
{
    /// <summary>The branch prefix that marks an RFC 3261 branch (§8.1.1.7).</summary>
    public const string MagicCookie = "z9hG4bK";

    private static readonly System.Buffers.SearchValues<char> s_versionChars =
        System.Buffers.SearchValues.Create("0123456789.");

    public SipVia(string transport, string host, int? port = null, string? branch = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(transport);
        ArgumentException.ThrowIfNullOrEmpty(host);
        Transport = transport.ToUpperInvariant();
        Host = host;
        Port = port;
        Branch = branch;
    }

    /// <summary>Transport token in upper case, e.g. UDP.</summary>
    public string Transport { get; }

    /// <summary>The protocol version of the sent-protocol, "2.0" for every peer we can serve.</summary>
    public string Version { get; init; } = "2.0";

    public string Host { get; }

    public int? Port { get; }

    public IDictionary<string, string?> Parameters { get; } =
        new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    public string? Branch
    {
        get => Get("branch");
        set => Set("branch", value);
    }

    /// <summary>The received parameter: the source address the request came from (§18.2.1).</summary>
    public string? Received
    {
        get => Get("received");
        set => Set("received", value);
    }

    /// <summary>The rport value (RFC 3581) when it carries a port; see <see cref="HasRPort"/>.</summary>
    public int? RPort
    {
        get => int.TryParse(Get("rport"), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : null;
        set => Parameters["rport"] = value?.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>True when rport is present, with or without a value.</summary>
    public bool HasRPort => Parameters.ContainsKey("rport");

    /// <summary>The sent-by part, host and optional port.</summary>
    public string SentBy => Port is { } port ? $"{Host}:{port.ToString(CultureInfo.InvariantCulture)}" : Host;

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SipVia? via)
    {
        via = null;
        return text is not null && TryParse(text.AsSpan(), out via);
    }

    /// <summary>As the string overload, on a slice of a header value.</summary>
    internal static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipVia? via)
    {
        if (TryParseCore(text, build: true, out via, out var isVersion2) && isVersion2 && via is not null)
        {
            return true;
        }

        via = null;
        return false;
    }

    /// <summary>
    /// As <see cref="TryParse(string, out SipVia)"/> but reads any version (RFC 4475 badvers),
    /// so that a request can be answered 505 rather than dropped.
    /// </summary>
    internal static bool TryParseAnyVersion(
        [NotNullWhen(true)] string? text,
        [NotNullWhen(true)] out SipVia? via)
    {
        via = null;
        return text is not null && TryParseCore(text, build: true, out via, out _);
    }

    /// <summary>
    /// As <see cref="TryParseAnyVersion"/> but builds nothing, so the parser checks a Via without
    /// allocating; <paramref name="isVersion2"/> is true for SIP/2.0.
    /// </summary>
    internal static bool IsValid(ReadOnlySpan<char> text, out bool isVersion2) =>
        TryParseCore(text, build: false, out _, out isVersion2);

    private static bool TryParseCore(
        ReadOnlySpan<char> text,
        bool build,
        out SipVia? via,
        out bool isVersion2)
    {
        via = null;
        isVersion2 = false;
        var span = text.Trim();
        var slash = span.IndexOf('/');
        if (slash < 0 || !span[..slash].Trim().Equals("SIP", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        span = span[(slash + 1)..];
        slash = span.IndexOf('/');
        var version = slash < 0 ? default : span[..slash].Trim();
        if (version.IsEmpty || version.ContainsAnyExcept(s_versionChars))
        {
            return false;
        }

        span = span[(slash + 1)..].TrimStart();
        var space = span.IndexOfAny(' ', '\t');
        if (space <= 0 || !SipText.IsToken(span[..space]))
        {
            return false;
        }

        var transport = span[..space];
        span = span[space..].Trim();
        var semicolon = span.IndexOf(';');
        var sentBy = semicolon < 0 ? span : span[..semicolon];
        if (!SipUri.TryParseHostPort(sentBy, out ReadOnlySpan<char> host, out var port))
        {
            return false;
        }

        isVersion2 = version.SequenceEqual("2.0");
        var parsed = build
            ? new SipVia(transport.ToString(), host.ToString(), port)
            {
                Version = isVersion2 ? "2.0" : version.ToString(),
            }
            : null;
        if (semicolon >= 0 && !SipText.TryParseParameters(span[semicolon..], parsed?.Parameters))
        {
            return false;
        }

        via = parsed;
        return true;
    }

    public override string ToString()
    {
        var builder = new StringBuilder(96);
        builder.Append("SIP/").Append(Version).Append('/').Append(Transport).Append(' ').Append(SentBy);
        SipText.AppendParameters(builder, Parameters);
        return builder.ToString();
    }

    private string? Get(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    private void Set(string name, string? value)
    {
        if (value is null)
        {
            Parameters.Remove(name);
        }
        else
        {
            Parameters[name] = value;
        }
    }
}
