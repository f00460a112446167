using Appliance.Media.Dtmf;
using Appliance.Media.Rtp;

namespace Appliance.Media.Tests.Dtmf;

public sealed class DtmfSenderTests
{
    [Fact]
    public void AHundredMillisecondPressIsFiveUpdatesThenThreeEnds()
    {
        var sender = new DtmfSender();
        sender.Start('#', durationSamples: 800, timestamp: 1234);
        var packets = new List<(TelephoneEvent Event, bool Marker)>();
        var payload = new byte[4];

        while (sender.IsActive)
        {
            sender.WriteNext(payload, 160, out var marker);
            TelephoneEvent.TryRead(payload, out var telephoneEvent);
            packets.Add((telephoneEvent, marker));
        }

        Assert.Equal(
            new ushort[] { 160, 320, 480, 640, 800, 800, 800 },
            packets.Select(p => p.Event.Duration).ToArray());
        Assert.Equal(
            new[] { false, false, false, false, true, true, true },
            packets.Select(p => p.Event.End).ToArray());
        Assert.Equal(
            new[] { true, false, false, false, false, false, false },
            packets.Select(p => p.Marker).ToArray());
        Assert.All(packets, p => Assert.Equal(11, p.Event.Event));
        Assert.Equal(1234u, sender.Timestamp);
    }

    [Fact]
    public void WhatTheSenderSendsTheReceiverReportsOnce()
    {
        var sender = new DtmfSender();
        var receiver = new DtmfReceiver();
        var payload = new byte[4];
        var digits = "";
        ushort sequence = 0;
        sender.Start('7', durationSamples: 1000, timestamp: 320);

        while (sender.IsActive)
        {
            sender.WriteNext(payload, 160, out var marker);
            var header = new RtpHeader
            {
                Marker = marker,
                PayloadType = 101,
                SequenceNumber = sequence++,
                Timestamp = sender.Timestamp,
            };
            if (receiver.TryAccept(header, payload, out var digit))
            {
                digits += digit;
            }
        }

        Assert.Equal("7", digits);
    }

    [Fact]
    public void AnIdleSenderWritesNothing()
    {
        var sender = new DtmfSender();

        var length = sender.WriteNext(new byte[4], 160, out var marker);

        Assert.Equal(0, length);
        Assert.False(marker);
    }

    [Fact]
    public void ANonDigitCannotBeSent()
    {
        var sender = new DtmfSender();

        Assert.Throws<ArgumentException>(() => sender.Start('x', 800, 0));
    }
}
