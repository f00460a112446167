using Appliance.Drivers.CallerId;

namespace Appliance.Drivers.Tests.CallerId;

public sealed class CallerIdMessageCodecTests
{
    [Fact]
    public void AnSdmfMessageHasTheLayoutOfGr30()
    {
        var message = new CallerIdMessage
        {
            Format = CallerIdFormat.Sdmf,
            Timestamp = new CallerIdTimestamp(1, 2, 3, 4),
            Number = "6145551212",
        };

        var frame = CallerIdMessageCodec.Encode(message);

        Assert.Equal(0x04, frame[0]);
        Assert.Equal(18, frame[1]);
        Assert.Equal("010203046145551212", System.Text.Encoding.ASCII.GetString(frame, 2, 18));
        Assert.Equal(0, frame.Sum(b => b) % 256);
    }

    [Fact]
    public void AnMdmfMessageCarriesEachItemAsTypeLengthValue()
    {
        var message = new CallerIdMessage
        {
            Format = CallerIdFormat.Mdmf,
            Number = "123",
            NameAbsence = CallerIdAbsence.Private,
        };

        var frame = CallerIdMessageCodec.Encode(message);

        Assert.Equal(new byte[] { 0x80, 8, 0x02, 3, (byte)'1', (byte)'2', (byte)'3', 0x08, 1, (byte)'P' },
            frame[..^1]);
        Assert.True(CallerIdMessageCodec.TryDecode(frame, out var decoded, out _));
        Assert.Equal(message, decoded);
    }

    [Fact]
    public void EveryDamagedByteOfAMessageIsRefused()
    {
        var frame = CallerIdMessageCodec.Encode(new CallerIdMessage
        {
            Format = CallerIdFormat.Mdmf,
            Timestamp = new CallerIdTimestamp(5, 6, 7, 8),
            Number = "075512345678",
            Name = "LI NA",
        });

        for (var i = 0; i < frame.Length; i++)
        {
            var damaged = (byte[])frame.Clone();
            damaged[i] ^= 0x10;

            var accepted = CallerIdMessageCodec.TryDecode(damaged, out var message, out var error);

            Assert.False(accepted, $"byte {i}");
            Assert.Null(message);
            Assert.NotNull(error);
        }
    }

    [Fact]
    public void AnMdmfParameterRunningPastTheEndIsRefused()
    {
        byte[] body = [0x80, 4, 0x02, 9, (byte)'1', (byte)'2'];
        byte[] frame = [.. body, (byte)(-body.Sum(b => b) & 0xff)];

        var accepted = CallerIdMessageCodec.TryDecode(frame, out _, out var error);

        Assert.False(accepted);
        Assert.Contains("past the end", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnSdmfMessageWithANameCannotBeEncoded()
    {
        var message = new CallerIdMessage
        {
            Format = CallerIdFormat.Sdmf,
            Timestamp = new CallerIdTimestamp(1, 1, 0, 0),
            Number = "1",
            Name = "X",
        };

        Assert.Throws<ArgumentException>(() => CallerIdMessageCodec.Encode(message));
    }
}
