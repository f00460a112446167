using Appliance.Media.Dtmf;

namespace Appliance.Media.Tests.Dtmf;

public sealed class DtmfReceiverTests
{
    [Fact]
    public void OneKeyPressWithUpdatesAndThreeEndPacketsGivesOneDigit()
    {
        var stream = new TelephoneEventStream().Press(5, timestamp: 8000);

        var digits = stream.Feed(new DtmfReceiver());

        Assert.Equal("5", digits);
    }

    [Fact]
    public void TheSameDigitPressedTwiceGivesTwoDigits()
    {
        var stream = new TelephoneEventStream().Press(1, timestamp: 8000).Press(1, timestamp: 9600);

        var digits = stream.Feed(new DtmfReceiver());

        Assert.Equal("11", digits);
    }

    [Fact]
    public void DuplicatedPacketsAreAbsorbed()
    {
        var stream = new TelephoneEventStream().Press(2, timestamp: 100);
        stream.Packets.AddRange([.. stream.Packets]);

        var receiver = new DtmfReceiver();
        var digits = stream.Feed(receiver);

        Assert.Equal("2", digits);
        Assert.Equal(stream.Packets.Count - 1, receiver.RepeatedPackets);
    }

    [Fact]
    public void ALatePacketOfAnEarlierEventIsIgnored()
    {
        var stream = new TelephoneEventStream()
            .Press(3, timestamp: 1000)
            .Press(4, timestamp: 3000)
            .Add(3, timestamp: 1000, marker: false, end: true, duration: 800);

        var digits = stream.Feed(new DtmfReceiver());

        Assert.Equal("34", digits);
    }

    [Fact]
    public void AnEventWhoseStartWasLostIsReportedFromItsEndPackets()
    {
        var stream = new TelephoneEventStream()
            .Add(9, timestamp: 500, marker: false, end: true, duration: 800)
            .Add(9, timestamp: 500, marker: false, end: true, duration: 800);

        var digits = stream.Feed(new DtmfReceiver());

        Assert.Equal("9", digits);
    }

    [Fact]
    public void ALongEventContinuedInANewSegmentIsOneKeyPress()
    {
        // RFC 4733 §2.5.1.3: past 65535 samples the event goes on with a new timestamp, no marker.
        var stream = new TelephoneEventStream()
            .Add(0, timestamp: 0, marker: true, end: false, duration: 65535)
            .Add(0, timestamp: 65535, marker: false, end: false, duration: 160)
            .Add(0, timestamp: 65535, marker: false, end: true, duration: 320);

        var digits = stream.Feed(new DtmfReceiver());

        Assert.Equal("0", digits);
    }

    [Fact]
    public void TimestampsAcrossTheWrapAreNewEvents()
    {
        var stream = new TelephoneEventStream()
            .Press(7, timestamp: uint.MaxValue - 100)
            .Press(8, timestamp: 60);

        var digits = stream.Feed(new DtmfReceiver());

        Assert.Equal("78", digits);
    }

    [Fact]
    public void FlashIsNotADigit()
    {
        var stream = new TelephoneEventStream().Press(16, timestamp: 100);

        var digits = stream.Feed(new DtmfReceiver());

        Assert.Equal("", digits);
    }

    [Fact]
    public void AfterResetAnOldTimestampCountsAgain()
    {
        var stream = new TelephoneEventStream().Press(6, timestamp: 5000);
        var receiver = new DtmfReceiver();
        stream.Feed(receiver);

        receiver.Reset();
        var digits = stream.Feed(receiver);

        Assert.Equal("6", digits);
    }
}
