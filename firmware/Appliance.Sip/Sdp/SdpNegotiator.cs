using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Appliance.Sip.Sdp;

/// <summary>
/// Offer/answer (RFC 3264) for one audio stream of G.722 (9), G.711 (PCMU 0, PCMA 8, RFC 3551)
/// or Opus (RFC 7587) with RFC 4733 telephone-event at the chosen codec's clock rate. Stateless
/// and thread safe.
/// </summary>
public static class SdpNegotiator
{
    /// <summary>The payload type we offer for telephone-event/8000 (G.711 and G.722).</summary>
    public const int TelephoneEventPayloadType = 101;

    /// <summary>The payload type we offer for telephone-event/48000, which goes with Opus.</summary>
    public const int WidebandTelephoneEventPayloadType = 102;

    /// <summary>The dynamic payload type we offer Opus on.</summary>
    public const int OpusPayloadType = 111;

    /// <summary>
    /// Our codecs, most preferred first: G.722 for wideband at little cost, G.711 for everything
    /// else, Opus last since it costs the most to transcode. PCMU and PCMA rank the same, so the
    /// offer's order decides between them (a European trunk offering PCMA first gets PCMA).
    /// </summary>
    public static IReadOnlyList<string> Preference { get; } = ["G722", "PCMU", "PCMA", "OPUS"];

    private const int DefaultPtimeMs = 20;

    /// <summary>
    /// Our offer: G.722, PCMU, PCMA and opus/48000/2, telephone-event 0-16 at 8000 (101) and
    /// 48000 (102), ptime 20, sendrecv. A <paramref name="preferredCodec"/> (the other leg's,
    /// so the bridge can relay without transcoding) is moved to the front; <paramref name="codecs"/>,
    /// when given, limits the offer to those names of <see cref="Preference"/>.
    /// </summary>
    public static SdpSession CreateOffer(
        IPAddress address,
        int rtpPort,
        ulong sessionId,
        string? preferredCodec = null,
        IReadOnlyCollection<string>? codecs = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        var session = NewSession(address, sessionId);
        var media = new SdpMedia("audio", rtpPort, "RTP/AVP")
        {
            PtimeMs = DefaultPtimeMs,
            HasDirection = true,
        };
        var order = Preference
            .Where(c => codecs is null || codecs.Contains(c, StringComparer.OrdinalIgnoreCase))
            .OrderBy(c => string.Equals(c, preferredCodec, StringComparison.OrdinalIgnoreCase) ? 0 : 1);
        foreach (var codec in order)
        {
            var payloadType = StaticPayloadType(codec);
            media.Formats.Add(payloadType);
            media.RtpMaps[payloadType] = RtpMap(codec);
        }

        media.Formats.AddRange([TelephoneEventPayloadType, WidebandTelephoneEventPayloadType]);
        media.RtpMaps[TelephoneEventPayloadType] = "telephone-event/8000";
        media.Fmtps[TelephoneEventPayloadType] = "0-16";
        media.RtpMaps[WidebandTelephoneEventPayloadType] = "telephone-event/48000";
        media.Fmtps[WidebandTelephoneEventPayloadType] = "0-16";
        session.Media.Add(media);
        return session;
    }

    /// <summary>The RTP clock rate of a codec name of <see cref="Preference"/>.</summary>
    public static int ClockRate(string codec) =>
        string.Equals(codec, "OPUS", StringComparison.OrdinalIgnoreCase) ? 48000 : 8000;

    /// <summary>
    /// Answers an offer (RFC 3264 §6): the first audio RTP/AVP stream with a codec we support
    /// is accepted with the first such codec in the offer's order and the offer's
    /// telephone-event payload type; every other stream is answered with port 0. False, with
    /// the reason, when no stream has a common codec (the TU answers 488). With
    /// <paramref name="acceptSecure"/>, an RTP/SAVP stream (RFC 3711 §12) is accepted too and
    /// answered RTP/SAVP; the caller then owes the answer its a=crypto line (RFC 4568).
    /// <paramref name="codecs"/>, when given, limits the choice to those names of
    /// <see cref="Preference"/>.
    /// </summary>
    public static bool TryAnswer(
        SdpSession offer,
        IPAddress address,
        int rtpPort,
        ulong sessionId,
        [NotNullWhen(true)] out SdpSession? answer,
        out NegotiatedMedia media,
        out string error,
        bool acceptSecure = false,
        IReadOnlyCollection<string>? codecs = null)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(address);
        answer = null;
        media = default;
        error = "No audio stream with G722, PCMU, PCMA or opus in the offer";
        var result = NewSession(address, sessionId);
        var accepted = false;
        foreach (var offered in offer.Media)
        {
            string? problem = null;
            if (!accepted && TryChoose(offer, offered, acceptSecure, ourOrder: true, codecs, out var chosen, out problem))
            {
                accepted = true;
                media = chosen;
                result.Media.Add(AnswerStream(offered, chosen, rtpPort));
                continue;
            }

            if (!accepted && problem is not null)
            {
                error = problem;
            }

            result.Media.Add(Rejected(offered));
        }

