using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Appliance.Sip.Sdp;

/// <summary>
/// A session description (RFC 4566) with the parts offer/answer needs: origin, name, session
/// connection, one t= line and media sections. Session-level direction attributes are applied
/// to media sections that have none. Other session lines are dropped. Not thread safe.
/// </summary>
public sealed class SdpSession
{
    public string OriginUser { get; set; } = "-";

    public ulong SessionId { get; set; }

    public ulong SessionVersion { get; set; }

    /// <summary>The unicast address in o=.</summary>
    public string OriginAddress { get; set; } = "0.0.0.0";

    public string SessionName { get; set; } = "-";

    /// <summary>Session-level c= address, used by media sections without their own.</summary>
    public string? ConnectionAddress { get; set; }

    public List<SdpMedia> Media { get; } = [];

    /// <summary>Parses CRLF or LF separated lines; never throws on input.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SdpSession? session, out string error)
    {
        session = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "Empty session description";
            return false;
        }

        var parsed = new SdpSession();
        SdpMedia? media = null;
        SdpDirection? sessionDirection = null;
        var sawVersion = false;
        var sawOrigin = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length < 2 || line[1] != '=')
            {
                error = "Malformed line: " + Shorten(line);
                return false;
            }

            var value = line[2..];
            switch (line[0])
            {
                case 'v':
                    sawVersion = value == "0";
                    break;
                case 'o':
                    sawOrigin = TryReadOrigin(value, parsed);
                    break;
                case 's':
                    parsed.SessionName = value.Length == 0 ? "-" : value;
                    break;
                case 'c':
                    if (!TryReadConnection(value, out var address))
                    {
                        error = "Malformed connection line";
                        return false;
                    }

                    if (media is null)
                    {
                        parsed.ConnectionAddress = address;
                    }
                    else
                    {
                        media.ConnectionAddress = address;
                    }

                    break;
                case 'm':
                    media = TryReadMedia(value);
                    if (media is null)
                    {
                        error = "Malformed media line: " + Shorten(line);
                        return false;
                    }

                    parsed.Media.Add(media);
                    break;
                case 'a':
                    if (media is null)
                    {
                        sessionDirection = ParseDirection(value) ?? sessionDirection;
                    }
                    else
                    {
                        ReadMediaAttribute(media, value);
                    }

                    break;
            }
        }

        if (!sawVersion || !sawOrigin)
        {
            error = sawVersion ? "Missing or malformed o= line" : "Missing v=0 line";
            return false;
        }

        foreach (var section in parsed.Media)
        {
            if (!section.HasDirection && sessionDirection is { } inherited)
            {
                section.Direction = inherited;
            }
        }

        session = parsed;
        error = string.Empty;
        return true;
    }

    /// <summary>The description as CRLF lines in RFC 4566 order (v, o, s, c, t, m...).</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(512);
        builder.Append("v=0\r\n");
        builder.Append("o=").Append(OriginUser).Append(' ')
            .Append(SessionId.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(SessionVersion.ToString(CultureInfo.InvariantCulture)).Append(" IN ")
            .Append(AddressType(OriginAddress)).Append(' ').Append(OriginAddress).Append("\r\n");
        builder.Append("s=").Append(SessionName).Append("\r\n");
        if (ConnectionAddress is not null)
        {
            AppendConnection(builder, ConnectionAddress);
        }

        builder.Append("t=0 0\r\n");
        foreach (var media in Media)
        {
            media.AppendTo(builder);
        }

        return builder.ToString();
    }

    internal static void AppendConnection(StringBuilder builder, string address) =>
        builder.Append("c=IN ").Append(AddressType(address)).Append(' ').Append(address).Append("\r\n");

    internal static string DirectionName(SdpDirection direction) => direction switch
    {
        SdpDirection.SendOnly => "sendonly",
        SdpDirection.RecvOnly => "recvonly",
        SdpDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    private static SdpDirection? ParseDirection(string attribute) => attribute switch
    {
        "sendrecv" => SdpDirection.SendRecv,
        "sendonly" => SdpDirection.SendOnly,
        "recvonly" => SdpDirection.RecvOnly,
        "inactive" => SdpDirection.Inactive,
        _ => null,
    };

    private static string AddressType(string address) =>
        IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6
            ? "IP6"
            : "IP4";

    private static bool TryReadOrigin(string value, SdpSession session)
    {
        // RFC 4566 §5.2: o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6
            || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || !ulong.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        session.OriginUser = parts[0];
        session.SessionId = id;
        session.SessionVersion = version;
        session.OriginAddress = parts[5];
        return true;
    }

    private static bool TryReadConnection(string value, out string address)
    {
        // RFC 4566 §5.7: c=IN IP4 <address>[/ttl[/count]]
        address = string.Empty;
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3 || parts[0] != "IN")
        {
            return false;
        }

        var slash = parts[2].IndexOf('/', StringComparison.Ordinal);
        address = slash < 0 ? parts[2] : parts[2][..slash];
        return address.Length > 0;
    }

    private static SdpMedia? TryReadMedia(string value)
    {
        // RFC 4566 §5.14: m=<media> <port>[/<count>] <proto> <fmt> ...
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3)
        {
            return null;
        }

        var portText = parts[1];
        var slash = portText.IndexOf('/', StringComparison.Ordinal);
        if (!TryNumber(slash < 0 ? portText : portText[..slash], out var port) || port > 65535)
        {
            return null;
        }

        var media = new SdpMedia(parts[0], port, parts[2]);
        for (var i = 3; i < parts.Length; i++)
        {
            if (TryNumber(parts[i], out var format) && format <= 127)
            {
                media.Formats.Add(format);
            }
            else
            {
                media.OtherFormats.Add(parts[i]);
            }
        }

        return media;
    }

    private static void ReadMediaAttribute(SdpMedia media, string value)
    {
        if (ParseDirection(value) is { } direction)
        {
            media.Direction = direction;
            media.HasDirection = true;
            return;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? value : value[..colon];
        var rest = colon < 0 ? null : value[(colon + 1)..];
        if (rest is not null && name is "rtpmap" or "fmtp" && TrySplitFormat(rest, out var pt, out var text))
        {
            (name == "rtpmap" ? media.RtpMaps : media.Fmtps)[pt] = text;
            return;
        }

        if (name == "ptime" && TryNumber(rest, out var ptime) && ptime > 0)
        {
            media.PtimeMs = ptime;
            return;
        }

        media.Attributes.Add(new(name, rest));
    }

    private static bool TrySplitFormat(string text, out int payloadType, out string rest)
    {
        rest = string.Empty;
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !TryNumber(text.AsSpan(0, space), out payloadType))
        {
            payloadType = 0;
            return false;
        }

        rest = text[(space + 1)..].Trim();
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<char> text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static string Shorten(string line) => line.Length <= 40 ? line : line[..40];
}
