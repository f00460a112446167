using Appliance.Drivers.CallerId;
using Appliance.Drivers.Tests.Support;

namespace Appliance.Drivers.Tests.CallerId;

public sealed class LineCallerIdReceiverTests
{
    private static readonly CallerIdMessage s_fsk = new()
    {
        Format = CallerIdFormat.Mdmf,
        Timestamp = new CallerIdTimestamp(12, 3, 20, 45),
        Number = "075512345678",
    };

    private static readonly CallerIdMessage s_dtmf =
        new() { Format = CallerIdFormat.Dtmf, Number = "075512345678" };

    [Theory]
    [InlineData(CallerIdSignals.Bell202, CallerIdSignals.Bell202 | CallerIdSignals.V23)]
    [InlineData(CallerIdSignals.V23, CallerIdSignals.Bell202 | CallerIdSignals.V23)]
    [InlineData(CallerIdSignals.Dtmf, CallerIdSignals.Dtmf)]
    public void ListeningForEverySignalFindsEachAndSaysWhichCarriedIt(CallerIdSignals sent, CallerIdSignals seenAs)
    {
        var line = PhoneLine.Carry(Encode(sent), 0.3, 20, seed: 5);
        var receiver = new LineCallerIdReceiver(CallerIdSignals.All);

        FeedInFrames(receiver, line);

        Assert.Equal("075512345678", receiver.Message?.Number);
        Assert.Equal(seenAs, receiver.ReceivedAs);
    }

    [Theory]
    [InlineData(CallerIdSignals.Bell202)]
    [InlineData(CallerIdSignals.V23)]
    public void ListeningForOneFskStandardSaysThatOne(CallerIdSignals standard)
    {
        var receiver = new LineCallerIdReceiver(standard);

        FeedInFrames(receiver, PhoneLine.Carry(Encode(standard), 0.3, 20, seed: 9));

        Assert.Equal("075512345678", receiver.Message?.Number);
        Assert.Equal(standard, receiver.ReceivedAs);
    }

    [Theory]
    [InlineData(CallerIdSignals.Bell202, CallerIdSignals.Dtmf)]
    [InlineData(CallerIdSignals.Dtmf, CallerIdSignals.Bell202 | CallerIdSignals.V23)]
    [InlineData(CallerIdSignals.V23, CallerIdSignals.None)]
    public void ASignalTheLineIsNotListenedForGivesNoMessage(CallerIdSignals sent, CallerIdSignals listened)
    {
        var receiver = new LineCallerIdReceiver(listened);

        FeedInFrames(receiver, PhoneLine.Carry(Encode(sent), 1.0, 0, seed: 1));

        Assert.Null(receiver.Message);
    }

    [Fact]
    public void TheFirstMessageIsKeptWhenASecondFollows()
    {
        var second = s_dtmf with { Number = "02012345678" };
        var line = Encode(CallerIdSignals.Dtmf).Concat(CallerIdEncoder.EncodeDtmf(second)).ToArray();
        var receiver = new LineCallerIdReceiver(CallerIdSignals.Dtmf);

        FeedInFrames(receiver, PhoneLine.Carry(line, 1.0, 0, seed: 1));

        Assert.Equal("075512345678", receiver.Message?.Number);
    }

    private static short[] Encode(CallerIdSignals signal) => signal switch
    {
        CallerIdSignals.Bell202 => CallerIdEncoder.EncodeFsk(s_fsk, FskStandard.Bell202),
        CallerIdSignals.V23 => CallerIdEncoder.EncodeFsk(s_fsk, FskStandard.V23),
        _ => CallerIdEncoder.EncodeDtmf(s_dtmf),
    };

    private static void FeedInFrames(LineCallerIdReceiver receiver, short[] line)
    {
        for (var offset = 0; offset < line.Length; offset += 160)
        {
            receiver.Feed(line.AsSpan(offset, Math.Min(160, line.Length - offset)));
        }
    }
}