        if (!accepted)
        {
            return false;
        }

        answer = result;
        error = string.Empty;
        return true;
    }

    /// <summary>Reads the answer to our offer: the first accepted audio stream and its codec.</summary>
    public static bool TryReadAnswer(SdpSession answer, out NegotiatedMedia media, out string error)
    {
        ArgumentNullException.ThrowIfNull(answer);
        media = default;
        error = "No accepted audio stream with G722, PCMU, PCMA or opus in the answer";
        foreach (var stream in answer.Media)
        {
            if (TryChoose(answer, stream, acceptSecure: false, ourOrder: false, null, out media, out var problem))
            {
                error = string.Empty;
                return true;
            }

            error = problem ?? error;
        }

        return false;
    }

    private static bool TryChoose(
        SdpSession session,
        SdpMedia stream,
        bool acceptSecure,
        bool ourOrder,
        IReadOnlyCollection<string>? codecs,
        out NegotiatedMedia media,
        out string? problem)
    {
        media = default;
        problem = null;
        if (stream.MediaType != "audio" || stream.Port == 0
            || !(string.Equals(stream.Protocol, "RTP/AVP", StringComparison.OrdinalIgnoreCase)
                || (acceptSecure && IsSecure(stream))))
        {
            return false;
        }

        // An offer is answered with the codec we like best (RFC 3264 §6.1 leaves the choice to
        // the answerer); an answer is taken in its own order, the answerer having chosen.
        int? payloadType = null;
        string? codec = null;
        var rank = int.MaxValue;
        foreach (var format in stream.Formats)
        {
            var name = KnownCodec(stream, format);
            if (name is not null && codecs is not null && !codecs.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                name = null;
            }

            var index = name is null ? -1 : Rank(name);
            if (index >= 0 && (ourOrder ? index < rank : payloadType is null))
            {
                payloadType = format;
                codec = name;
                rank = index;
            }
        }

        if (payloadType is null)
        {
            problem = "No common codec: offered " + string.Join(' ', stream.Formats);
            return false;
        }

        // RFC 4733 §2.1: telephone-event runs at the clock of the audio it goes with. Some Opus
        // phones (baresip 1.0) offer only telephone-event/8000; it is taken when nothing better is.
        int? telephoneEvent = null;
        int? mismatched = null;
        var clock = ClockRate(codec!);
        foreach (var format in stream.Formats)
        {
            var name = stream.EncodingName(format);
            if (!string.Equals(name, "telephone-event", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (telephoneEvent is null && stream.ClockRate(format) == clock)
            {
                telephoneEvent = format;
            }
            else if (mismatched is null && stream.ClockRate(format) == 8000)
            {
                mismatched = format;
            }
        }

        telephoneEvent ??= mismatched;

        var connection = stream.ConnectionAddress ?? session.ConnectionAddress;
        if (!IPAddress.TryParse(connection, out var remote))
        {
            problem = "The audio stream has no IP connection address";
            return false;
        }

        media = new NegotiatedMedia(
            new IPEndPoint(remote, stream.Port),
            payloadType.Value,
            codec!,
            telephoneEvent,
            PacketTime(stream))
        {
            RemoteRtcp = RtcpAddress(stream, remote),
        };
        return true;
    }

    // RFC 3605 §2.1: a=rtcp:<port> [IN IP4|IP6 <address>]; without an address the RTCP goes to
    // the RTP stream's address. A line that does not parse is ignored (the default port is used).
    private static IPEndPoint? RtcpAddress(SdpMedia stream, IPAddress rtpAddress)
    {
        foreach (var (name, value) in stream.Attributes)
        {
            if (!string.Equals(name, "rtcp", StringComparison.OrdinalIgnoreCase) || value is null)
            {
                continue;
            }

            var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                || port is < 1 or > 65535)
            {
                return null;
            }

            var address = rtpAddress;
            if (parts.Length == 4
                && string.Equals(parts[1], "IN", StringComparison.OrdinalIgnoreCase)
                && IPAddress.TryParse(parts[3], out var explicitAddress))
            {
                address = explicitAddress;
            }

            return new IPEndPoint(address, port);
        }

        return null;
    }

    // RFC 4566 §6: ptime is what the peer wants to receive, maxptime the most it can take.
    private static int PacketTime(SdpMedia stream)
    {
        var ptime = stream.PtimeMs ?? DefaultPtimeMs;
        foreach (var (name, value) in stream.Attributes)
        {
            if (name == "maxptime"
                && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var max)
                && max > 0)
            {
                ptime = Math.Min(ptime, max);
            }
        }

        return ptime;
    }

    private static string? KnownCodec(SdpMedia stream, int format)
    {
        var name = stream.EncodingName(format);
        if (name is null)
        {
            return null;
        }

        var upper = name.ToUpperInvariant();
        return Rank(upper) >= 0 && stream.ClockRate(format) == ClockRate(upper) ? upper : null;
    }

    private static int Rank(string codec) => codec switch
    {
        "G722" => 0,
        "PCMU" or "PCMA" => 1,
        "OPUS" => 2,
        _ => -1,
    };

    private static int StaticPayloadType(string codec) => codec switch
    {
        "PCMU" => 0,
        "PCMA" => 8,
        "G722" => 9,
        _ => OpusPayloadType,
    };

    // RFC 7587 §7: opus is always signalled as two channels at 48000.
    private static string RtpMap(string codec) => codec == "OPUS" ? "opus/48000/2" : codec + "/8000";

    /// <summary>True for an RTP/SAVP stream, which needs SRTP keyed by a=crypto.</summary>
    public static bool IsSecure(SdpMedia stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return string.Equals(stream.Protocol, "RTP/SAVP", StringComparison.OrdinalIgnoreCase);
    }

    private static SdpMedia AnswerStream(SdpMedia offered, NegotiatedMedia chosen, int rtpPort)
    {
        // We send at the offerer's ptime and ask for the same back.
        var stream = new SdpMedia("audio", rtpPort, offered.Protocol)
        {
            PtimeMs = chosen.PtimeMs,
            HasDirection = true,
        };
        stream.Formats.Add(chosen.PayloadType);
        stream.RtpMaps[chosen.PayloadType] = RtpMap(chosen.Codec);
        if (chosen.TelephoneEventPayloadType is { } te)
        {
            stream.Formats.Add(te);
            stream.RtpMaps[te] = offered.RtpMaps.GetValueOrDefault(te, "telephone-event/8000");
            stream.Fmtps[te] = offered.Fmtps.GetValueOrDefault(te, "0-16");
        }

        // RFC 3264 §6.1: the answer's direction mirrors the offer's.
        stream.Direction = offered.Direction switch
        {
            SdpDirection.SendOnly => SdpDirection.RecvOnly,
            SdpDirection.RecvOnly => SdpDirection.SendOnly,
            SdpDirection.Inactive => SdpDirection.Inactive,
            _ => SdpDirection.SendRecv,
        };
        return stream;
    }

    private static SdpMedia Rejected(SdpMedia offered)
    {
        // RFC 3264 §6: a rejected stream keeps its m= line with port 0 and at least one format.
        var stream = new SdpMedia(offered.MediaType, 0, offered.Protocol);
        stream.Formats.AddRange(offered.Formats);
        stream.OtherFormats.AddRange(offered.OtherFormats);
        if (stream.Formats.Count == 0 && stream.OtherFormats.Count == 0)
        {
            stream.Formats.Add(0);
        }

        return stream;
    }

    private static SdpSession NewSession(IPAddress address, ulong sessionId)
    {
        var text = address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6
            ? address.MapToIPv4().ToString()
            : address.ToString();
        return new SdpSession
        {
            OriginUser = "-",
            SessionId = sessionId,
            SessionVersion = sessionId,
            OriginAddress = text,
            SessionName = "SparkleCC",
            ConnectionAddress = text,
        };
    }
}
