using System.Globalization;
using System.Text;

namespace Appliance.Sip.Sdp;

/// <summary>
/// One m= section (RFC 4566 §5.14) with its c= and a= lines. rtpmap, fmtp, ptime and the
/// direction attributes are parsed into properties; other attributes are kept in order in
/// <see cref="Attributes"/>. Formats that are not numbers (non-RTP media) are kept in
/// <see cref="OtherFormats"/>. Not thread safe.
/// </summary>
public sealed class SdpMedia
{
    public SdpMedia(string mediaType, int port, string protocol)
    {
        MediaType = mediaType;
        Port = port;
        Protocol = protocol;
    }

    /// <summary>"audio", "video", ...</summary>
    public string MediaType { get; }

    /// <summary>The transport port; 0 marks a rejected or disabled stream (RFC 3264 §6).</summary>
    public int Port { get; set; }

    /// <summary>"RTP/AVP" for our streams.</summary>
    public string Protocol { get; }

    /// <summary>RTP payload types in preference order.</summary>
    public List<int> Formats { get; } = [];

    public List<string> OtherFormats { get; } = [];

    /// <summary>a=rtpmap values by payload type, e.g. 8 -> "PCMA/8000".</summary>
    public Dictionary<int, string> RtpMaps { get; } = [];

    /// <summary>a=fmtp values by payload type, e.g. 101 -> "0-16".</summary>
    public Dictionary<int, string> Fmtps { get; } = [];

    /// <summary>Media-level connection address, when the section has its own c= line.</summary>
    public string? ConnectionAddress { get; set; }

    public SdpDirection Direction { get; set; } = SdpDirection.SendRecv;

    /// <summary>True when the section said its direction itself rather than inheriting it.</summary>
    public bool HasDirection { get; set; }

    public int? PtimeMs { get; set; }

    /// <summary>Other a= lines as name and value (null for a flag attribute).</summary>
    public List<KeyValuePair<string, string?>> Attributes { get; } = [];

    /// <summary>The encoding name of a payload type from rtpmap, or the static name of RFC 3551.</summary>
    public string? EncodingName(int payloadType)
    {
        if (RtpMaps.TryGetValue(payloadType, out var map))
        {
            var slash = map.IndexOf('/', StringComparison.Ordinal);
            return slash < 0 ? map : map[..slash];
        }

        return payloadType switch
        {
            0 => "PCMU",
            8 => "PCMA",
            9 => "G722",
            _ => null,
        };
    }

    /// <summary>The clock rate of a payload type from rtpmap, 8000 for the static G.711 and G.722 types.</summary>
    public int? ClockRate(int payloadType)
    {
        if (RtpMaps.TryGetValue(payloadType, out var map))
        {
            var parts = map.Split('/');
            var rate = 0;
            var ok = parts.Length > 1
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out rate);
            return ok ? rate : null;
        }

        // RFC 3551 §4.5.2: G.722 (9) samples at 16 kHz but its RTP clock is 8000.
        return payloadType is 0 or 8 or 9 ? 8000 : null;
    }

    internal void AppendTo(StringBuilder builder)
    {
        builder.Append("m=").Append(MediaType).Append(' ').Append(Port.ToString(CultureInfo.InvariantCulture))
            .Append(' ').Append(Protocol);
        foreach (var format in Formats)
        {
            builder.Append(' ').Append(format.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var format in OtherFormats)
        {
            builder.Append(' ').Append(format);
        }

        builder.Append("\r\n");
        if (ConnectionAddress is not null)
        {
            SdpSession.AppendConnection(builder, ConnectionAddress);
        }

        foreach (var format in Formats)
        {
            if (RtpMaps.TryGetValue(format, out var map))
            {
                Line(builder, $"rtpmap:{format.ToString(CultureInfo.InvariantCulture)} {map}");
            }

            if (Fmtps.TryGetValue(format, out var fmtp))
            {
                Line(builder, $"fmtp:{format.ToString(CultureInfo.InvariantCulture)} {fmtp}");
            }
        }

        if (PtimeMs is { } ptime)
        {
            Line(builder, "ptime:" + ptime.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var (name, value) in Attributes)
        {
            Line(builder, value is null ? name : $"{name}:{value}");
        }

        if (HasDirection)
        {
            Line(builder, SdpSession.DirectionName(Direction));
        }
    }

    private static void Line(StringBuilder builder, string attribute) =>
        builder.Append("a=").Append(attribute).Append("\r\n");
}
