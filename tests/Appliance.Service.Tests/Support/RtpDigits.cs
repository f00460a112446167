using Appliance.Media.Dtmf;
using Appliance.Media.Rtp;

namespace Appliance.Service.Tests.Support;

/// <summary>
/// The key presses a peer received, read back from captured RTP: as RFC 4733 events (payload
/// type 101 by default, one digit per key press as a phone's receiver counts them) or as Q.23
/// tones in the G.711 audio (the service's own Q.24 detector).
/// </summary>
public static class RtpDigits
{
    public static string EventsAt(IEnumerable<CapturedDatagram> datagrams, int port, int payloadType = 101)
    {
        var receiver = new DtmfReceiver();
        var digits = string.Empty;
        foreach (var datagram in datagrams.Where(d => d.Destination.Port == port))
        {
            if (RtpPacket.TryRead(datagram.Payload, out var header, out var payload)
                && header.PayloadType == payloadType
                && receiver.TryAccept(header, payload, out var digit))
            {
                digits += digit;
            }
        }

        return digits;
    }

    public static string InbandAt(IEnumerable<CapturedDatagram> datagrams, int port) =>
        Inband(RtpAudio.ReceivedAt(datagrams, port));

    public static string Inband(short[] audio)
    {
        var detector = new InbandDtmfDetector();
        var digits = string.Empty;
        detector.DigitDetected += digit => digits += digit;
        detector.WriteFrame(audio);
        return digits;
    }
}
