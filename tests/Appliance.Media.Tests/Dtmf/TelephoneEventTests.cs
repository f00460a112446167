using Appliance.Media.Dtmf;

namespace Appliance.Media.Tests.Dtmf;

public sealed class TelephoneEventTests
{
    [Fact]
    public void AnEndPacketIsReadFieldByField()
    {
        // RFC 4733 §2.3: event 11 (#), E=1, R=1 (ignored), volume 10, duration 1280.
        byte[] payload = [0x0B, 0xCA, 0x05, 0x00];

        var read = TelephoneEvent.TryRead(payload, out var telephoneEvent);

        Assert.True(read);
        Assert.Equal(new TelephoneEvent(11, End: true, Volume: 10, Duration: 1280), telephoneEvent);
    }

    [Fact]
    public void AWrittenEventReadsBackTheSame()
    {
        var written = new TelephoneEvent(5, End: false, Volume: 63, Duration: 65535);
        var buffer = new byte[4];

        written.Write(buffer);
        TelephoneEvent.TryRead(buffer, out var read);

        Assert.Equal(written, read);
        Assert.Equal(new byte[] { 0x05, 0x3F, 0xFF, 0xFF }, buffer);
    }

    [Fact]
    public void AShortPayloadIsRejected()
    {
        Assert.False(TelephoneEvent.TryRead([1, 2, 3], out _));
    }

    [Theory]
    [InlineData(0, '0')]
    [InlineData(9, '9')]
    [InlineData(10, '*')]
    [InlineData(11, '#')]
    [InlineData(12, 'A')]
    [InlineData(15, 'D')]
    public void EventCodesMapToDigitsBothWays(int code, char digit)
    {
        TelephoneEvent.TryGetDigit((byte)code, out var mapped);
        TelephoneEvent.TryGetEventCode(digit, out var reverse);

        Assert.Equal(digit, mapped);
        Assert.Equal(code, reverse);
    }

    [Fact]
    public void FlashAndUnknownCharactersAreNotDigits()
    {
        Assert.False(TelephoneEvent.TryGetDigit(16, out _));
        Assert.False(TelephoneEvent.TryGetEventCode('x', out _));
        Assert.True(TelephoneEvent.TryGetEventCode('b', out var lower));
        Assert.Equal(13, lower);
    }
}
