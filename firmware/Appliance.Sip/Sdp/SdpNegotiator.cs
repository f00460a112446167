using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Appliance.Sip.Sdp;

/// <summary>
/// Offer/answer (RFC 3264) for one audio stream of G.711 (PCMU 0, PCMA 8, RFC 3551) with
/// RFC 4733 telephone-event. Stateless and thread safe.
/// </summary>
public static class SdpNegotiator
{
    /// <summary>The payload type we offer for telephone-event.</summary>
    public const int TelephoneEventPayloadType = 101;

    private const int DefaultPtimeMs = 20;

    /// <summary>Our offer: PCMU, PCMA, 101 telephone-event/8000 0-16, ptime 20, sendrecv.</summary>
    public static SdpSession CreateOffer(IPAddress address, int rtpPort, ulong sessionId)
    {
        ArgumentNullException.ThrowIfNull(address);
        var session = NewSession(address, sessionId);
        var media = new SdpMedia("audio", rtpPort, "RTP/AVP")
        {
            PtimeMs = DefaultPtimeMs,
            HasDirection = true,
        };
        media.Formats.AddRange([0, 8, TelephoneEventPayloadType]);
        media.RtpMaps[0] = "PCMU/8000";
        media.RtpMaps[8] = "PCMA/8000";
        media.RtpMaps[TelephoneEventPayloadType] = "telephone-event/8000";
        media.Fmtps[TelephoneEventPayloadType] = "0-16";
        session.Media.Add(media);
        return session;
    }

    /// <summary>
    /// Answers an offer (RFC 3264 §6): the first audio RTP/AVP stream with a codec we support
    /// is accepted with the first such codec in the offer's order and the offer's
    /// telephone-event payload type; every other stream is answered with port 0. False, with
    /// the reason, when no stream has a common codec (the TU answers 488). With
    /// <paramref name="acceptSecure"/>, an RTP/SAVP stream (RFC 3711 §12) is accepted too and
    /// answered RTP/SAVP; the caller then owes the answer its a=crypto line (RFC 4568).
    /// </summary>
    public static bool TryAnswer(
        SdpSession offer,
        IPAddress address,
        int rtpPort,
        ulong sessionId,
        [NotNullWhen(true)] out SdpSession? answer,
        out NegotiatedMedia media,
        out string error,
        bool acceptSecure = false)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(address);
        answer = null;
        media = default;
        error = "No audio stream with PCMU or PCMA in the offer";
        var result = NewSession(address, sessionId);
        var accepted = false;
        foreach (var offered in offer.Media)
        {
            string? problem = null;
            if (!accepted && TryChoose(offer, offered, acceptSecure, out var chosen, out problem))
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
        error = "No accepted audio stream with PCMU or PCMA in the answer";
        foreach (var stream in answer.Media)
        {
            if (TryChoose(answer, stream, acceptSecure: false, out media, out var problem))
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

        int? payloadType = null;
        string? codec = null;
        int? telephoneEvent = null;
        foreach (var format in stream.Formats)
        {
            var name = stream.EncodingName(format);
            if (payloadType is null && stream.ClockRate(format) == 8000
                && (string.Equals(name, "PCMU", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(name, "PCMA", StringComparison.OrdinalIgnoreCase)))
            {
                payloadType = format;
                codec = name!.ToUpperInvariant();
            }
            else if (telephoneEvent is null && stream.ClockRate(format) == 8000
                && string.Equals(name, "telephone-event", StringComparison.OrdinalIgnoreCase))
            {
                telephoneEvent = format;
            }
        }

        if (payloadType is null)
        {
            problem = "No common codec: offered " + string.Join(' ', stream.Formats);
            return false;
        }

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
            stream.PtimeMs ?? DefaultPtimeMs);
        return true;
    }

    /// <summary>True for an RTP/SAVP stream, which needs SRTP keyed by a=crypto.</summary>
    public static bool IsSecure(SdpMedia stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return string.Equals(stream.Protocol, "RTP/SAVP", StringComparison.OrdinalIgnoreCase);
    }

    private static SdpMedia AnswerStream(SdpMedia offered, NegotiatedMedia chosen, int rtpPort)
    {
        var stream = new SdpMedia("audio", rtpPort, offered.Protocol)
        {
            PtimeMs = DefaultPtimeMs,
            HasDirection = true,
        };
        stream.Formats.Add(chosen.PayloadType);
        stream.RtpMaps[chosen.PayloadType] = chosen.Codec + "/8000";
        if (chosen.TelephoneEventPayloadType is { } te)
        {
            stream.Formats.Add(te);
            stream.RtpMaps[te] = "telephone-event/8000";
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
